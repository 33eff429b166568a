package baseline;

import io.slaflow.bench.BenchLeads;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The baseline of benchmarks 1, 2 and 5: a Camunda Spring Boot starter application with nothing of ours, started from
 * the same class path with {@code --spring.config.location=classpath:/bench/bare-camunda.yaml} instead of our
 * configuration. It lives outside {@code io.slaflow} so that Slaflow's component scan never finds it, and it scans
 * only its own package. With {@code --bench.floor.instances=N} it starts N instances of the floor process, whose
 * timers the timer benchmark then makes due at once: the engine's own burst, without Slaflow.
 */
@SpringBootApplication
public class BareCamundaApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }

  /** The floor: one user task with three non-interrupting timers, as a stage with a warning, a breach, an escalation. */
  public static BpmnModelInstance floorProcess() {
    UserTaskBuilder task = Bpmn.createExecutableProcess("bench-floor").camundaHistoryTimeToLive(1)
        .startEvent("Start").userTask("Task_Floor").camundaAssignee("bench");
    for (String timer : List.of("Warning", "Breach", "Escalation")) {
      task.boundaryEvent("Timer_" + timer).cancelActivity(false).timerWithDuration("PT4H").endEvent("End_" + timer)
          .moveToActivity("Task_Floor");
    }
    return task.endEvent("End").done();
  }

  @Bean
  ApplicationRunner floorInstances(ProcessEngine engine, @Value("${bench.floor.instances:0}") int instances) {
    return args -> {
      if (instances == 0) {
        return;
      }
      engine.getRepositoryService().createDeployment().name("bench-floor")
          .addModelInstance("bench-floor.bpmn", floorProcess()).deploy();
      BenchLeads.parallel(instances, i -> engine.getRuntimeService().startProcessInstanceByKey("bench-floor"));
    };
  }
}
