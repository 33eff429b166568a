package io.slaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/mqls} and {@code /api/opportunities} over HTTP, as marketing automation and reps call them. */
class PipelineApiTest extends PipelineTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private static String body(String company, String externalId) {
    return """
        {"contactName": "Jane Doe", "contactEmail": "jane@acme.example", "company": "%s", "country": "DE",
         "source": "web-form", "product": "crm-suite", "amount": 48000, "externalId": %s}"""
        .formatted(company, externalId == null ? "null" : "\"" + externalId + "\"");
  }

  private HttpResponse<String> postMql(String json, String... headers) {
    return http.postJson("/api/mqls", json, "admin", ADMIN_PASSWORD, headers);
  }

  @Test
  void anMqlIsRoutedWithItsAcceptanceDueAndReadBackWithItsStageHistory() throws Exception {
    HttpResponse<String> created = postMql(body("Api " + uniqueName("Co"), null));

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode answer = JSON.readTree(created.body());
    String id = answer.get("opportunityId").asText();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/opportunities/" + id);
    assertThat(answer.get("kind").asText()).isEqualTo("mql");
    assertThat(answer.get("teamId").asText()).isEqualTo("team-berlin");
    assertThat(answer.get("stage").asText()).isEqualTo("accept-mql");
    String owner = answer.get("owner").asText();
    assertThat(owner).isIn(BERLIN_REPS);
    assertThat(answer.get("due").asText()).isNotBlank();

    // The owner accepts it as a rep would, then reads the stage history back.
    accept(answer.get("processInstanceId").asText());
    HttpResponse<String> read = http.get("/api/opportunities/" + id, owner, DEMO_PASSWORD);
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(read.body());
    assertThat(view.at("/opportunity/status").asText()).isEqualTo("open");
    // Sent without a currency, the amount is in the organisation's (slaflow.currency).
    assertThat(view.at("/opportunity/amount").decimalValue()).isEqualByComparingTo("48000");
    assertThat(view.at("/opportunity/currency").asText()).isEqualTo("EUR");
    assertThat(view.at("/stages/0/stage").asText()).isEqualTo("accept-mql");
    assertThat(view.at("/stages/0/outcome").asText()).isEqualTo("accept");
    assertThat(view.at("/stages/1/stage").asText()).isEqualTo("schedule-discovery");
    assertThat(view.at("/slaRecords/1/target").asText()).isEqualTo("P1D");

    assertThat(http.get("/api/opportunities/" + id, "olivia.reed", DEMO_PASSWORD).statusCode())
        .as("a rep of another team").isEqualTo(404);
    assertThat(http.get("/api/opportunities/" + id, BERLIN_MANAGER, DEMO_PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aQualifiedOpportunityHandedToAnAeStartsAtTheAeFollowUp() throws Exception {
    HttpResponse<String> created = http.postJson("/api/opportunities", body("Handoff " + uniqueName("Co"), null)
        .replace("web-form", "demo-request"), "admin", ADMIN_PASSWORD);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode answer = JSON.readTree(created.body());
    assertThat(answer.get("kind").asText()).isEqualTo("opportunity");
    assertThat(answer.get("stage").asText()).isEqualTo("ae-follow-up");
    assertThat(pipelineRecords(answer.get("opportunityId").asText()).get(0).target())
        .as("a demo request is a hot source").isEqualTo("PT4H");
  }

  @Test
  void repeatsReturnTheFirstResultAndCreateNothing() throws Exception {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = postMql(body("Repeat " + uniqueName("Co"), null), "Idempotency-Key", key);
    HttpResponse<String> again = postMql(body("Repeat " + uniqueName("Co"), null), "Idempotency-Key", key);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));

    String externalId = "marketo-" + UUID.randomUUID();
    String firstId = JSON.readTree(postMql(body("External", externalId)).body()).get("opportunityId").asText();
    HttpResponse<String> repeat = postMql(body("External", externalId));
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(repeat.body()).get("opportunityId").asText()).isEqualTo(firstId);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(firstId).count()).isOne();
  }

  @Test
  void anAmountKeepsTheCurrencyItWasSentInAndTheTitleSaysIt() throws Exception {
    String company = "Dollar " + uniqueName("Co");
    JsonNode answer = JSON.readTree(postMql(body(company, null).replace("\"amount\": 48000",
        "\"amount\": 1250.50, \"currency\": \"USD\"")).body());
    String pid = answer.get("processInstanceId").asText();

    JsonNode view = JSON.readTree(http.get("/api/opportunities/" + answer.get("opportunityId").asText(), "admin",
        ADMIN_PASSWORD).body());
    assertThat(view.at("/opportunity/amount").decimalValue()).isEqualByComparingTo("1250.50");
    assertThat(view.at("/opportunity/currency").asText()).isEqualTo("USD");
    assertThat(runtimeService.getVariable(pid, "currency")).isEqualTo("USD");
    assertThat(runtimeService.getVariable(pid, "recordTitle"))
        .isEqualTo("MQL USD 1,250.5: " + company + ", Jane Doe (DE, web-form)");
  }

  @Test
  void aCurrencyThatIsNoIso4217CodeIsNamedAndNothingIsCreated() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("sales-pipeline").count();
    for (String currency : List.of("eur", "XYZ", "EURO")) {
      HttpResponse<String> response = postMql(body("Nocurrency", null).replace("\"amount\": 48000",
          "\"amount\": 48000, \"currency\": \"" + currency + "\""));
      assertThat(response.statusCode()).as(currency).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).containsExactly("currency");
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("sales-pipeline").count())
        .isEqualTo(before);
  }

  @Test
  void invalidFieldsAreNamedAndNothingIsCreated() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("sales-pipeline").count();

    HttpResponse<String> response = postMql("""
        {"contactName": "", "contactEmail": "nope", "company": "Acme", "country": "de", "source": "billboard",
         "amount": -5}""");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field"))
        .containsExactly("amount", "contactEmail", "contactName", "country", "source");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("sales-pipeline").count())
        .isEqualTo(before);
    assertThat(http.postJson("/api/mqls", "{\"company\": {\"deep\": [", "admin", ADMIN_PASSWORD).statusCode())
        .isEqualTo(400);
  }

  @Test
  void onlyIntakeSystemsCreateAndOnlyTheTeamLogsActivities() throws Exception {
    HttpResponse<String> rep = http.postJson("/api/mqls", body("Rep", null), "ben.keller", DEMO_PASSWORD);
    assertThat(rep.statusCode()).isEqualTo(403);
    assertThat(http.postJson("/api/mqls", body("Anon", null), null, null).statusCode()).isEqualTo(401);

    String id = JSON.readTree(postMql(body("Activity " + uniqueName("Co"), null)).body()).get("opportunityId")
        .asText();
    HttpResponse<String> wrongKind = http.postJson("/api/opportunities/" + id + "/activities",
        "{\"kind\": \"lunch\"}", "ben.keller", DEMO_PASSWORD);
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongKind.body()).get("errors").findValuesAsText("field")).containsExactly("kind");
    assertThat(http.postJson("/api/opportunities/" + id + "/activities", "{\"kind\": \"call\"}", "olivia.reed",
        DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.postJson("/api/opportunities/no-such/activities", "{\"kind\": \"call\"}", "admin",
        ADMIN_PASSWORD).statusCode()).isEqualTo(404);
  }

  @Test
  void aClosedOpportunityTakesNoMoreActivities() throws Exception {
    JsonNode answer = JSON.readTree(postMql(body("Closed " + uniqueName("Co"), null)).body());
    complete(answer.get("processInstanceId").asText(), "Task_AcceptMql",
        Map.of("mqlDecision", "reject", "rejectReason", "duplicate"));

    HttpResponse<String> late = http.postJson("/api/opportunities/" + answer.get("opportunityId").asText()
        + "/activities", "{\"kind\": \"call\"}", "admin", ADMIN_PASSWORD);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(late.body()).get("detail").asText()).contains("recycled");
  }

  @Test
  void aLeadMarkedSalesReadyInLeadRoutingIsHandedToSalesAsAnMql() {
    LeadIntake.Created lead = createLead(uniqueName("Ready"), "DE", "demo-request", "high", "crm-suite");
    taskService.complete(stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId(), Map.of(
        "channel", "phone", "outcome", "connected", "nextStep", "Hand to sales", "nextStepDate", "2026-12-01",
        "salesReady", true));

    Opportunity mql = opportunities.findByLead(lead.leadId()).orElseThrow();
    assertThat(mql.kind()).isEqualTo("mql");
    assertThat(mql.contactName()).startsWith("Ready");
    assertThat(mql.source()).isEqualTo("demo-request");
    assertThat(task(mql.processInstanceId(), "Task_AcceptMql").getAssignee()).isIn(BERLIN_REPS);
  }
}
