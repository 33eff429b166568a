package io.slaflow.expansion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.validation.RequiredDataMissing;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A usage signal qualified on the clock: held with a reason until its revisit date, then an upsell opportunity. */
class ExpansionTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @Autowired JdbcTemplate jdbc;

  private static Instant berlin(int day, int hour) {
    return LocalDateTime.of(2026, 12, day, hour, 0).atZone(BERLIN).toInstant();
  }

  @Test
  void theSenderAndTheAccountsTeamReadTheSignalBackNobodyElse() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    Http http = new Http(port);
    String account = "Readback AG " + UUID.randomUUID();
    String id = JSON.readTree(http.postJson("/api/signals", """
        {"account": "%s", "contactName": "Lena Berg", "contactEmail": "lena@grow.example", "country": "DE",
         "product": "analytics", "kind": "outcome", "strength": "medium", "note": "Renewal talk went well"}"""
        .formatted(account), "admin", ADMIN_PASSWORD).body()).get("signalId").asText();
    String owner = jdbc.queryForObject("SELECT owner_id FROM sla_record WHERE record_id = ?", String.class, id);

    HttpResponse<String> read = http.get("/api/signals/" + id, owner, DEMO_PASSWORD);
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode signal = JSON.readTree(read.body());
    assertThat(signal.get("account").asText()).isEqualTo(account);
    assertThat(signal.get("kind").asText()).isEqualTo("outcome");
    assertThat(signal.get("strength").asText()).isEqualTo("medium");
    assertThat(signal.get("outcome").asText()).isEqualTo("open");
    // A medium signal is qualified within 3 business days: Friday 10:00.
    assertThat(signal.get("slaRecords")).extracting(r -> r.get("stage").asText() + " due " + r.get("dueAt").asText())
        .containsExactly("qualify-signal due " + berlin(4, 10));

    assertThat(http.get("/api/signals/" + id, "james.carter", DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/signals/" + id, "maria.lopez", DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/signals/" + id, null, null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/signals/no-such-signal", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
  }

  @Test
  void aHeldSignalComesBackOnItsRevisitDateAndBecomesAnUpsell() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    String account = "Grow AG " + UUID.randomUUID();
    HttpResponse<String> created = new Http(port).postJson("/api/signals", """
        {"account": "%s", "contactName": "Lena Berg", "contactEmail": "lena@grow.example", "country": "DE",
         "product": "analytics", "kind": "usage", "strength": "high", "note": "Seats at 98 %%"}"""
        .formatted(account), "admin", ADMIN_PASSWORD);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode signal = JSON.readTree(created.body());
    String pid = signal.get("processInstanceId").asText();
    String id = signal.get("signalId").asText();

    // A strong signal is qualified within 1 business day.
    assertThat(stageTask(pid, "Task_QualifySignal").getDueDate().toInstant()).isEqualTo(berlin(2, 10));
    taskService.complete(stageTask(pid, "Task_QualifySignal").getId(), Map.of("signalOutcome", "hold",
        "holdReason", "Budget frozen until January", "revisitOn", "2027-01-11"));
    assertThat(timerJob(pid, "Timer_Revisit").getDuedate().toInstant())
        .isEqualTo(LocalDateTime.of(2027, 1, 11, 9, 0).atZone(BERLIN).toInstant());
    assertThat(jdbc.queryForObject("SELECT hold_reason FROM expansion_signal WHERE id = ?", String.class, id))
        .isEqualTo("Budget frozen until January");

    fireTimer(pid, "Timer_Revisit");
    taskService.complete(stageTask(pid, "Task_QualifySignal").getId(), Map.of("signalOutcome", "upsell"));

    String opportunityId = jdbc.queryForObject("SELECT opportunity_id FROM expansion_signal WHERE id = ?",
        String.class, id);
    assertThat(jdbc.queryForObject("SELECT source FROM opportunity WHERE id = ?", String.class, opportunityId))
        .isEqualTo("expansion");
    assertThat(jdbc.queryForObject("SELECT outcome FROM expansion_signal WHERE id = ?", String.class, id))
        .isEqualTo("upsell");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(opportunityId)
        .processDefinitionKey("sales-pipeline").count()).isOne();
  }

  @Test
  void aHoldNeedsAReasonAndARevisitDateAndBadSignalsAreRefused() throws Exception {
    HttpResponse<String> bad = new Http(port).postJson("/api/signals", "{\"kind\": \"rumour\"}", "admin",
        ADMIN_PASSWORD);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("errors").findValuesAsText("field")).contains("kind", "strength");

    JsonNode signal = JSON.readTree(new Http(port).postJson("/api/signals", """
        {"account": "Hold AG", "contactName": "Lena Berg", "contactEmail": "lena@hold.example", "country": "DE",
         "kind": "outcome", "strength": "low"}""", "admin", ADMIN_PASSWORD).body());
    String taskId = stageTask(signal.get("processInstanceId").asText(), "Task_QualifySignal").getId();
    String key = UUID.randomUUID().toString();
    String body = """
        {"account": "Key AG", "contactName": "Lena Berg", "contactEmail": "lena@key.example", "country": "DE",
         "kind": "usage", "strength": "medium"}""";
    HttpResponse<String> first = new Http(port).postJson("/api/signals", body, "admin", ADMIN_PASSWORD,
        "Idempotency-Key", key);
    HttpResponse<String> again = new Http(port).postJson("/api/signals", body, "admin", ADMIN_PASSWORD,
        "Idempotency-Key", key);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
    assertThatThrownBy(() -> taskService.complete(taskId, Map.of("signalOutcome", "hold")))
        .isInstanceOf(RequiredDataMissing.class)
        .satisfies(e -> assertThat(((RequiredDataMissing) e).missingFields()).containsExactly("holdReason",
            "revisitOn"));
  }
}
