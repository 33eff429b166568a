package io.slaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.contract.ContractIntake;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.StageHistory;
import io.slaflow.testsupport.Http;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An accepted MQL moved through discovery, proposal and close, each stage on its clock. */
class DealStagesTest extends PipelineTestSupport {

  @Autowired ContractIntake contracts;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aWonDealPassesEveryStageOnTimeAndStartsOnboarding() throws Exception {
    clockAt(MONDAY_10, BERLIN);
    String company = "Won " + uniqueName("Co");
    PipelineIntake.Created mql = mql(company);
    String pid = mql.processInstanceId();
    String owner = mql.owner();
    clockAt(berlin(11, 30, 11, 0));
    accept(pid);

    // Discovery booked for Thursday 14:00 Berlin: the discovery stage waits for the call.
    clockAt(berlin(11, 30, 15, 0));
    scheduleDiscovery(pid, "2026-12-03T14:00");
    assertThat(timerJob(pid, "Timer_DiscoveryMeeting").getDuedate().toInstant()).isEqualTo(berlin(12, 3, 14, 0));
    assertThat(taskService.createTaskQuery().processInstanceId(pid).count()).isZero();

    // After the call: follow-up email within 2 business days (18 working hours): Monday 14:00.
    fireTimer(pid, "Timer_DiscoveryMeeting");
    Task discovery = task(pid, "Task_Discovery");
    assertThat(discovery.getAssignee()).isEqualTo(owner);
    assertThat(discovery.getDueDate().toInstant()).isEqualTo(berlin(12, 7, 14, 0));

    // Qualified: the proposal is due within 3 business days.
    clockAt(berlin(12, 4, 10, 0));
    complete(pid, "Task_Discovery", qualified());
    assertThat(task(pid, "Task_Proposal").getDueDate().toInstant()).isEqualTo(berlin(12, 9, 10, 0));

    clockAt(berlin(12, 8, 16, 0));
    complete(pid, "Task_Proposal", proposalSent());
    assertThat(task(pid, "Task_CloseDeal").getAssignee()).isEqualTo(owner);
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult();

    clockAt(berlin(12, 15, 9, 30));
    Map<String, Object> won = new HashMap<>(Map.of("dealOutcome", "won", "wonAmount", 52000));
    complete(pid, "Task_CloseDeal", won);

    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance).isEnded()
        .hasPassed("Task_CloseWon", "Task_StartOnboarding", "End_Won");
    Opportunity closed = opportunity(mql.opportunityId());
    assertThat(closed.status()).isEqualTo("won");
    assertThat(closed.closedAt()).isEqualTo(berlin(12, 15, 9, 30));

    // The won deal started onboarding for the account: kickoff within 3 business days.
    ContractIntake.Created contract = contracts.ofOpportunity(mql.opportunityId()).orElseThrow();
    ProcessInstance onboarding = runtimeService.createProcessInstanceQuery().processDefinitionKey("onboarding")
        .processInstanceBusinessKey(contract.contractId()).singleResult();
    assertThat(onboarding).isNotNull();
    Task kickoff = taskService.createTaskQuery().processInstanceId(onboarding.getId()).singleResult();
    assertThat(kickoff.getTaskDefinitionKey()).isEqualTo("Task_Kickoff");
    assertThat(kickoff.getAssignee()).isIn(BERLIN_REPS);
    assertThat(kickoff.getDueDate().toInstant()).isEqualTo(berlin(12, 18, 9, 30));
    assertThat(runtimeService.getVariable(onboarding.getId(), "company")).isEqualTo(company);
    assertThat(runtimeService.getVariable(onboarding.getId(), "amount")).isEqualTo(52000.0);
    assertThat(runtimeService.getVariable(onboarding.getId(), "currency")).isEqualTo("EUR");

    // Stage history: every stage entered and left, with its outcome; the SLA records all met.
    assertThat(stages(mql.opportunityId()))
        .extracting(StageHistory.Entry::stage, StageHistory.Entry::outcome, StageHistory.Entry::enteredAt,
            StageHistory.Entry::leftAt)
        .containsExactly(
            tuple("accept-mql", "accept", berlin(11, 30, 10, 0), berlin(11, 30, 11, 0)),
            tuple("schedule-discovery", "done", berlin(11, 30, 11, 0), berlin(11, 30, 15, 0)),
            tuple("discovery", "qualified", berlin(12, 3, 14, 0), berlin(12, 4, 10, 0)),
            tuple("proposal", "done", berlin(12, 4, 10, 0), berlin(12, 8, 16, 0)),
            tuple("closing", "won", berlin(12, 8, 16, 0), berlin(12, 15, 9, 30)));
    assertThat(pipelineRecords(mql.opportunityId())).extracting(SlaRecord::stage, SlaRecord::outcome)
        .containsExactly(tuple("accept-mql", "met"), tuple("schedule-discovery", "met"), tuple("discovery", "met"),
            tuple("proposal", "met"), tuple("closing", "met"));
  }

  @Test
  void discoveryExitsDisqualifiedWithItsReason() {
    PipelineIntake.Created mql = acceptedMql("Disqualified " + uniqueName("Co"));
    String pid = mql.processInstanceId();
    scheduleDiscovery(pid, "2026-12-01T11:00");
    fireTimer(pid, "Timer_DiscoveryMeeting");

    complete(pid, "Task_Discovery", Map.of("discoveryOutcome", "disqualified", "disqualifyReason", "icp-mismatch"));

    Opportunity o = opportunity(mql.opportunityId());
    assertThat(o.status()).isEqualTo("disqualified");
    assertThat(o.statusReason()).isEqualTo("icp-mismatch");
    StageHistory.Entry last = stages(mql.opportunityId()).get(2);
    assertThat(last.stage()).isEqualTo("discovery");
    assertThat(last.outcome()).isEqualTo("disqualified");
    assertThat(last.reason()).isEqualTo("icp-mismatch");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
  }

  @Test
  void closedLostNeedsAReason() {
    PipelineIntake.Created mql = acceptedMql("Lost " + uniqueName("Co"));
    String pid = mql.processInstanceId();
    toClosing(pid, "2026-12-01T11:00");
    Http http = new Http(port);
    String taskId = task(pid, "Task_CloseDeal").getId();

    HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {\"dealOutcome\": {\"value\": \"lost\"}}}", "admin", ADMIN_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Required data missing for 'Close the deal': lostReason");

    complete(pid, "Task_CloseDeal", Map.of("dealOutcome", "lost", "lostReason", "competitor"));
    assertThat(opportunity(mql.opportunityId()).status()).isEqualTo("lost");
    assertThat(opportunity(mql.opportunityId()).statusReason()).isEqualTo("competitor");
  }

  @Test
  void theGateRefusesDiscoveryWithoutItsRequiredDataThroughTheEngineRestApi() throws Exception {
    PipelineIntake.Created mql = acceptedMql("Gate " + uniqueName("Co"));
    String pid = mql.processInstanceId();
    scheduleDiscovery(pid, "2026-12-01T11:00");
    fireTimer(pid, "Timer_DiscoveryMeeting");
    String taskId = task(pid, "Task_Discovery").getId();
    Http http = new Http(port);

    // Qualified without the stage template's data: every missing field is named, the entry checks included.
    HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\": {\"discoveryOutcome\": {\"value\": \"qualified\"}, \"pain\": {\"value\": \"Slow\"},"
            + " \"problemConfirmed\": {\"value\": false}}}",
        mql.owner(), DEMO_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("message").asText())
        .endsWith("Required data missing for 'Complete discovery': problemConfirmed, decisionMakerConfirmed,"
            + " timelineConfirmed, decisionMaker, budgetRange, demoPlan, followUpEmailSent");
    assertThat(task(pid, "Task_Discovery").getId()).isEqualTo(taskId);

    // Disqualified needs only the reason: the qualified-only fields are hidden in the form and not required.
    HttpResponse<String> noReason = http.postJson("/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\": {\"discoveryOutcome\": {\"value\": \"disqualified\"}}}", mql.owner(), DEMO_PASSWORD);
    JsonNode problem = JSON.readTree(noReason.body());
    assertThat(problem.get("message").asText())
        .endsWith("Required data missing for 'Complete discovery': disqualifyReason");

    HttpResponse<String> done = http.postJson("/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\": {\"discoveryOutcome\": {\"value\": \"disqualified\"},"
            + " \"disqualifyReason\": {\"value\": \"budget-missing\"}}}", mql.owner(), DEMO_PASSWORD);
    assertThat(done.statusCode()).isEqualTo(204);
  }

  @Test
  void theDiscoveryStageRunsItsWholeLadderAtItsInstants() {
    clockAt(MONDAY_10, BERLIN);
    String company = "Ladder " + uniqueName("Co");
    PipelineIntake.Created mql = mql(company);
    String pid = mql.processInstanceId();
    String owner = mql.owner() + "@slaflow.example";
    accept(pid);
    scheduleDiscovery(pid, "2026-12-03T14:00");
    fireTimer(pid, "Timer_DiscoveryMeeting");
    int before = mailsAbout(company).size();

    // Due Monday 14:00 (2 business days after Thursday's call): warnings 4 hours and 1 hour before, wall clock.
    clockAt(berlin(12, 7, 9, 59));
    runDueJobs(pid);
    assertThat(mailsAbout(company)).hasSize(before);
    clockAt(berlin(12, 7, 10, 0));
    runDueJobs(pid);
    assertThat(theMail(company, "SLA warning: Complete discovery").to()).containsExactly(owner);
    assertThat(runtimeService.getVariable(pid, "slaState")).isEqualTo("at-risk");
    clockAt(berlin(12, 7, 13, 0));
    runDueJobs(pid);
    assertThat(mailsAbout("SLA warning: Complete discovery - MQL EUR 48,000: " + company)).hasSize(2);

    clockAt(berlin(12, 7, 14, 0));
    runDueJobs(pid);
    Mail breach = theMail(company, "SLA breached: Complete discovery");
    assertThat(breach.to()).containsExactly(owner);
    assertThat(breach.cc()).containsExactly(BERLIN_MANAGER + "@slaflow.example");
    assertThat(runtimeService.getVariable(pid, "slaState")).isEqualTo("breached");

    // Escalation a business day after the due time: the manager is told.
    clockAt(berlin(12, 8, 13, 59));
    runDueJobs(pid);
    assertThat(mailsAbout("SLA escalated to you: Complete discovery - MQL EUR 48,000: " + company)).isEmpty();
    clockAt(berlin(12, 8, 14, 0));
    runDueJobs(pid);
    assertThat(theMail(company, "SLA escalated to you: Complete discovery").to())
        .containsExactly(BERLIN_MANAGER + "@slaflow.example");

    complete(pid, "Task_Discovery", qualified());
    SlaRecord discovery = pipelineRecords(mql.opportunityId()).get(2);
    assertThat(discovery.stage()).isEqualTo("discovery");
    assertThat(discovery.outcome()).isEqualTo("breached");
    assertThat(discovery.warningsSent()).isEqualTo(2);
    assertThat(discovery.escalatedAt()).isEqualTo(berlin(12, 8, 14, 0));
  }
}
