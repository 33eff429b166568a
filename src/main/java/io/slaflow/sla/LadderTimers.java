package io.slaflow.sla;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Finds the pending timer jobs of a stage's ladder: the timers whose time date is one of the SLA clock's instants
 * ({@code ${slaDueAt}} and the others). Only the current stage's timers have pending jobs.
 */
@Component
class LadderTimers {

  static final List<String> INSTANTS = List.of(SlaVariables.WARNING_AT.name(), SlaVariables.FINAL_WARNING_AT.name(),
      SlaVariables.DUE_AT.name(), SlaVariables.ESCALATE_AT.name(), SlaVariables.REASSIGN_AT.name());

  private final ManagementService managementService;
  private final RepositoryService repositoryService;

  LadderTimers(@Lazy ManagementService managementService, @Lazy RepositoryService repositoryService) {
    this.managementService = managementService;
    this.repositoryService = repositoryService;
  }

  /** Each pending ladder job of the instance, with the name of the instant variable it waits for. */
  Map<Job, String> pending(String processDefinitionId, String processInstanceId) {
    Map<String, String> variableByTimer = new LinkedHashMap<>();
    repositoryService.getBpmnModelInstance(processDefinitionId)
        .getModelElementsByType(TimerEventDefinition.class).forEach(timer -> {
          String expression = timer.getTimeDate() == null ? "" : timer.getTimeDate().getTextContent().trim();
          INSTANTS.stream().filter(name -> expression.equals("${" + name + "}")).findFirst().ifPresent(name ->
              variableByTimer.put(((ModelElementInstance) timer.getParentElement()).getAttributeValue("id"), name));
        });
    Map<Job, String> jobs = new LinkedHashMap<>();
    variableByTimer.forEach((timer, name) -> managementService.createJobQuery().processInstanceId(processInstanceId)
        .activityId(timer).list().forEach(job -> jobs.put(job, name)));
    return jobs;
  }
}
