package io.slaflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A ticket's clock per priority, paused while the ticket waits on the customer and exact in business time. */
class TicketClockTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @Autowired DataSource dataSource;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private static Instant berlin(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
  }

  private JsonNode open(String priority, String account) throws Exception {
    HttpResponse<String> created = http.postJson("/api/tickets", """
        {"priority": "%s", "category": "outage", "account": "%s", "contactName": "Ole Hansen",
         "contactEmail": "ole@nordic.example", "country": "DE", "description": "Nothing loads"}"""
        .formatted(priority, account), "admin", ADMIN_PASSWORD);
    assertThat(created.statusCode()).isEqualTo(201);
    return JSON.readTree(created.body());
  }

  private Instant timer(String pid, String id) {
    return timerJob(pid, id).getDuedate().toInstant();
  }

  @Test
  void aCriticalTicketGetsItsFirstResponseWithinAnHourAroundTheClock() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 5, 22, 0), BERLIN); // a Saturday night
    String account = "Critical " + UUID.randomUUID();
    JsonNode ticket = open("critical", account);
    assertThat(Instant.parse(ticket.get("firstResponseDue").asText().replace("+00:00", "Z")))
        .isEqualTo(berlin(12, 5, 23, 0));
    assertThat(ticket.get("teamId").asText()).isEqualTo("team-berlin");

    // The warnings say how long is left and that this clock does not stop for the night.
    String pid = ticket.get("processInstanceId").asText();
    fireTimer(pid, "Timer_FirstResponseWarning");
    assertThat(theMail(account, "SLA warning").body()).contains("Due in 30 minutes. Make the next move before the"
        + " due time. The clock runs around the clock, nights and weekends included.");
    fireTimer(pid, "Timer_FirstResponseFinalWarning");
    assertThat(theMail(account, "Final SLA warning").body()).contains("Due in 15 minutes. This is the last warning"
        + " before the breach: make the next move now. The clock runs around the clock, nights and weekends"
        + " included.");
  }

  @Test
  void pausedTwoHoursFifteenIntoABusinessDayForThreeDaysTheDueTimeMovesByExactlyThePausedBusinessTime()
      throws Exception {
    // Normal priority: first response within 1 business day (9 working hours in Berlin). Thursday 09:00 is due
    // Thursday 18:00.
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String account = "Paused " + UUID.randomUUID();
    JsonNode ticket = open("normal", account);
    String id = ticket.get("ticketId").asText();
    String pid = ticket.get("processInstanceId").asText();
    String owner = ticket.get("owner").asText();
    assertThat(stageTask(pid, "Task_FirstResponse").getDueDate().toInstant()).isEqualTo(berlin(12, 3, 18, 0));
    assertThat(timer(pid, "Timer_FirstResponseEscalation")).isEqualTo(berlin(12, 4, 13, 0));

    // 2 h 15 min in, the rep waits on the customer: 6 h 45 min of business time are left.
    clockAt(berlin(12, 3, 11, 15));
    HttpResponse<String> paused = http.postJson("/api/tickets/" + id + "/waiting-on-customer",
        "{\"reason\": \"Asked for the log files\"}", owner, DEMO_PASSWORD);
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(paused.body()).get("waitingOnCustomer").asBoolean()).isTrue();
    assertThat(http.postJson("/api/tickets/" + id + "/waiting-on-customer", "{\"reason\": \"again\"}", owner,
        DEMO_PASSWORD).statusCode()).isEqualTo(409);

    // Nothing of the ladder happens while the clock stands still, through the old due time and the weekend.
    clockAt(berlin(12, 6, 11, 14));
    runDueJobs(pid);
    assertThat(mailsAbout(account)).isEmpty();

    // Three days later, on Sunday, the customer replies: the 6 h 45 min left run from Monday 09:00.
    clockAt(berlin(12, 6, 11, 15));
    HttpResponse<String> resumed = http.postJson("/api/tickets/" + id + "/customer-replied", "", owner,
        DEMO_PASSWORD);
    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(stageTask(pid, "Task_FirstResponse").getDueDate().toInstant()).isEqualTo(berlin(12, 7, 15, 45));
    // Warnings keep their distance before the due time; escalation and reassignment their business time after it.
    assertThat(timer(pid, "Timer_FirstResponseWarning")).isEqualTo(berlin(12, 7, 11, 45));
    assertThat(timer(pid, "Timer_FirstResponseFinalWarning")).isEqualTo(berlin(12, 7, 14, 45));
    assertThat(timer(pid, "Timer_FirstResponseBreach")).isEqualTo(berlin(12, 7, 15, 45));
    assertThat(timer(pid, "Timer_FirstResponseEscalation")).isEqualTo(berlin(12, 8, 10, 45));

    SlaRecord record = ticketRecords(id).get(0);
    assertThat(record.dueAt()).isEqualTo(berlin(12, 7, 15, 45));
    assertThat(record.pausedSeconds()).isEqualTo(3 * 24 * 3600);
    assertThat(record.pauseReason()).isEqualTo("Asked for the log files");
    assertThat(record.pausedAt()).isNull();

    // The ladder runs from the moved instants: the first warning at Monday 11:45, not before.
    clockAt(berlin(12, 7, 11, 44));
    runDueJobs(pid);
    assertThat(mailsAbout(account)).isEmpty();
    clockAt(berlin(12, 7, 11, 45));
    runDueJobs(pid);
    assertThat(theMail(account, "SLA warning").to()).containsExactly(owner + "@slaflow.example");

    // Answering in time meets the SLA; the plan stage runs on its own row: 5 business days for a normal ticket.
    clockAt(berlin(12, 7, 15, 0));
    taskService.complete(stageTask(pid, "Task_FirstResponse").getId(), Map.of("responseChannel", "email",
        "responseSummary", "We found the cause"));
    assertThat(ticketRecords(id).get(0).outcome()).isEqualTo("met");
    assertThat(stageTask(pid, "Task_ResolutionPlan").getDueDate().toInstant()).isEqualTo(berlin(12, 14, 15, 0));
  }

  @Test
  void raisingThePriorityRecomputesTheStagesSlaFromItsStart() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String account = "Raised " + UUID.randomUUID();
    JsonNode ticket = open("normal", account);
    String id = ticket.get("ticketId").asText();
    String pid = ticket.get("processInstanceId").asText();

    // The rep the SLA measures cannot lower it: a ticket's priority is the support desk's and the managers'.
    clockAt(berlin(12, 3, 9, 30));
    Instant dueAsOpened = ticketRecords(id).get(0).dueAt();
    HttpResponse<String> lowered = http.putJson("/api/tickets/" + id + "/priority", "{\"priority\": \"low\"}",
        ticket.get("owner").asText(), DEMO_PASSWORD);
    assertThat(lowered.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(lowered.body()).get("detail").asText()).isEqualTo("A ticket's priority sets its SLA:"
        + " the support desk that sent it, the team's managers and administrators change it, not the reps it measures");
    assertThat(ticketRecords(id).get(0).dueAt()).isEqualTo(dueAsOpened);
    assertThat(runtimeService.getVariable(pid, "priority")).isEqualTo("normal");

    // At 10:00 the customer's outage turns out to be high priority: 4 business hours from 09:00 is 13:00.
    clockAt(berlin(12, 3, 10, 0));
    HttpResponse<String> raised = http.putJson("/api/tickets/" + id + "/priority", "{\"priority\": \"high\"}",
        "anna.berg", DEMO_PASSWORD);
    assertThat(raised.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(raised.body()).at("/ticket/priority").asText()).isEqualTo("high");
    assertThat(stageTask(pid, "Task_FirstResponse").getDueDate().toInstant()).isEqualTo(berlin(12, 3, 13, 0));
    assertThat(timer(pid, "Timer_FirstResponseWarning")).isEqualTo(berlin(12, 3, 12, 0));
    SlaRecord record = ticketRecords(id).get(0);
    assertThat(record.target()).isEqualTo("PT4H");
    assertThat(record.dueAt()).isEqualTo(berlin(12, 3, 13, 0));

    clockAt(berlin(12, 3, 13, 0));
    runDueJobs(pid);
    assertThat(theMail(account, "SLA breached").cc()).containsExactly("anna.berg@slaflow.example");
    assertThat(http.putJson("/api/tickets/" + id + "/priority", "{\"priority\": \"urgent\"}", "anna.berg",
        DEMO_PASSWORD).statusCode()).isEqualTo(400);
  }

  @Test
  void aPriorityChangeThatFindsTheTicketLockedChangesNothingAndSaysToSendItAgain() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    TicketIntake.Created ticket = openTicket("normal", "Locked " + UUID.randomUUID());
    String id = ticket.ticketId();
    Instant dueAsOpened = ticketRecords(id).get(0).dueAt();

    // Another write holds the ticket's row (a reopen, say) for longer than the database waits for a lock.
    HttpResponse<String> raised;
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement hold = other.prepareStatement("UPDATE ticket SET reopened = reopened WHERE id = ?")) {
        hold.setString(1, id);
        assertThat(hold.executeUpdate()).isEqualTo(1);
      }
      raised = http.putJson("/api/tickets/" + id + "/priority", "{\"priority\": \"high\"}", "anna.berg",
          DEMO_PASSWORD);
      other.rollback();
    }

    assertThat(raised.statusCode()).isEqualTo(409);
    assertThat(raised.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(raised.body()).get("detail").asText()).isEqualTo(
        "Another request changed this record at the same moment; this one changed nothing. Send it again.");
    assertThat(JSON.readTree(http.get("/api/tickets/" + id, "admin", ADMIN_PASSWORD).body()).at("/ticket/priority")
        .asText()).isEqualTo("normal");
    assertThat(runtimeService.getVariable(ticket.processInstanceId(), "priority")).isEqualTo("normal");
    assertThat(ticketRecords(id).get(0).dueAt()).isEqualTo(dueAsOpened);
  }

  private void toResolved(String pid) {
    taskService.complete(stageTask(pid, "Task_FirstResponse").getId(), Map.of("responseChannel", "email",
        "responseSummary", "Looking into it"));
    taskService.complete(stageTask(pid, "Task_ResolutionPlan").getId(), Map.of("resolutionPlan", "Restart the"
        + " node", "resolutionDate", "2026-12-04"));
    resolve(pid);
  }

  private void resolve(String pid) {
    taskService.complete(stageTask(pid, "Task_Resolve").getId(), Map.of("resolutionSummary", "Restarted",
        "howToCheck", "Open the dashboard"));
  }

  @Test
  void aReopenWithinTheWindowResolvesAgainAndSilenceThenConfirms() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    JsonNode ticket = open("high", "Reopen " + UUID.randomUUID());
    String id = ticket.get("ticketId").asText();
    String pid = ticket.get("processInstanceId").asText();
    String owner = ticket.get("owner").asText();
    assertThat(http.postJson("/api/tickets/" + id + "/confirm", "", owner, DEMO_PASSWORD).statusCode())
        .as("nothing resolved yet").isEqualTo(409);
    toResolved(pid);
    // Resolved Thursday 09:00: the customer has 5 business days, to Wednesday's close, to answer.
    assertThat(timer(pid, "Timer_AutoConfirm")).isEqualTo(berlin(12, 9, 18, 0));

    clockAt(berlin(12, 4, 10, 0));
    HttpResponse<String> reopened = http.postJson("/api/tickets/" + id + "/reopen",
        "{\"reason\": \"Still slow in the afternoon\"}", owner, DEMO_PASSWORD);
    assertThat(reopened.statusCode()).isEqualTo(200);
    assertThat(stageTask(pid, "Task_Resolve").getAssignee()).isEqualTo(owner);
    assertThat(runtimeService.getVariable(pid, "reopenReason")).isEqualTo("Still slow in the afternoon");

    clockAt(berlin(12, 7, 10, 0));
    resolve(pid);
    assertThat(timer(pid, "Timer_AutoConfirm")).isEqualTo(berlin(12, 14, 10, 0));
    fireTimer(pid, "Timer_AutoConfirm");

    JsonNode closed = JSON.readTree(http.get("/api/tickets/" + id, owner, DEMO_PASSWORD).body());
    assertThat(closed.at("/ticket/status").asText()).isEqualTo("closed");
    assertThat(closed.at("/ticket/confirmedBy").asText()).isEqualTo("silence");
    assertThat(closed.at("/ticket/reopened").asInt()).isEqualTo(1);
    assertThat(ticketRecords(id)).extracting(SlaRecord::stage)
        .containsExactly("first-response", "resolution-plan", "resolution", "resolution");
  }

  @Test
  void theCustomersConfirmationClosesTheTicket() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    JsonNode ticket = open("critical", "Confirm " + UUID.randomUUID());
    String id = ticket.get("ticketId").asText();
    toResolved(ticket.get("processInstanceId").asText());

    clockAt(berlin(12, 3, 12, 0));
    HttpResponse<String> confirmed = http.postJson("/api/tickets/" + id + "/confirm", "", "admin", ADMIN_PASSWORD);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    JsonNode closed = JSON.readTree(confirmed.body());
    assertThat(closed.at("/ticket/confirmedBy").asText()).isEqualTo("customer");
    assertThat(closed.at("/ticket/closedAt").asText()).isEqualTo("2026-12-03T11:00:00Z");
    assertThat(http.postJson("/api/tickets/" + id + "/reopen", "{\"reason\": \"late\"}", "admin", ADMIN_PASSWORD)
        .statusCode()).as("closed").isEqualTo(409);
  }

  @Test
  void badTicketsAreRefusedFieldByFieldAndOnlyTheTeamSeesATicket() throws Exception {
    HttpResponse<String> bad = http.postJson("/api/tickets", "{\"priority\": \"urgent\", \"country\": \"de\"}",
        "admin", ADMIN_PASSWORD);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("errors").findValuesAsText("field")).containsExactly("account",
        "category", "contactEmail", "contactName", "country", "description", "priority");

    JsonNode ticket = open("high", "Scoped " + UUID.randomUUID());
    String id = ticket.get("ticketId").asText();
    assertThat(http.get("/api/tickets/" + id, "olivia.reed", DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/tickets/" + id, "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.postJson("/api/tickets/" + id + "/customer-replied", "", ticket.get("owner").asText(),
        DEMO_PASSWORD).statusCode()).as("not waiting").isEqualTo(409);
    assertThat(http.postJson("/api/tickets", "{}", "ben.keller", DEMO_PASSWORD).statusCode())
        .as("a rep is not the support desk's intake").isEqualTo(403);

    String body = """
        {"priority": "low", "category": "question", "account": "Twice AS", "contactName": "Ole Hansen",
         "contactEmail": "ole@nordic.example", "country": "DE", "description": "How do I export?",
         "externalId": "zendesk-%s"}""".formatted(UUID.randomUUID());
    HttpResponse<String> first = http.postJson("/api/tickets", body, "admin", ADMIN_PASSWORD);
    HttpResponse<String> again = http.postJson("/api/tickets", body, "admin", ADMIN_PASSWORD);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).as("the same external id").isEqualTo(200);
    assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
  }

  private List<SlaRecord> ticketRecords(String ticketId) {
    return slaRecords.forRecord(SupportVariables.PROCESS_KEY, ticketId);
  }
}
