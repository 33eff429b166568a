package io.slaflow.pipeline;

import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.StageHistory;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.unit.Creator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Creating opportunities and walking them through the stages, for the sales-pipeline tests. */
abstract class PipelineTestSupport extends SlaflowTest {

  @BeforeEach
  void emptyDesks() {
    clearOpenWork();
  }


  static final List<String> BERLIN_REPS = List.of("ben.keller", "clara.vogel", "david.wolf");
  static final String BERLIN_MANAGER = "anna.berg";
  static final LocalDateTime MONDAY_10 = LocalDateTime.of(2026, 11, 30, 10, 0);

  @Autowired PipelineIntake pipelineIntake;
  @Autowired Opportunities opportunities;
  @Autowired StageHistory stageHistory;

  /** Monday 30 November 2026 in Berlin; the team works 9:00 to 18:00, Monday to Friday. */
  static Instant berlin(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
  }

  static OpportunityRequest request(String company, String source) {
    return new OpportunityRequest("Jane Doe", "jane@" + company.toLowerCase().replace(' ', '-') + ".example", null,
        company, "DE", source, "crm-suite", new BigDecimal("48000.00"), null, null);
  }

  PipelineIntake.Created mql(String company) {
    return pipelineIntake.create(Opportunity.MQL, request(company, "web-form"), Creator.process("test"), null);
  }

  PipelineIntake.Created handedOver(String company, String source) {
    return pipelineIntake.create(Opportunity.HANDOFF, request(company, source), Creator.process("test"), null);
  }

  Task task(String pid, String key) {
    Task task = stageTask(pid, key);
    if (task == null) {
      throw new AssertionError("No task " + key + " in " + pid + "; tasks: "
          + taskService.createTaskQuery().processInstanceId(pid).list().stream().map(Task::getTaskDefinitionKey)
              .toList());
    }
    return task;
  }

  void complete(String pid, String key, Map<String, Object> variables) {
    taskService.complete(task(pid, key).getId(), variables);
    runDueJobs(pid);
  }

  /** An MQL for the company, created Monday 30 November 10:00 Berlin and accepted at once by its owner. */
  PipelineIntake.Created acceptedMql(String company) {
    clockAt(MONDAY_10, BERLIN);
    PipelineIntake.Created mql = mql(company);
    accept(mql.processInstanceId());
    return mql;
  }

  void accept(String pid) {
    complete(pid, "Task_AcceptMql", Map.of("mqlDecision", "accept"));
  }

  /** Books the discovery call at a Berlin wall-clock time (as the form sends it, without a zone). */
  void scheduleDiscovery(String pid, String localDateTime) {
    complete(pid, "Task_ScheduleDiscovery", Map.of("discoveryDate", localDateTime, "attendees", "Jane Doe, CFO"));
  }

  static Map<String, Object> qualified() {
    return Map.of("discoveryOutcome", "qualified", "problemConfirmed", true, "decisionMakerConfirmed", true,
        "timelineConfirmed", true, "pain", "Leads slip between teams", "decisionMaker", "Jane Doe",
        "budgetRange", "10k-50k", "demoPlan", "Tailored demo on Friday", "followUpEmailSent", true);
  }

  static Map<String, Object> proposalSent() {
    return Map.of("proposalAmount", 48000, "proposalSentOn", "2026-12-08", "proposalSummary", "40 seats, 1 year");
  }

  /** From an accepted MQL to the closing stage: discovery booked and held, qualified, proposal sent. */
  void toClosing(String pid, String discoveryAt) {
    scheduleDiscovery(pid, discoveryAt);
    fireTimer(pid, "Timer_DiscoveryMeeting");
    complete(pid, "Task_Discovery", qualified());
    complete(pid, "Task_Proposal", proposalSent());
  }

  List<StageHistory.Entry> stages(String opportunityId) {
    return stageHistory.of(PipelineVariables.PROCESS_KEY, opportunityId);
  }

  List<SlaRecord> pipelineRecords(String opportunityId) {
    return slaRecords.forRecord(PipelineVariables.PROCESS_KEY, opportunityId);
  }

  Opportunity opportunity(String id) {
    return opportunities.find(id).orElseThrow();
  }
}
