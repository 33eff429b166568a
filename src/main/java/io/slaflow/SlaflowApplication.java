package io.slaflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Slaflow: an SLA-first CRM process application on the embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SlaflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(SlaflowApplication.class, args);
  }
}
