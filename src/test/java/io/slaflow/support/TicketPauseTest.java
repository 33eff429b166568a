package io.slaflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.sla.SlaPlan;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pause belongs to one stage visit: the stage that ends while paused takes its pause with it, and a priority change
 * keeps the business time the clock stood still. Berlin's support team works 09:00 to 18:00, Monday to Friday; in
 * December 2026 the 3rd is a Thursday.
 */
class TicketPauseTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIRST_RESPONSE_LADDER = List.of("Timer_FirstResponseWarning",
      "Timer_FirstResponseFinalWarning", "Timer_FirstResponseBreach", "Timer_FirstResponseEscalation");
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
    clearOpenWork(); // every ticket gets a rep, not the team queue
  }

  private static Instant berlin(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 12, day, hour, minute).atZone(BERLIN).toInstant();
  }

  /** A ticket opened now: its id, process instance and owner. */
  private record Opened(String id, String pid, String owner, String account) {}

  private Opened open(String priority) throws Exception {
    String account = "Pause " + UUID.randomUUID();
    HttpResponse<String> created = http.postJson("/api/tickets", """
        {"priority": "%s", "category": "outage", "account": "%s", "contactName": "Ole Hansen",
         "contactEmail": "ole@nordic.example", "country": "DE", "description": "Nothing loads"}"""
        .formatted(priority, account), "admin", ADMIN_PASSWORD);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode ticket = JSON.readTree(created.body());
    assertThat(ticket.get("owner").isNull()).as("routed to a rep").isFalse();
    return new Opened(ticket.get("ticketId").asText(), ticket.get("processInstanceId").asText(),
        ticket.get("owner").asText(), account);
  }

  private HttpResponse<String> waitOnCustomer(Opened t, String reason) throws Exception {
    return http.postJson("/api/tickets/" + t.id() + "/waiting-on-customer", "{\"reason\": \"" + reason + "\"}",
        t.owner(), DEMO_PASSWORD);
  }

  private HttpResponse<String> customerReplied(Opened t) throws Exception {
    return http.postJson("/api/tickets/" + t.id() + "/customer-replied", "", t.owner(), DEMO_PASSWORD);
  }

  private HttpResponse<String> changePriority(Opened t, String priority) throws Exception {
    // The support desk that sent the ticket changes its priority (reps may not: it sets their SLA).
    return http.putJson("/api/tickets/" + t.id() + "/priority", "{\"priority\": \"" + priority + "\"}",
        "admin", ADMIN_PASSWORD);
  }

  private boolean waitingOnCustomer(Opened t) throws Exception {
    return JSON.readTree(http.get("/api/tickets/" + t.id(), t.owner(), DEMO_PASSWORD).body())
        .get("waitingOnCustomer").asBoolean();
  }

  private Instant taskDue(Opened t, String taskKey) {
    return stageTask(t.pid(), taskKey).getDueDate().toInstant();
  }

  private Instant timer(Opened t, String timerId) {
    return timerJob(t.pid(), timerId).getDuedate().toInstant();
  }

  private List<SlaRecord> records(Opened t) {
    return slaRecords.forRecord(SupportVariables.PROCESS_KEY, t.id());
  }

  private List<Boolean> suspended(Opened t, List<String> timers) {
    return timers.stream().map(id -> timerJob(t.pid(), id)).map(Job::isSuspended).toList();
  }

  @Test
  void aStageDoneWhileWaitingOnTheCustomerEndsItsPauseAndTheNextStageRunsOnItsOwnClock() throws Exception {
    // Normal priority: the first response is due Thursday 18:00 (1 business day from 09:00).
    clockAt(berlin(3, 9, 0));
    Opened ticket = open("normal");
    clockAt(berlin(3, 11, 15));
    assertThat(waitOnCustomer(ticket, "Asked for the log files").statusCode()).isEqualTo(200);

    // Past the old due time, with the clock standing still, nothing of the ladder ran; the rep answers Friday 10:00.
    clockAt(berlin(4, 10, 0));
    runDueJobs(ticket.pid());
    assertThat(mailsAbout(ticket.account())).isEmpty();
    taskService.complete(stageTask(ticket.pid(), "Task_FirstResponse").getId(), Map.of("responseChannel", "email",
        "responseSummary", "Answered while waiting for the logs"));

    // The pause ended with the stage, on its own record: Thursday 11:15 to Friday 10:00 is 22 h 45 min. The clock
    // read 2 h 15 min of 9 h when it stopped, so the answer met the SLA; the due time stays as it stood.
    SlaRecord firstResponse = records(ticket).get(0);
    assertThat(firstResponse.stage()).isEqualTo("first-response");
    assertThat(firstResponse.pausedSeconds()).isEqualTo(22 * 3600 + 45 * 60);
    assertThat(firstResponse.pausedAt()).isNull();
    assertThat(firstResponse.pauseReason()).isEqualTo("Asked for the log files");
    assertThat(firstResponse.dueAt()).isEqualTo(berlin(3, 18, 0));
    assertThat(firstResponse.completedAt()).isEqualTo(berlin(4, 10, 0));
    assertThat(firstResponse.breachedAt()).isNull();
    assertThat(firstResponse.outcome()).isEqualTo("met");

    // The resolution plan starts with its clock running: 5 business days from Friday 10:00, its ladder active.
    assertThat(waitingOnCustomer(ticket)).isFalse();
    SlaRecord plan = records(ticket).get(1);
    assertThat(plan.stage()).isEqualTo("resolution-plan");
    assertThat(plan.pausedSeconds()).isZero();
    assertThat(plan.pausedAt()).isNull();
    assertThat(plan.dueAt()).isEqualTo(berlin(11, 10, 0));
    assertThat(taskDue(ticket, "Task_ResolutionPlan")).isEqualTo(berlin(11, 10, 0));
    assertThat(timer(ticket, "Timer_ResolutionPlanBreach")).isEqualTo(berlin(11, 10, 0));
    assertThat(suspended(ticket, List.of("Timer_ResolutionPlanWarning", "Timer_ResolutionPlanFinalWarning",
        "Timer_ResolutionPlanBreach", "Timer_ResolutionPlanEscalation"))).containsOnly(false);
    HttpResponse<String> notPaused = customerReplied(ticket);
    assertThat(notPaused.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(notPaused.body()).get("detail").asText()).isEqualTo("The clock is not paused");
    assertThat(taskDue(ticket, "Task_ResolutionPlan")).isEqualTo(berlin(11, 10, 0));

    // The plan stage pauses on its own; a working day on hold (Monday 09:00 to Tuesday 09:00) moves only its due time.
    clockAt(berlin(7, 9, 0));
    assertThat(waitOnCustomer(ticket, "Waiting for a maintenance window").statusCode()).isEqualTo(200);
    assertThat(waitingOnCustomer(ticket)).isTrue();
    assertThat(timerJob(ticket.pid(), "Timer_ResolutionPlanBreach").isSuspended()).isTrue();
    clockAt(berlin(8, 9, 0));
    HttpResponse<String> resumed = customerReplied(ticket);
    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(resumed.body()).get("waitingOnCustomer").asBoolean()).isFalse();
    assertThat(taskDue(ticket, "Task_ResolutionPlan")).isEqualTo(berlin(14, 10, 0));
    assertThat(timer(ticket, "Timer_ResolutionPlanBreach")).isEqualTo(berlin(14, 10, 0));

    List<SlaRecord> after = records(ticket);
    assertThat(after.get(1).dueAt()).isEqualTo(berlin(14, 10, 0));
    assertThat(after.get(1).pausedSeconds()).isEqualTo(24 * 3600);
    assertThat(after.get(1).pausedAt()).isNull();
    assertThat(after.get(1).pauseReason()).isEqualTo("Waiting for a maintenance window");
    assertThat(after.get(0)).as("the first response's record is untouched").isEqualTo(firstResponse);
  }

  @Test
  void aPriorityChangeAfterAPauseKeepsThePausedBusinessTime() throws Exception {
    clockAt(berlin(3, 9, 0));
    Opened ticket = open("normal");
    // Three business hours on hold, 10:00 to 13:00: Thursday 18:00 becomes Friday 12:00.
    clockAt(berlin(3, 10, 0));
    assertThat(waitOnCustomer(ticket, "Asked for a screenshot").statusCode()).isEqualTo(200);
    clockAt(berlin(3, 13, 0));
    assertThat(customerReplied(ticket).statusCode()).isEqualTo(200);
    assertThat(taskDue(ticket, "Task_FirstResponse")).isEqualTo(berlin(4, 12, 0));

    // At 14:00 the ticket turns out to be high priority: 4 business hours from 09:00 is 13:00, and the three hours
    // the clock stood still make it 16:00, not a breach an hour ago.
    clockAt(berlin(3, 14, 0));
    assertThat(changePriority(ticket, "high").statusCode()).isEqualTo(200);
    assertThat(taskDue(ticket, "Task_FirstResponse")).isEqualTo(berlin(3, 16, 0));
    assertThat(timer(ticket, "Timer_FirstResponseWarning")).isEqualTo(berlin(3, 15, 0));
    assertThat(timer(ticket, "Timer_FirstResponseFinalWarning")).isEqualTo(berlin(3, 15, 30));
    assertThat(timer(ticket, "Timer_FirstResponseBreach")).isEqualTo(berlin(3, 16, 0));
    assertThat(timer(ticket, "Timer_FirstResponseEscalation")).isEqualTo(berlin(3, 18, 0));
    SlaRecord record = records(ticket).get(0);
    assertThat(record.target()).isEqualTo("PT4H");
    assertThat(record.dueAt()).isEqualTo(berlin(3, 16, 0));
    assertThat(record.pausedSeconds()).isEqualTo(3 * 3600);
    assertThat(record.pausedAt()).isNull();

    runDueJobs(ticket.pid());
    assertThat(mailsAbout(ticket.account())).isEmpty();
    clockAt(berlin(3, 16, 0));
    runDueJobs(ticket.pid());
    assertThat(records(ticket).get(0).breachedAt()).isEqualTo(berlin(3, 16, 0));
  }

  @Test
  void aPriorityChangeWhileWaitingOnTheCustomerKeepsTheClockPausedAndTheReplyMovesTheNewDueTime() throws Exception {
    clockAt(berlin(3, 9, 0));
    Opened ticket = open("normal");
    clockAt(berlin(3, 10, 0));
    assertThat(waitOnCustomer(ticket, "Asked for the account id").statusCode()).isEqualTo(200);

    // Raised to high while on hold: planned from 09:00 it is due 13:00, with 3 business hours left when the clock
    // stopped at 10:00. The clock stays paused, its ladder suspended, also past 13:00.
    clockAt(berlin(3, 11, 0));
    HttpResponse<String> raised = changePriority(ticket, "high");
    assertThat(raised.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(raised.body()).get("waitingOnCustomer").asBoolean()).isTrue();
    assertThat(taskDue(ticket, "Task_FirstResponse")).isEqualTo(berlin(3, 13, 0));
    assertThat(suspended(ticket, FIRST_RESPONSE_LADDER)).containsOnly(true);
    SlaRecord paused = records(ticket).get(0);
    assertThat(paused.target()).isEqualTo("PT4H");
    assertThat(paused.dueAt()).isEqualTo(berlin(3, 13, 0));
    assertThat(paused.pausedAt()).isEqualTo(berlin(3, 10, 0));
    assertThat(paused.pausedSeconds()).isZero();
    clockAt(berlin(3, 17, 0));
    runDueJobs(ticket.pid());
    assertThat(mailsAbout(ticket.account())).isEmpty();
    assertThat(waitingOnCustomer(ticket)).isTrue();

    // The customer replies Friday 10:00: the 3 hours left run to 13:00.
    clockAt(berlin(4, 10, 0));
    assertThat(customerReplied(ticket).statusCode()).isEqualTo(200);
    assertThat(taskDue(ticket, "Task_FirstResponse")).isEqualTo(berlin(4, 13, 0));
    assertThat(suspended(ticket, FIRST_RESPONSE_LADDER)).containsOnly(false);
    assertThat(timer(ticket, "Timer_FirstResponseWarning")).isEqualTo(berlin(4, 12, 0));
    assertThat(timer(ticket, "Timer_FirstResponseBreach")).isEqualTo(berlin(4, 13, 0));
    assertThat(timer(ticket, "Timer_FirstResponseEscalation")).isEqualTo(berlin(4, 15, 0));
    SlaRecord resumed = records(ticket).get(0);
    assertThat(resumed.dueAt()).isEqualTo(berlin(4, 13, 0));
    assertThat(resumed.pausedSeconds()).isEqualTo(24 * 3600);
    assertThat(resumed.pausedAt()).isNull();

    clockAt(berlin(4, 11, 59));
    runDueJobs(ticket.pid());
    assertThat(mailsAbout(ticket.account())).isEmpty();
    clockAt(berlin(4, 12, 0));
    runDueJobs(ticket.pid());
    assertThat(theMail(ticket.account(), "SLA warning").to()).containsExactly(ticket.owner() + "@slaflow.example");
  }

  @Test
  void aVisitWithdrawnOrReassignedWhilePausedTakesItsPauseWithIt() throws Exception {
    clockAt(berlin(3, 9, 0));
    Opened withdrawn = open("normal");
    Opened reassigned = open("normal");
    clockAt(berlin(3, 10, 0));
    assertThat(waitOnCustomer(withdrawn, "Asked for the contract").statusCode()).isEqualTo(200);
    assertThat(waitOnCustomer(reassigned, "Asked for the contract").statusCode()).isEqualTo(200);

    // How an interrupted stage and a lapsed owner's visit end (StageHistory.interrupted, OwnerRouting).
    clockAt(berlin(3, 12, 30));
    slaRecords.withdrawn(records(withdrawn).get(0).id(), now());
    slaRecords.reassignedAway(records(reassigned).get(0).id(), now());

    for (Opened ticket : List.of(withdrawn, reassigned)) {
      SlaRecord visit = records(ticket).get(0);
      assertThat(visit.pausedSeconds()).isEqualTo(2 * 3600 + 30 * 60);
      assertThat(visit.pausedAt()).isNull();
      assertThat(visit.dueAt()).isEqualTo(berlin(3, 18, 0));
      assertThat(visit.completedAt()).isEqualTo(berlin(3, 12, 30));
      assertThat(slaRecords.pauses(visit.id())).containsExactly(
          new SlaPlan.Pause(berlin(3, 10, 0), berlin(3, 12, 30)));
      assertThat(waitingOnCustomer(ticket)).isFalse();
      assertThat(customerReplied(ticket).statusCode()).isEqualTo(409);
    }
    assertThat(records(withdrawn).get(0).outcome()).isEqualTo("withdrawn");
    assertThat(records(reassigned).get(0).outcome()).isEqualTo("reassigned");
  }
}
