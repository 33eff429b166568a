package io.slaflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.org.IdentitySync;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /api/leads} over HTTP, as a web form or marketing automation calls it. */
class LeadIntakeApiTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @Autowired IdentityService identityService;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private static String lead(String externalId) {
    return """
        {"name": "Jane Doe", "email": "jane@acme.example", "phone": "+49 30 1234567", "company": "Acme GmbH",
         "country": "DE", "source": "demo-request", "product": "crm-suite", "intent": "high", "externalId": %s}"""
        .formatted(externalId == null ? "null" : "\"" + externalId + "\"");
  }

  private HttpResponse<String> post(String body, String... headers) {
    return http.postJson("/api/leads", body, "admin", ADMIN_PASSWORD, headers);
  }

  @Test
  void createsALeadRoutedToATeamWithItsFirstContactDue() throws Exception {
    HttpResponse<String> response = post(lead(null));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.body());
    assertThat(response.headers().firstValue("Location")).hasValue("/api/leads/" + body.get("leadId").asText());
    assertThat(body.get("teamId").asText()).isEqualTo("team-berlin");
    assertThat(body.get("owner").asText()).isIn("ben.keller", "clara.vogel", "david.wolf");
    assertThat(body.get("firstContactDue").asText()).isNotBlank();
    String pid = body.get("processInstanceId").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult().getBusinessKey())
        .isEqualTo(body.get("leadId").asText());
  }

  @Test
  void aLeadIsReadBackWithItsSlaRecords() throws Exception {
    String leadId = JSON.readTree(post(lead(null)).body()).get("leadId").asText();

    HttpResponse<String> response = http.get("/api/leads/" + leadId, "admin", ADMIN_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(response.body());
    assertThat(view.at("/lead/name").asText()).isEqualTo("Jane Doe");
    assertThat(view.at("/lead/phone").asText()).isEqualTo("+49 30 1234567");
    assertThat(view.at("/slaRecords/0/stage").asText()).isEqualTo("first-contact");
    assertThat(view.at("/slaRecords/0/target").asText()).isEqualTo("PT4H");
    assertThat(view.at("/slaRecords/0/outcome").asText()).isEqualTo("open");

    HttpResponse<String> missing = http.get("/api/leads/no-such-lead", "admin", ADMIN_PASSWORD);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void aRepeatWithTheSameIdempotencyKeyReturnsTheFirstResultAndCreatesNothing() throws Exception {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = post(lead(null), "Idempotency-Key", key);
    HttpResponse<String> repeat = post(lead(null), "Idempotency-Key", key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(repeat.body())).isEqualTo(JSON.readTree(first.body()));
    String leadId = JSON.readTree(first.body()).get("leadId").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isOne();
  }

  @Test
  void aRepeatWithTheSameExternalIdReturnsTheFirstResult() throws Exception {
    String externalId = "hubspot-" + UUID.randomUUID();
    HttpResponse<String> first = post(lead(externalId));
    HttpResponse<String> repeat = post(lead(externalId));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(repeat.body()).get("leadId")).isEqualTo(JSON.readTree(first.body()).get("leadId"));
  }

  @Test
  void invalidFieldsAreEachNamedInAProblemDocument() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("lead-routing").count();

    HttpResponse<String> response = post("""
        {"name": " ", "email": "not-an-email", "phone": "call me", "country": "Germany", "source": "Bill board!",
         "product": "CRM Suite!", "intent": "very high"}""");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
    assertThat(problem.get("detail").asText())
        .isEqualTo("Invalid fields: country, email, intent, name, phone, product, source");
    assertThat(problem.get("errors").findValuesAsText("field"))
        .containsExactly("country", "email", "intent", "name", "phone", "product", "source");
    assertThat(problem.get("errors").get(4).get("message").asText())
        .isEqualTo("must be a phone number such as +49 30 1234567");
    assertThat(problem.get("errors").get(0).get("message").asText())
        .isEqualTo("must be an ISO 3166 alpha-2 country code such as DE or US");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("lead-routing").count())
        .as("nothing created").isEqualTo(before);
  }

  @Test
  void aSourceNobodyDeclaredIsAcceptedOnTheFallbackPolicyAndListedForTheProcessOwner() throws Exception {
    String source = "webinar-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = post("""
        {"name": "Wendy Webinar", "email": "wendy@acme.example", "country": "DE", "source": "%s",
         "intent": "burning"}""".formatted(source));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String leadId = JSON.readTree(created.body()).get("leadId").asText();

    JsonNode view = JSON.readTree(http.get("/api/leads/" + leadId, "admin", ADMIN_PASSWORD).body());
    assertThat(view.at("/slaRecords/0/target").asText()).as("the fallback row: every lead within 24 hours")
        .isEqualTo("PT24H");
    assertThat(view.get("undeclared").toString())
        .isEqualTo("[{\"fact\":\"source\",\"value\":\"" + source + "\"},{\"fact\":\"intent\",\"value\":\"burning\"}]");
    // Sources the policy names, or the administrators declare, are no news.
    String named = JSON.readTree(post(lead(null)).body()).get("leadId").asText();
    assertThat(JSON.readTree(http.get("/api/leads/" + named, "admin", ADMIN_PASSWORD).body()).get("undeclared"))
        .isEmpty();
    String declared = JSON.readTree(post(lead(null).replace("demo-request", "event").replace("high", "low")).body())
        .get("leadId").asText();
    assertThat(JSON.readTree(http.get("/api/leads/" + declared, "admin", ADMIN_PASSWORD).body())
        .get("undeclared")).isEmpty();

    String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    org.camunda.bpm.engine.identity.User person = identityService.newUser(owner);
    person.setPassword(DEMO_PASSWORD);
    identityService.saveUser(person);
    identityService.createMembership(owner, IdentitySync.PROCESS_OWNERS);
    HttpResponse<String> report;
    try {
      report = http.get("/api/reports/undeclared-values", owner, DEMO_PASSWORD);
    } finally {
      identityService.deleteUser(owner);
    }
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode candidate : JSON.readTree(report.body())) {
      if (candidate.get("value").asText().equals(source)) {
        row = candidate;
      }
    }
    assertThat(row).as("the new source in the process owner's list").isNotNull();
    assertThat(row.get("unit").asText()).isEqualTo("lead-routing");
    assertThat(row.get("fact").asText()).isEqualTo("source");
    assertThat(row.get("records").asLong()).isEqualTo(1);
    assertThat(http.get("/api/reports/undeclared-values", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
  }

  @Test
  void missingRequiredFieldsAndMalformedJsonAreRefused() throws Exception {
    HttpResponse<String> empty = post("{}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("country", "email", "name", "source");

    HttpResponse<String> malformed = post("{\"name\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    HttpResponse<String> wrongType = post("{\"name\": [1, 2]}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongType.body()).get("errors").findValuesAsText("field")).containsExactly("name");
  }

  @Test
  void authenticationIsRequired() throws Exception {
    HttpResponse<String> anonymous = http.postJson("/api/leads", lead(null), null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    // Its own user: a wrong password delays the user's next login from this address, which would disturb other tests.
    String probe = "probe-" + UUID.randomUUID().toString().substring(0, 8);
    org.camunda.bpm.engine.identity.User user = identityService.newUser(probe);
    user.setPassword("right-password");
    identityService.saveUser(user);
    assertThat(http.postJson("/api/leads", lead(null), probe, "wrong").statusCode()).isEqualTo(401);

    HttpResponse<String> rep = http.postJson("/api/leads", lead(null), "ben.keller", DEMO_PASSWORD);
    assertThat(rep.statusCode()).as("a rep is not an intake system").isEqualTo(403);
    assertThat(JSON.readTree(rep.body()).get("detail").asText()).contains("slaflow-intake");
  }

  @Test
  void theEngineRestApiRequiresAuthenticationAndShowsARepOnlyTheirOwnWork() {
    assertThat(http.get("/engine-rest/task", null, null).statusCode()).isEqualTo(401);

    LeadIntake.Created created = createLead(uniqueName("Own"), "DE", "web-form", "medium", "crm-suite");
    String otherRep = created.owner().equals("ben.keller") ? "clara.vogel" : "ben.keller";
    String taskId = stageTask(created.processInstanceId(), "Task_MakeFirstContact").getId();

    assertThat(http.get("/engine-rest/task/" + taskId, created.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/engine-rest/task/" + taskId, "olivia.reed", DEMO_PASSWORD).statusCode())
        .as("a rep of another team").isIn(403, 404);
    assertThat(http.get("/engine-rest/task", otherRep, DEMO_PASSWORD).body())
        .as("a colleague in the same team").doesNotContain(taskId);
  }
}
