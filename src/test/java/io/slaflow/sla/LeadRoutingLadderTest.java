package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.slaflow.intake.LeadIntake;
import io.slaflow.notify.NotificationLog;
import io.slaflow.org.Organisation;
import io.slaflow.testsupport.SlaflowTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The first-contact stage of lead routing on the SLA clock, walked rung by rung in Berlin business hours. */
class LeadRoutingLadderTest extends SlaflowTest {

  @BeforeEach
  void emptyDesks() {
    clearOpenWork();
  }


  @Autowired Organisation organisation;
  @Autowired NotificationLog notificationLog;

  private static final List<String> BERLIN_REPS = List.of("ben.keller", "clara.vogel", "david.wolf");
  private static final LocalDateTime FRIDAY_1630 = LocalDateTime.of(2026, 11, 27, 16, 30);

  /** A demo request from Friday 16:30, escalated on Monday 13:30, and the manager's decision on it. */
  private LeadIntake.Created escalatedLeadDecided(String action, String note) {
    clockAt(FRIDAY_1630, BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Escalated"), "DE", "demo-request", "medium", "crm-suite");
    fireTimer(lead.processInstanceId(), "Timer_SlaEscalation");
    taskService.complete(stageTask(lead.processInstanceId(), "Task_ReviewEscalation").getId(),
        Map.of("escalationAction", action, "escalationNote", note));
    return lead;
  }

  /** The running instance; process assertions keep following it by id after it ends. */
  private ProcessInstance processInstance(LeadIntake.Created lead) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(lead.processInstanceId()).singleResult();
  }

  private String ownerName(String userId) {
    return organisation.person(userId).orElseThrow().displayName();
  }

  private static Instant berlin(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 11, day, hour, minute).atZone(BERLIN).toInstant();
  }

  @Test
  void demoRequestCreatedFridayAfternoonIsDueMondayAt1130Berlin() {
    clockAt(FRIDAY_1630, BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Dora"), "DE", "demo-request", "medium", "crm-suite");

    assertThat(processInstance(lead)).isWaitingAt("Task_MakeFirstContact");
    Task task = stageTask(lead.processInstanceId(), "Task_MakeFirstContact");
    assertThat(task.getDueDate().toInstant()).isEqualTo(berlin(30, 11, 30));
    assertThat(task.getAssignee()).isEqualTo(lead.owner()).isIn(BERLIN_REPS);
    assertThat(lead.teamId()).isEqualTo("team-berlin");

    SlaRecord record = records(lead.leadId()).get(0);
    assertThat(record.unit()).isEqualTo("lead-routing");
    assertThat(record.stage()).isEqualTo("first-contact");
    assertThat(record.recordId()).isEqualTo(lead.leadId());
    assertThat(record.processInstanceId()).isEqualTo(lead.processInstanceId());
    assertThat(record.ownerId()).isEqualTo(lead.owner());
    assertThat(record.teamId()).isEqualTo("team-berlin");
    assertThat(record.source()).isEqualTo("demo-request");
    assertThat(record.clockKind()).isEqualTo("business");
    assertThat(record.target()).isEqualTo("PT4H");
    assertThat(record.startedAt()).isEqualTo(berlin(27, 16, 30));
    assertThat(record.dueAt()).isEqualTo(berlin(30, 11, 30));
    assertThat(record.outcome()).isEqualTo("open");
    assertThat(record.warningsSent()).isZero();
    assertThat(record.breachedAt()).isNull();
  }

  @Test
  void ladderWarnsBreachesEscalatesAndReassignsAtItsInstantsInBusinessHours() throws Exception {
    clockAt(FRIDAY_1630, BERLIN);
    String name = uniqueName("Dora");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    String owner = lead.owner();
    String ownerEmail = owner + "@slaflow.example";
    String taskId = stageTask(pid, "Task_MakeFirstContact").getId();

    // The weekend passes without a rung: the clock only runs in business hours.
    clockAt(berlin(30, 10, 29));
    runDueJobs(pid);
    assertThat(mailsAbout(name)).isEmpty();

    // First warning one hour before the due time, to the owner only.
    clockAt(berlin(30, 10, 30));
    runDueJobs(pid);
    List<Mail> mails = mailsAbout(name);
    assertThat(mails).hasSize(1);
    Mail warning = mails.get(0);
    assertThat(warning.subject()).isEqualTo("[Slaflow] SLA warning: Make first contact - Lead " + name
        + ", Acme DE (DE, demo-request)");
    assertThat(warning.to()).containsExactly(ownerEmail);
    assertThat(warning.cc()).isEmpty();
    assertThat(warning.body())
        .contains("Stage:  Make first contact")
        .contains("SLA:    Demo request: first response within 4 business hours")
        .contains("Due:    Mon 30 Nov 2026, 11:30 CET (Europe/Berlin)")
        .contains("http://localhost:8080/camunda/app/tasklist/default/#/?task=" + taskId)
        .contains("Due in 1 hour. Make the next move before the due time. The clock runs in your team's business"
            + " hours.");
    assertThat(records(lead.leadId()).get(0).warningsSent()).isEqualTo(1);

    // Final warning half an hour before, saying so.
    clockAt(berlin(30, 11, 0));
    runDueJobs(pid);
    assertThat(mailsAbout(name)).hasSize(2);
    Mail last = theMail(name, "Final SLA warning");
    assertThat(last.subject()).isEqualTo("[Slaflow] Final SLA warning: Make first contact - Lead " + name
        + ", Acme DE (DE, demo-request)");
    assertThat(last.body()).contains("Due in 30 minutes. This is the last warning before the breach: make the next"
        + " move now. The clock runs in your team's business hours.");
    assertThat(records(lead.leadId()).get(0).warningsSent()).isEqualTo(2);

    // Breach: recorded, and the owner reminded with the manager copied.
    clockAt(berlin(30, 11, 30));
    runDueJobs(pid);
    mails = mailsAbout(name);
    assertThat(mails).hasSize(3);
    Mail breach = theMail(name, "SLA breached");
    assertThat(breach.subject()).startsWith("[Slaflow] SLA breached: Make first contact - Lead " + name);
    assertThat(breach.to()).containsExactly(ownerEmail);
    assertThat(breach.cc()).containsExactly("anna.berg@slaflow.example");
    assertThat(breach.body()).startsWith("SLA breached\n")
        .contains("Due:    Mon 30 Nov 2026, 11:30 CET (Europe/Berlin)")
        .contains("if nothing happens the work is escalated and then reassigned")
        .contains("/camunda/app/tasklist/default/#/?task=" + taskId);
    assertThat(records(lead.leadId()).get(0).breachedAt()).isEqualTo(berlin(30, 11, 30));

    // Escalation two business hours after the breach: the manager is told and gets a review task.
    clockAt(berlin(30, 13, 29));
    runDueJobs(pid);
    assertThat(mailsAbout(name)).hasSize(3);
    clockAt(berlin(30, 13, 30));
    runDueJobs(pid);
    mails = mailsAbout(name);
    assertThat(mails).hasSize(4);
    Mail escalation = theMail(name, "SLA escalated to you: Make first contact");
    assertThat(escalation.to()).containsExactly("anna.berg@slaflow.example");
    assertThat(escalation.body()).contains("Owner:  " + ownerName(owner)).contains("Review the work in Tasklist");
    assertThat(records(lead.leadId()).get(0).escalatedAt()).isEqualTo(berlin(30, 13, 30));
    Task review = stageTask(pid, "Task_ReviewEscalation");
    assertThat(review.getAssignee()).isEqualTo("anna.berg");
    assertThat(review.getName()).isEqualTo("Review escalated lead");

    // Reassignment four business hours after the breach: a different rep, a fresh clock, the old owner told.
    clockAt(berlin(30, 15, 30));
    runDueJobs(pid);
    Task reassigned = stageTask(pid, "Task_MakeFirstContact");
    assertThat(reassigned.getAssignee()).isIn(BERLIN_REPS).isNotEqualTo(owner);
    assertThat(stageTask(pid, "Task_ReviewEscalation")).as("the escalation ends with the stage visit").isNull();

    List<SlaRecord> visits = records(lead.leadId());
    assertThat(visits).hasSize(2);
    assertThat(visits.get(0).outcome()).isEqualTo("reassigned");
    assertThat(visits.get(0).completedAt()).isEqualTo(berlin(30, 15, 30));
    assertThat(visits.get(0).reassignedTo()).isEqualTo(reassigned.getAssignee());
    assertThat(visits.get(1).ownerId()).isEqualTo(reassigned.getAssignee());
    assertThat(visits.get(1).reassignedFrom()).isEqualTo(owner);
    assertThat(visits.get(1).startedAt()).isEqualTo(berlin(30, 15, 30));
    // 15:30 + 4 business hours: 2.5 h on Monday, 1.5 h from Tuesday's opening.
    assertThat(visits.get(1).dueAt()).isEqualTo(LocalDateTime.of(2026, 12, 1, 10, 30).atZone(BERLIN).toInstant());
    assertThat(reassigned.getDueDate().toInstant()).isEqualTo(visits.get(1).dueAt());

    mails = mailsAbout(name);
    assertThat(mails).hasSize(6);
    Mail unhandled = theMail(name, "Escalation left unhandled");
    assertThat(unhandled.to()).containsExactly("sofia.klein@slaflow.example");
    assertThat(unhandled.cc()).containsExactly("anna.berg@slaflow.example");
    Mail told = theMail(name, "Reassigned to ");
    assertThat(told.to()).containsExactly(ownerEmail);
    assertThat(told.subject()).isEqualTo("[Slaflow] Reassigned to " + ownerName(reassigned.getAssignee())
        + ": first-contact - Lead " + name + ", Acme DE (DE, demo-request)");
    assertThat(told.body()).contains("now belongs to " + ownerName(reassigned.getAssignee()))
        .doesNotContain("tasklist");
  }

  @Test
  void loggingTheFirstContactMeetsTheSlaAndTheFollowUpComesToTheOwnersDeskOnTheNextStepDate() {
    clockAt(FRIDAY_1630, BERLIN);
    String name = uniqueName("Mia");
    LeadIntake.Created lead = createLead(name, "AT", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    clockAt(berlin(30, 9, 45));
    ProcessInstance instance = processInstance(lead);

    taskService.complete(stageTask(pid, "Task_MakeFirstContact").getId(), Map.of(
        "channel", "phone", "outcome", "meeting-booked", "nextStep", "Tailored demo with the CFO",
        "nextStepDate", "2026-12-03"));

    SlaRecord record = records(lead.leadId()).get(0);
    assertThat(record.outcome()).isEqualTo("met");
    assertThat(record.firstResponseAt()).isEqualTo(berlin(30, 9, 45));
    assertThat(record.completedAt()).isEqualTo(berlin(30, 9, 45));
    // Nothing on the desk before the date: the lead waits for Thursday's opening in Berlin.
    assertThat(instance).isWaitingAt("Timer_NextStepDate");
    assertThat(taskService.createTaskQuery().processInstanceId(pid).count()).isZero();
    Instant thursday0900 = december(3, 9, 0);
    assertThat(timerJob(pid, "Timer_NextStepDate").getDuedate().toInstant()).isEqualTo(thursday0900);

    clockAt(thursday0900);
    runDueJobs(pid);
    Task followUp = stageTask(pid, "Task_LeadFollowUp");
    assertThat(followUp.getAssignee()).isEqualTo(lead.owner());
    assertThat(followUp.getDueDate().toInstant()).isEqualTo(december(3, 18, 0));
    SlaRecord visit = records(lead.leadId()).get(1);
    assertThat(visit.stage()).isEqualTo("follow-up");
    assertThat(visit.ownerId()).isEqualTo(lead.owner());
    assertThat(visit.target()).isEqualTo("P1D");
    assertThat(visit.startedAt()).isEqualTo(thursday0900);
    assertThat(visit.dueAt()).isEqualTo(december(3, 18, 0));
    assertThat(timerJob(pid, "Timer_LeadFollowUpWarning").getDuedate().toInstant()).isEqualTo(december(3, 14, 0));

    // The follow-up's own ladder: at 18:00 the owner is reminded with the manager copied.
    clockAt(december(3, 18, 0));
    runDueJobs(pid);
    assertThat(theMail(name, "SLA breached").cc()).containsExactly("anna.berg@slaflow.example");

    clockAt(december(4, 9, 30));
    taskService.complete(followUp.getId(), Map.of("followUpChannel", "video-call", "followUpOutcome", "done"));
    assertThat(instance).isEnded().hasPassed("Task_LeadFollowUpStopClock", "EndEvent_LeadContacted")
        .hasNotPassed("Task_HandOffToSales");
    assertThat(records(lead.leadId()).get(1).outcome()).isEqualTo("breached");
    assertThat(managementService.createJobQuery().processInstanceId(pid).count())
        .as("no ladder timer outlives the stage").isZero();
  }

  @Test
  void aNextStepDateThatHasComeBringsTheFollowUpAtOnceAndASalesReadyFollowUpGoesToSales() {
    clockAt(FRIDAY_1630, BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Noah"), "DE", "web-form", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    clockAt(berlin(30, 10, 0));

    taskService.complete(stageTask(pid, "Task_MakeFirstContact").getId(), Map.of(
        "channel", "email", "outcome", "email-sent", "nextStep", "Call back", "nextStepDate", "2026-11-30"));

    assertThat(timerJob(pid, "Timer_NextStepDate").getDuedate().toInstant()).isEqualTo(berlin(30, 10, 0));
    runDueJobs(pid);
    Task followUp = stageTask(pid, "Task_LeadFollowUp");
    assertThat(records(lead.leadId()).get(1).startedAt()).isEqualTo(berlin(30, 10, 0));
    taskService.complete(followUp.getId(), Map.of("followUpChannel", "phone", "followUpOutcome", "meeting-booked",
        "salesReady", true));
    assertThat(processInstance(lead)).isNull();
    assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId("Task_HandOffToSales").count()).isEqualTo(1);
  }

  private static Instant december(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 12, day, hour, minute).atZone(BERLIN).toInstant();
  }

  @Test
  void firstContactAfterTheBreachIsRecordedAsBreached() {
    clockAt(FRIDAY_1630, BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Ole"), "CH", "demo-request", "medium", "analytics");
    clockAt(berlin(30, 12, 0));
    runDueJobs(lead.processInstanceId());

    taskService.complete(stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId(), Map.of(
        "channel", "email", "outcome", "email-sent", "nextStep", "Wait for reply", "nextStepDate", "2026-12-02"));

    SlaRecord record = records(lead.leadId()).get(0);
    assertThat(record.outcome()).isEqualTo("breached");
    assertThat(record.breachedAt()).isEqualTo(berlin(30, 11, 30));
    assertThat(record.firstResponseAt()).isEqualTo(berlin(30, 12, 0));
  }

  @Test
  void theManagerCanReassignAnEscalatedLeadAtOnce() {
    LeadIntake.Created lead = escalatedLeadDecided("reassign-now", "Ben is out sick today");
    String pid = lead.processInstanceId();

    assertThat(processInstance(lead)).hasPassed("Boundary_ReassignNow", "Task_ReleaseOwner");
    assertThat(stageTask(pid, "Task_MakeFirstContact").getAssignee()).isNotEqualTo(lead.owner()).isNotNull();
    SlaRecord escalated = records(lead.leadId()).get(0);
    assertThat(escalated.outcome()).isEqualTo("reassigned");
    assertThat(escalated.escalationAction()).isEqualTo("reassign-now");
    assertThat(escalated.escalationNote()).isEqualTo("Ben is out sick today");
    assertThat(escalated.completedAt()).isEqualTo(berlin(30, 13, 30));
  }

  @Test
  void whenTheManagerLeavesTheLeadWithTheOwnerTheLadderGoesOn() {
    LeadIntake.Created lead = escalatedLeadDecided("owner-acts", "Spoke to the owner");
    String pid = lead.processInstanceId();

    assertThat(processInstance(lead)).isWaitingAt("Task_MakeFirstContact").hasPassed("EndEvent_OwnerKeepsLead");
    assertThat(stageTask(pid, "Task_MakeFirstContact").getAssignee()).isEqualTo(lead.owner());
    assertThat(records(lead.leadId()).get(0).escalationAction()).isEqualTo("owner-acts");
    assertThat(timerJob(pid, "Timer_Reassign").getDuedate().toInstant()).isEqualTo(berlin(30, 15, 30));
  }

  @Test
  void aRepeatedBreachAlsoCopiesTheManagersManager() {
    LeadIntake.Created lead = escalatedLeadDecided("reassign-now", "Give it to someone else");
    String pid = lead.processInstanceId();
    runDueJobs(pid);

    fireTimer(pid, "Timer_SlaBreach");

    List<String> copied = notificationLog.forSlaRecord(records(lead.leadId()).get(1).id()).stream()
        .filter(entry -> entry.ladderStep().equals("breach")).map(NotificationLog.Entry::copied).toList();
    assertThat(copied).containsExactly("anna.berg@slaflow.example,sofia.klein@slaflow.example");
  }

  @Test
  void aRepWhoClaimsALeadFromTheTeamQueueOwnsItOnTheLeadsOwnSla() {
    clockAt(FRIDAY_1630, BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Claim"), "BE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    for (int lapse = 0; lapse < 3; lapse++) {
      fireTimer(pid, "Timer_Reassign");
    }
    Task queued = stageTask(pid, "Task_MakeFirstContact");
    assertThat(queued.getAssignee()).as("in the team queue").isNull();
    Instant claimedAt = now().plusSeconds(600);
    clockAt(claimedAt);

    taskService.claim(queued.getId(), "clara.vogel");

    assertThat(runtimeService.getVariable(pid, "owner")).isEqualTo("clara.vogel");
    List<SlaRecord> visits = records(lead.leadId());
    assertThat(visits.get(3).outcome()).as("claimed within the queue's hour").isEqualTo("met");
    SlaRecord claimed = visits.get(4);
    assertThat(claimed.ownerId()).isEqualTo("clara.vogel");
    assertThat(claimed.target()).as("the demo request's own SLA again").isEqualTo("PT4H");
    assertThat(claimed.startedAt()).isEqualTo(claimedAt);
    assertThat(stageTask(pid, "Task_MakeFirstContact").getDueDate().toInstant()).isEqualTo(claimed.dueAt());
    assertThat(timerJob(pid, "Timer_SlaBreach").getDuedate().toInstant()).isEqualTo(claimed.dueAt());

    fireTimer(pid, "Timer_SlaWarning");
    assertThat(notificationLog.forSlaRecord(claimed.id()))
        .extracting(NotificationLog.Entry::recipients).containsExactly("clara.vogel@slaflow.example");
  }


  @Test
  void reassignmentNeverReturnsToALapsedOwnerAndEndsInTheTeamQueue() {
    clockAt(FRIDAY_1630, BERLIN);
    String name = uniqueName("Queue");
    LeadIntake.Created lead = createLead(name, "NL", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();

    List<String> owners = new java.util.ArrayList<>();
    owners.add(stageTask(pid, "Task_MakeFirstContact").getAssignee());
    for (int lapse = 1; lapse <= 2; lapse++) {
      fireTimer(pid, "Timer_Reassign");
      String next = stageTask(pid, "Task_MakeFirstContact").getAssignee();
      assertThat(next).isNotNull().isNotIn(owners);
      owners.add(next);
    }
    assertThat(owners).containsExactlyInAnyOrderElementsOf(BERLIN_REPS);

    // Every Berlin rep let it lapse: nobody is eligible, so it waits in the team queue.
    fireTimer(pid, "Timer_Reassign");
    Task queued = stageTask(pid, "Task_MakeFirstContact");
    assertThat(queued.getAssignee()).isNull();
    assertThat(taskService.getIdentityLinksForTask(queued.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("team-berlin"));
    SlaRecord queueVisit = records(lead.leadId()).get(3);
    assertThat(queueVisit.ownerId()).isNull();
    assertThat(queueVisit.reassignedFrom()).isEqualTo(owners.get(2));
    assertThat(queueVisit.target()).as("the team queue's own SLA").isEqualTo("PT1H");
    assertThat(runtimeService.getVariable(pid, "slaPolicy")).isEqualTo("Team queue: claimed within 1 business hour");

    // While it sits in the queue, the ladder's reminders go to the manager.
    fireTimer(pid, "Timer_SlaWarning");
    Mail queueWarning = mailsAbout(name).stream()
        .filter(m -> m.subject().contains("SLA warning") && m.body().contains("team queue"))
        .findFirst().orElseThrow();
    assertThat(queueWarning.to()).containsExactly("anna.berg@slaflow.example");
    assertThat(queueWarning.body()).contains("Owner:  nobody yet (team queue)");
  }

}
