package baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline of benchmark 5: a Camunda Spring Boot starter application with nothing of ours, started from the
 * same class path with {@code --spring.config.location=classpath:/bench/bare-camunda.yaml} instead of our
 * configuration. It lives outside {@code io.slaflow} so that Slaflow's component scan never finds it, and it scans
 * only its own package.
 */
@SpringBootApplication
public class BareCamundaApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
