package io.slaflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A signed contract onboards the account: kickoff, configuration and first value, each on the clock. */
class OnboardingTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Instant berlin(int day, int hour) {
    return LocalDateTime.of(2026, 12, day, hour, 0).atZone(BERLIN).toInstant();
  }

  private static String contract(String account, String externalId) {
    return """
        {"account": "%s", "contactName": "Lena Berg", "contactEmail": "lena@berg.example", "country": "DE",
         "product": "crm-suite", "amount": 24000, "renewsOn": "2027-12-01", "externalId": %s}"""
        .formatted(account, externalId == null ? "null" : "\"" + externalId + "\"");
  }

  @Test
  void theSenderAndTheAccountsTeamReadTheContractBackNobodyElse() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    Http http = new Http(port);
    String account = "Readback AG " + UUID.randomUUID();
    JsonNode created = JSON.readTree(http.postJson("/api/contracts", contract(account, "billing-" + UUID.randomUUID()),
        "admin", ADMIN_PASSWORD).body());
    String id = created.get("contractId").asText();

    HttpResponse<String> read = http.get("/api/contracts/" + id, created.get("owner").asText(), DEMO_PASSWORD);
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode contract = JSON.readTree(read.body());
    assertThat(contract.get("account").asText()).isEqualTo(account);
    assertThat(contract.get("amount").decimalValue()).isEqualByComparingTo("24000");
    assertThat(contract.get("currency").asText()).isEqualTo("EUR");
    assertThat(contract.get("renewsOn").asText()).isEqualTo("2027-12-01");
    assertThat(contract.has("renewalOutcome")).as("not renewed yet").isFalse();
    assertThat(contract.get("slaRecords")).extracting(r -> r.get("unit").asText() + "/" + r.get("stage").asText()
        + "/" + r.get("outcome").asText()).containsExactly("onboarding/kickoff/open");

    // Another team's rep and manager are not told it exists; nor is anybody of an id that was never sent.
    assertThat(http.get("/api/contracts/" + id, "james.carter", DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/contracts/" + id, "maria.lopez", DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/contracts/" + id, null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = http.get("/api/contracts/no-such-contract", "admin", ADMIN_PASSWORD);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("No contract with id 'no-such-contract'");
  }

  @Test
  void aContractRunsOnboardingToInitialValueDelivered() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    Http http = new Http(port);
    HttpResponse<String> created = http.postJson("/api/contracts", contract("Berg AG " + UUID.randomUUID(), null),
        "admin", ADMIN_PASSWORD);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode answer = JSON.readTree(created.body());
    String pid = answer.get("processInstanceId").asText();
    String id = answer.get("contractId").asText();
    assertThat(answer.get("teamId").asText()).isEqualTo("team-berlin");

    // Kickoff within 3 business days: Tuesday 10:00 is due Friday 10:00.
    assertThat(stageTask(pid, "Task_Kickoff").getDueDate().toInstant()).isEqualTo(berlin(4, 10));
    clockAt(berlin(3, 10));
    taskService.complete(stageTask(pid, "Task_Kickoff").getId(), Map.of("kickoffDate", "2026-12-03",
        "kickoffAttendees", "Lena, Ben", "successCriteria", "Every lead routed within a minute"));
    // Configuration within 10 business days: Thursday 17 December 10:00.
    assertThat(stageTask(pid, "Task_Configuration").getDueDate().toInstant()).isEqualTo(berlin(17, 10));
    clockAt(berlin(8, 10));
    taskService.complete(stageTask(pid, "Task_Configuration").getId(), Map.of("configurationDone", "Teams, hours",
        "customerSignedOff", true));
    // First value within 20 business days of configuration: Tuesday 8 December 10:00 is due Thursday 7 January
    // (Christmas Day and New Year's Day are holidays in Berlin).
    assertThat(stageTask(pid, "Task_FirstValue").getDueDate().toInstant())
        .isEqualTo(LocalDateTime.of(2027, 1, 7, 10, 0).atZone(BERLIN).toInstant());
    clockAt(berlin(15, 10));
    taskService.complete(stageTask(pid, "Task_FirstValue").getId(), Map.of("valueInCustomersWords",
        "No lead waited over an hour", "valueConfirmedBy", "Lena Berg, Head of Sales"));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
    assertThat(slaRecords.forRecord("onboarding", id)).extracting(SlaRecord::stage, SlaRecord::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("kickoff", "met"),
            org.assertj.core.groups.Tuple.tuple("configuration", "met"),
            org.assertj.core.groups.Tuple.tuple("first-value", "met"));
  }

  @Test
  void contractsAreValidatedAndIdempotent() throws Exception {
    Http http = new Http(port);
    HttpResponse<String> bad = http.postJson("/api/contracts", "{\"account\": \"\", \"renewsOn\": \"soon\"}",
        "admin", ADMIN_PASSWORD);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    String externalId = "billing-" + UUID.randomUUID();
    HttpResponse<String> first = http.postJson("/api/contracts", contract("Twice AG", externalId), "admin",
        ADMIN_PASSWORD);
    HttpResponse<String> again = http.postJson("/api/contracts", contract("Twice AG", externalId), "admin",
        ADMIN_PASSWORD);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
    assertThat(http.postJson("/api/contracts", contract("Rep AG", null), "ben.keller", DEMO_PASSWORD).statusCode())
        .isEqualTo(403);
  }
}
