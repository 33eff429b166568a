package io.slaflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.org.IdentitySync;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two intake systems on one Slaflow are kept apart: each reads back and acts on only what it created (another's
 * record answers 404, as if it did not exist), and each has its own idempotency keys and external ids.
 * Administrators and the record's team keep their access.
 */
class IntakeClientScopeTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "intake-secret";

  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  private Http http;
  private String clientA;
  private String clientB;

  @BeforeEach
  void twoIntakeClients() {
    http = new Http(port);
    clientA = intakeUser("webform");
    clientB = intakeUser("marketing");
  }

  private String intakeUser(String name) {
    String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, IdentitySync.INTAKE);
    return id;
  }

  private static Instant berlin(LocalDateTime wallClock) {
    return wallClock.atZone(BERLIN).toInstant();
  }

  // Leads

  private static String lead(String externalId) {
    return """
        {"name": "Jane Doe", "email": "jane@acme.example", "company": "Acme GmbH", "country": "DE",
         "source": "demo-request", "product": "crm-suite", "intent": "high", "externalId": %s}"""
        .formatted(json(externalId));
  }

  @Test
  void anIntakeSystemReadsItsOwnLeadAndAnotherSystemsLeadDoesNotExistForIt() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String id = created(http.postJson("/api/leads", lead(null), clientA, PASSWORD)).get("leadId").asText();

    HttpResponse<String> other = http.get("/api/leads/" + id, clientB, PASSWORD);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).doesNotContain("Jane Doe").doesNotContain("jane@acme.example");
    assertThat(JSON.readTree(other.body()).get("detail").asText())
        .as("the same answer as for a lead that does not exist").isEqualTo("No lead with id '" + id + "'");

    HttpResponse<String> own = http.get("/api/leads/" + id, clientA, PASSWORD);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(own.body()).at("/lead/email").asText()).isEqualTo("jane@acme.example");
    assertThat(http.get("/api/leads/" + id, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void leadIdempotencyKeysAndExternalIdsArePerClient() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    List<String> ids = assertKeysArePerClient("/api/leads", IntakeClientScopeTest::lead, "leadId");

    assertThat(jdbc.queryForList("SELECT intake_client FROM lead WHERE id IN (?, ?, ?, ?)",
        String.class, ids.toArray())).containsExactlyInAnyOrder(clientA, clientA, clientB, clientB);
    for (String id : ids) {
      assertThat(http.get("/api/leads/" + id, "admin", ADMIN_PASSWORD).statusCode()).as("admin reads " + id)
          .isEqualTo(200);
    }
    assertThat(http.get("/api/leads/" + ids.get(0), clientA, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/leads/" + ids.get(1), clientA, PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/leads/" + ids.get(1), clientB, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/leads/" + ids.get(0), clientB, PASSWORD).statusCode()).isEqualTo(404);
  }

  // MQLs and opportunities

  private static String opportunity(String externalId) {
    return """
        {"contactName": "Jane Doe", "contactEmail": "jane@acme.example", "company": "Acme GmbH", "country": "DE",
         "source": "content-download", "product": "crm-suite", "amount": 48000, "externalId": %s}"""
        .formatted(json(externalId));
  }

  @Test
  void anotherSystemsOpportunityCannotBeReadOrWorkedButItsTeamAndAdminsKeepAccess() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String id = created(http.postJson("/api/mqls", opportunity(null), clientA, PASSWORD)).get("opportunityId")
        .asText();

    HttpResponse<String> other = http.get("/api/opportunities/" + id, clientB, PASSWORD);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(other.body()).get("detail").asText())
        .isEqualTo("No opportunity with id '" + id + "'");
    assertThat(http.postJson("/api/opportunities/" + id + "/activities", "{\"kind\": \"call\", \"note\": \"x\"}",
        clientB, PASSWORD).statusCode()).isEqualTo(404);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM opportunity_activity WHERE opportunity_id = ?",
        Integer.class, id)).as("no activity logged").isZero();

    assertThat(http.get("/api/opportunities/" + id, clientA, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/opportunities/" + id, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/opportunities/" + id, "ben.keller", DEMO_PASSWORD).statusCode())
        .as("a rep of the team it was routed to").isEqualTo(200);
    assertThat(http.get("/api/opportunities/" + id, "olivia.reed", DEMO_PASSWORD).statusCode())
        .as("a rep of another team").isEqualTo(404);
  }

  @Test
  void mqlAndOpportunityIdempotencyKeysAndExternalIdsArePerClient() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    List<String> mqls = assertKeysArePerClient("/api/mqls", IntakeClientScopeTest::opportunity, "opportunityId");
    List<String> handoffs =
        assertKeysArePerClient("/api/opportunities", IntakeClientScopeTest::opportunity, "opportunityId");

    for (String id : List.of(mqls.get(0), mqls.get(1), handoffs.get(2), handoffs.get(3))) {
      assertThat(http.get("/api/opportunities/" + id, "admin", ADMIN_PASSWORD).statusCode()).as("admin reads " + id)
          .isEqualTo(200);
    }
    assertThat(http.get("/api/opportunities/" + mqls.get(1), clientA, PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/opportunities/" + handoffs.get(2), clientB, PASSWORD).statusCode()).isEqualTo(404);
  }

  // Tickets

  private static String ticket(String externalId) {
    return """
        {"priority": "normal", "category": "outage", "account": "Nordic Freight AS", "contactName": "Ole Hansen",
         "contactEmail": "ole@nordic.example", "country": "DE", "description": "Nothing loads",
         "externalId": %s}""".formatted(json(externalId));
  }

  @Test
  void anotherSystemCannotReadATicketNorChangeItsPriorityOrClock() throws Exception {
    // Normal priority: first response within 1 business day, Thursday 09:00 is due Thursday 18:00.
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String id = created(http.postJson("/api/tickets", ticket(null), clientA, PASSWORD)).get("ticketId").asText();
    clockAt(LocalDateTime.of(2026, 12, 3, 10, 0), BERLIN);

    HttpResponse<String> read = http.get("/api/tickets/" + id, clientB, PASSWORD);
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(read.body()).get("detail").asText()).isEqualTo("No ticket with id '" + id + "'");
    assertThat(http.putJson("/api/tickets/" + id + "/priority", "{\"priority\": \"critical\"}", clientB, PASSWORD)
        .statusCode()).isEqualTo(404);
    assertThat(http.postJson("/api/tickets/" + id + "/waiting-on-customer", "{\"reason\": \"x\"}", clientB,
        PASSWORD).statusCode()).isEqualTo(404);

    assertThat(jdbc.queryForObject("SELECT priority FROM ticket WHERE id = ?", String.class, id))
        .isEqualTo("normal");
    SlaRecord record = slaRecords.forRecord("customer-support", id).get(0);
    assertThat(record.target()).isEqualTo("P1D");
    assertThat(record.dueAt()).isEqualTo(berlin(LocalDateTime.of(2026, 12, 3, 18, 0)));
    assertThat(record.pausedAt()).as("the clock still runs").isNull();

    // Its own client may: high priority is 4 business hours from 09:00.
    HttpResponse<String> raised =
        http.putJson("/api/tickets/" + id + "/priority", "{\"priority\": \"high\"}", clientA, PASSWORD);
    assertThat(raised.statusCode()).isEqualTo(200);
    assertThat(slaRecords.forRecord("customer-support", id).get(0).dueAt())
        .isEqualTo(berlin(LocalDateTime.of(2026, 12, 3, 13, 0)));
    assertThat(http.get("/api/tickets/" + id, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/tickets/" + id, "ben.keller", DEMO_PASSWORD).statusCode())
        .as("a rep of the ticket's team").isEqualTo(200);
  }

  @Test
  void ticketIdempotencyKeysAndExternalIdsArePerClient() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    List<String> ids = assertKeysArePerClient("/api/tickets", IntakeClientScopeTest::ticket, "ticketId");

    for (String id : ids) {
      assertThat(http.get("/api/tickets/" + id, "admin", ADMIN_PASSWORD).statusCode()).as("admin reads " + id)
          .isEqualTo(200);
    }
    assertThat(http.get("/api/tickets/" + ids.get(0), clientB, PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/tickets/" + ids.get(1), clientB, PASSWORD).statusCode()).isEqualTo(200);
  }

  // Contracts and their renewals

  private static String contract(String externalId) {
    return """
        {"account": "Renew AG", "contactName": "Lena Berg", "contactEmail": "lena@renew.example", "country": "DE",
         "renewsOn": "2027-12-01", "externalId": %s}""".formatted(json(externalId));
  }

  private String renewalOf(String contractId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(contractId).singleResult().getId();
  }

  @Test
  void anotherSystemCannotMoveARenewalOrFlagItAtRisk() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    String id = created(http.postJson("/api/contracts", contract(null), clientA, PASSWORD)).get("contractId")
        .asText();
    String pid = renewalOf(id);
    Instant review = berlin(LocalDate.of(2027, 12, 1).minusDays(120).atTime(9, 0));
    assertThat(timerJob(pid, "Timer_AccountReview").getDuedate().toInstant()).isEqualTo(review);

    HttpResponse<String> moved = http.putJson("/api/contracts/" + id + "/renewal-date",
        "{\"renewsOn\": \"2028-01-03\"}", clientB, PASSWORD);
    assertThat(moved.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(moved.body()).get("detail").asText())
        .isEqualTo("No open renewal for contract '" + id + "'");
    assertThat(http.postJson("/api/contracts/" + id + "/risk", "{\"reason\": \"Champion left\"}", clientB,
        PASSWORD).statusCode()).isEqualTo(404);

    assertThat(jdbc.queryForObject("SELECT renews_on FROM contract WHERE id = ?", LocalDate.class, id))
        .isEqualTo(LocalDate.of(2027, 12, 1));
    assertThat(timerJob(pid, "Timer_AccountReview").getDuedate().toInstant()).isEqualTo(review);
    assertThat(runtimeService.getVariable(pid, "riskReason")).isNull();
    assertThat(taskService.createTaskQuery().processInstanceId(pid).taskDefinitionKey("Task_RecoveryPlan").count())
        .isZero();

    assertThat(http.putJson("/api/contracts/" + id + "/renewal-date", "{\"renewsOn\": \"2028-01-03\"}", clientA,
        PASSWORD).statusCode()).isEqualTo(200);
    assertThat(timerJob(pid, "Timer_AccountReview").getDuedate().toInstant())
        .isEqualTo(berlin(LocalDate.of(2028, 1, 3).minusDays(120).atTime(9, 0)));
    assertThat(http.putJson("/api/contracts/" + id + "/renewal-date", "{\"renewsOn\": \"2028-02-01\"}", "admin",
        ADMIN_PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void contractIdempotencyKeysAndExternalIdsArePerClient() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    List<String> ids = assertKeysArePerClient("/api/contracts", IntakeClientScopeTest::contract, "contractId");

    for (String id : ids) {
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("onboarding")
          .processInstanceBusinessKey(id).count()).as("onboarding of " + id).isOne();
    }
    assertThat(http.postJson("/api/contracts/" + ids.get(1) + "/risk", "{\"reason\": \"Budget cut\"}", clientA,
        PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.postJson("/api/contracts/" + ids.get(1) + "/risk", "{\"reason\": \"Budget cut\"}", "admin",
        ADMIN_PASSWORD).statusCode()).isEqualTo(200);
  }

  // Expansion signals

  private static String signal(String externalId) {
    return """
        {"account": "Grow AG", "contactName": "Lena Berg", "contactEmail": "lena@grow.example", "country": "DE",
         "product": "analytics", "kind": "usage", "strength": "high", "externalId": %s}"""
        .formatted(json(externalId));
  }

  @Test
  void signalIdempotencyKeysAndExternalIdsArePerClient() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    List<String> ids = assertKeysArePerClient("/api/signals", IntakeClientScopeTest::signal, "signalId");

    assertThat(jdbc.queryForList("SELECT intake_client FROM expansion_signal WHERE id IN (?, ?, ?, ?)",
        String.class, ids.toArray())).containsExactlyInAnyOrder(clientA, clientB, clientA, clientB);
  }

  /**
   * The same Idempotency-Key, then the same external id, from client A and from client B: two records each time
   * (201), and each client's repeat answers its own (200, same id).
   *
   * @return A's and B's record by key, then A's and B's by external id
   */
  private List<String> assertKeysArePerClient(String path, Function<String, String> body, String idField)
      throws Exception {
    String key = "key-" + UUID.randomUUID();
    String[] keyHeader = {"Idempotency-Key", key};
    String byKeyA = id(201, http.postJson(path, body.apply(null), clientA, PASSWORD, keyHeader), idField);
    String byKeyB = id(201, http.postJson(path, body.apply(null), clientB, PASSWORD, keyHeader), idField);
    assertThat(byKeyB).as("B's request with A's key is B's own").isNotEqualTo(byKeyA);
    assertThat(id(200, http.postJson(path, body.apply(null), clientA, PASSWORD, keyHeader), idField))
        .isEqualTo(byKeyA);
    assertThat(id(200, http.postJson(path, body.apply(null), clientB, PASSWORD, keyHeader), idField))
        .isEqualTo(byKeyB);

    String externalId = "crm-" + UUID.randomUUID();
    String byExternalIdA = id(201, http.postJson(path, body.apply(externalId), clientA, PASSWORD), idField);
    String byExternalIdB = id(201, http.postJson(path, body.apply(externalId), clientB, PASSWORD), idField);
    assertThat(byExternalIdB).as("B's record with A's external id is B's own").isNotEqualTo(byExternalIdA);
    assertThat(id(200, http.postJson(path, body.apply(externalId), clientA, PASSWORD), idField))
        .isEqualTo(byExternalIdA);
    assertThat(id(200, http.postJson(path, body.apply(externalId), clientB, PASSWORD), idField))
        .isEqualTo(byExternalIdB);
    return List.of(byKeyA, byKeyB, byExternalIdA, byExternalIdB);
  }

  private static String id(int status, HttpResponse<String> response, String idField) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body()).get(idField).asText();
  }

  private static JsonNode created(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private static String json(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }
}
