package io.slaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.slaflow.org.Organisation;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.StageHistory;
import io.slaflow.validation.RequiredDataMissing;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Seed 004: sales accepts or rejects an MQL within 48 hours, or is reminded, then copied to the boss, then loses it. */
class MqlAcceptanceTest extends PipelineTestSupport {

  @Autowired Organisation organisation;

  @Test
  void ladderRemindsAtTheDueTimeCopiesTheManagerADayLaterAndReassignsADayAfterThat() {
    clockAt(MONDAY_10, BERLIN);
    String company = "Ladder " + uniqueName("Co");
    PipelineIntake.Created mql = mql(company);
    String pid = mql.processInstanceId();
    String first = mql.owner();
    assertThat(mql.teamId()).isEqualTo("team-berlin");
    assertThat(first).isIn(BERLIN_REPS);
    assertThat(mql.stage()).isEqualTo("accept-mql");

    // 48 hours are 2 business days: Monday 10:00 is due Wednesday 10:00; no warning before it.
    Task task = task(pid, "Task_AcceptMql");
    assertThat(task.getAssignee()).isEqualTo(first);
    assertThat(task.getDueDate().toInstant()).isEqualTo(berlin(12, 2, 10, 0));
    assertThat(timerJob(pid, "Timer_AcceptMqlBreach").getDuedate().toInstant()).isEqualTo(berlin(12, 2, 10, 0));
    assertThat(timerJob(pid, "Timer_AcceptMqlEscalation").getDuedate().toInstant()).isEqualTo(berlin(12, 3, 10, 0));
    assertThat(timerJob(pid, "Timer_MqlReassign").getDuedate().toInstant()).isEqualTo(berlin(12, 4, 10, 0));
    clockAt(berlin(12, 2, 9, 59));
    runDueJobs(pid);
    assertThat(mailsAbout(company)).isEmpty();

    // At the due time: a reminder to the rep alone.
    clockAt(berlin(12, 2, 10, 0));
    runDueJobs(pid);
    Mail reminder = theMail(company, "SLA breached");
    assertThat(reminder.subject()).isEqualTo("[Slaflow] SLA breached: Accept or reject MQL - MQL EUR 48,000: "
        + company + ", Jane Doe (DE, web-form)");
    assertThat(reminder.to()).containsExactly(first + "@slaflow.example");
    assertThat(reminder.cc()).isEmpty();
    assertThat(reminder.body()).contains("SLA:    MQL: accept or reject within 2 business days")
        .contains("Due:    Wed 2 Dec 2026, 10:00 CET (Europe/Berlin)");
    assertThat(mailsAbout(company)).hasSize(1);

    // 24 hours (a business day) later: reminded again with the manager copied.
    clockAt(berlin(12, 3, 9, 59));
    runDueJobs(pid);
    assertThat(mailsAbout(company)).hasSize(1);
    clockAt(berlin(12, 3, 10, 0));
    runDueJobs(pid);
    Mail copied = theMail(company, "Still overdue, your manager is copied");
    assertThat(copied.to()).containsExactly(first + "@slaflow.example");
    assertThat(copied.cc()).containsExactly(BERLIN_MANAGER + "@slaflow.example");

    // 24 hours after that: reassigned to another rep, who gets a fresh 2 business days.
    clockAt(berlin(12, 4, 9, 59));
    runDueJobs(pid);
    assertThat(task(pid, "Task_AcceptMql").getAssignee()).isEqualTo(first);
    clockAt(berlin(12, 4, 10, 0));
    runDueJobs(pid);
    Task reassigned = task(pid, "Task_AcceptMql");
    assertThat(reassigned.getAssignee()).isIn(BERLIN_REPS).isNotEqualTo(first);
    assertThat(reassigned.getDueDate().toInstant()).isEqualTo(berlin(12, 8, 10, 0));
    assertThat(theMail(company, "Reassigned to").to()).containsExactly(first + "@slaflow.example");

    List<SlaRecord> visits = pipelineRecords(mql.opportunityId());
    assertThat(visits).extracting(SlaRecord::ownerId).containsExactly(first, reassigned.getAssignee());
    assertThat(visits.get(0).outcome()).isEqualTo("reassigned");
    assertThat(visits.get(0).breachedAt()).isEqualTo(berlin(12, 2, 10, 0));
    assertThat(visits.get(0).escalatedAt()).isEqualTo(berlin(12, 3, 10, 0));
    assertThat(stages(mql.opportunityId())).extracting(StageHistory.Entry::stage, StageHistory.Entry::outcome)
        .containsExactly(tuple("accept-mql", "reassigned"),
            tuple("accept-mql", null));
  }

  @Test
  void rejectingNeedsAReasonAndRecyclesTheLeadToMarketingNurture() {
    clockAt(MONDAY_10, BERLIN);
    String company = "Reject " + uniqueName("Co");
    PipelineIntake.Created mql = mql(company);
    String pid = mql.processInstanceId();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult();
    String taskId = task(pid, "Task_AcceptMql").getId();

    assertThatThrownBy(() -> taskService.complete(taskId, Map.of("mqlDecision", "reject")))
        .isInstanceOf(RequiredDataMissing.class)
        .satisfies(e -> assertThat(((RequiredDataMissing) e).missingFields()).containsExactly("rejectReason"));
    assertThatThrownBy(() -> taskService.complete(taskId, Map.of("mqlDecision", "maybe")))
        .hasMessageContaining("'mqlDecision' of 'Accept or reject MQL' must be one of: accept, reject, not-ready");

    clockAt(berlin(11, 30, 11, 15));
    taskService.complete(taskId, Map.of("mqlDecision", "reject", "rejectReason", "not-icp",
        "rejectNote", "A two-person agency"));
    runDueJobs(pid);

    assertThat(instance).isEnded().hasPassed("Task_Recycle", "End_Recycled");
    Opportunity recycled = opportunity(mql.opportunityId());
    assertThat(recycled.status()).isEqualTo("recycled");
    assertThat(recycled.statusReason()).isEqualTo("not-icp");
    assertThat(recycled.closedAt()).isEqualTo(berlin(11, 30, 11, 15));
    Mail marketing = theMail(company, "Back to nurture");
    assertThat(marketing.to()).containsExactly("marketing@slaflow.example");
    assertThat(marketing.body()).contains("Reason:  not-icp").contains("jane@");
    StageHistory.Entry accept = stages(mql.opportunityId()).get(0);
    assertThat(accept.stage()).isEqualTo("accept-mql");
    assertThat(accept.outcome()).isEqualTo("reject");
    assertThat(accept.reason()).isEqualTo("not-icp");
    assertThat(accept.enteredAt()).isEqualTo(berlin(11, 30, 10, 0));
    assertThat(accept.leftAt()).isEqualTo(berlin(11, 30, 11, 15));
    assertThat(pipelineRecords(mql.opportunityId()).get(0).outcome()).isEqualTo("met");
  }

  @Test
  void notSalesReadyIsRecycledToo() {
    clockAt(MONDAY_10, BERLIN);
    PipelineIntake.Created mql = mql("Nurture " + uniqueName("Co"));
    complete(mql.processInstanceId(), "Task_AcceptMql",
        Map.of("mqlDecision", "not-ready", "rejectReason", "not-sales-ready"));

    assertThat(opportunity(mql.opportunityId()).status()).isEqualTo("recycled");
    assertThat(opportunity(mql.opportunityId()).statusReason()).isEqualTo("not-sales-ready");
  }

  @Test
  void acceptingMakesASalesAcceptedLeadWithDiscoveryToScheduleWithinOneBusinessDay() {
    clockAt(MONDAY_10, BERLIN);
    PipelineIntake.Created mql = mql("Accept " + uniqueName("Co"));
    String pid = mql.processInstanceId();
    clockAt(berlin(11, 30, 17, 0));
    accept(pid);

    Task schedule = task(pid, "Task_ScheduleDiscovery");
    assertThat(schedule.getAssignee()).isEqualTo(mql.owner());
    // Accepted Monday 17:00: one business day (9 working hours) later is Tuesday 17:00.
    assertThat(schedule.getDueDate().toInstant()).isEqualTo(berlin(12, 1, 17, 0));
    assertThat(stages(mql.opportunityId())).extracting(StageHistory.Entry::stage, StageHistory.Entry::outcome)
        .containsExactly(tuple("accept-mql", "accept"),
            tuple("schedule-discovery", null));
    assertThat(opportunity(mql.opportunityId()).status()).isEqualTo("open");
  }

  @Test
  void afterAnOutageTheReassignmentRunsFirstYetTheRepIsRemindedAndTheManagerCopiedBeforeTheMqlMoves()
      throws Exception {
    clockAt(MONDAY_10, BERLIN);
    String company = "Outage " + uniqueName("Co");
    PipelineIntake.Created mql = mql(company);
    String pid = mql.processInstanceId();
    String first = mql.owner();

    // Down from Wednesday morning to Friday 11:00: breach, reminder with the manager copied and reassignment are all
    // overdue; the engine runs the reassignment's job first.
    clockAt(berlin(12, 4, 11, 0));
    managementService.executeJob(timerJob(pid, "Timer_MqlReassign").getId());
    runDueJobs(pid);

    Task reassigned = task(pid, "Task_AcceptMql");
    assertThat(reassigned.getAssignee()).isIn(BERLIN_REPS).isNotEqualTo(first);
    String sent = "sent at Fri 4 Dec 2026, 11:00 CET (Europe/Berlin)";
    assertThat(inbox(first + "@slaflow.example", company)).containsExactly(
        "[Slaflow] SLA breached: Accept or reject MQL | Sent late: due at Wed 2 Dec 2026, 10:00 CET, " + sent,
        "[Slaflow] Still overdue, your manager is copied: Accept or reject MQL | Sent late: due at Thu 3 Dec 2026,"
            + " 10:00 CET, " + sent,
        "[Slaflow] Reassigned to " + organisation.person(reassigned.getAssignee()).orElseThrow().displayName()
            + ": accept-mql");
    assertThat(inbox(BERLIN_MANAGER + "@slaflow.example", company)).containsExactly(
        "[Slaflow] Still overdue, your manager is copied: Accept or reject MQL | Sent late: due at Thu 3 Dec 2026,"
            + " 10:00 CET, " + sent);
    assertThat(copies(company)).as("each alert once, to each of its readers").isEqualTo(4);
    assertThat(theMail(company, "Still overdue").body())
        .contains("The reassignment time has passed as well: this work is being reassigned to another rep now.");

    SlaRecord lapsed = pipelineRecords(mql.opportunityId()).get(0);
    assertThat(lapsed.outcome()).isEqualTo("reassigned");
    assertThat(lapsed.breachedAt()).isEqualTo(berlin(12, 2, 10, 0));
    assertThat(lapsed.escalatedAt()).isEqualTo(berlin(12, 3, 10, 0));
    assertThat(lapsed.breachAlertedAt()).isEqualTo(berlin(12, 4, 11, 0));
    assertThat(lapsed.escalationAlertedAt()).isEqualTo(berlin(12, 4, 11, 0));
    assertThat(lapsed.warningsSent()).as("the MQL policy warns at the due time only").isZero();
  }
}
