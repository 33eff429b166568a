package io.slaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.intake.LeadIntake;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.testsupport.SlaflowTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's history keeps each variable's latest value and everything else of full history, but not the log of every
 * earlier value (ops.VariableHistory), unless the operator asks for it.
 */
class VariableHistoryTest extends SlaflowTest {

  @Autowired HistoryService historyService;

  @Test
  void historyKeepsEachVariablesLatestValueAndTheDecisionsButNoLogOfEarlierValues() {
    LeadIntake.Created lead = createLead(uniqueName("History"), "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    // A variable written twice: the rep takes the lead over from its owner (the task's assignee, then the owner).
    String other = "ben.keller".equals(lead.owner()) ? "david.wolf" : "ben.keller";
    Task task = taskService.createTaskQuery().processInstanceId(pid).singleResult();
    taskService.setAssignee(task.getId(), other);

    Map<String, Object> latest = historyService.createHistoricVariableInstanceQuery().processInstanceId(pid).list()
        .stream().filter(v -> v.getValue() != null)
        .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
    Map<String, Object> running = runtimeService.getVariables(pid);
    running.values().removeIf(value -> value == null);
    assertThat(latest).isEqualTo(running);
    assertThat(latest.get(RoutingVariables.OWNER.name())).isEqualTo(other);
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(pid).count())
        .as("no log of earlier values").isZero();
    assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(pid)
        .decisionDefinitionKey("lead-assignment").count()).as("Cockpit's decision instances").isOne();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId("Task_MakeFirstContact").count()).isOne();
  }

  @Test
  void theOperatorCanKeepTheLogOfEarlierValues() {
    ProcessEngineConfigurationImpl withLog = new StandaloneInMemProcessEngineConfiguration();
    new VariableHistory(true).preInit(withLog);
    assertThat(withLog.isEnableDefaultDbHistoryEventHandler()).isTrue();

    ProcessEngineConfigurationImpl withoutLog = new StandaloneInMemProcessEngineConfiguration();
    new VariableHistory(false).preInit(withoutLog);
    assertThat(withoutLog.isEnableDefaultDbHistoryEventHandler()).isFalse();
    assertThat(withoutLog.getCustomHistoryEventHandlers()).singleElement()
        .isInstanceOf(VariableHistory.LatestValuesOnly.class);
  }
}
