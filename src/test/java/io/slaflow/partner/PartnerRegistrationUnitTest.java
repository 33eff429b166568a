package io.slaflow.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.StageHistory;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A unit built from the kit alone, with no change to src/main (docs/adding-a-unit.md): partner deal registration
 * (seed 003's channel partners). Its folder holds its variables, its {@code Unit} declaration, its records and its
 * controller; src/test/resources/units/ its BPMN and form; the process owner adds its policy row. The test runs its
 * intake, its record access and its ladder through the kit.
 */
class PartnerRegistrationUnitTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> BERLIN_REPS = List.of("ben.keller", "clara.vogel", "david.wolf");

  @Autowired RepositoryService repositoryService;
  @Autowired StageHistory stageHistory;
  @Autowired PartnerDeals deals;

  private Http http;
  private String deployment;

  @BeforeEach
  void deployTheUnit() throws IOException {
    clearOpenWork();
    http = new Http(port);
    clockAt(LocalDateTime.of(2026, 11, 30, 10, 0), BERLIN);
    deployment = repositoryService.createDeployment().name("partner-registration")
        .addInputStream("units/partner-registration.bpmn", resource("units/partner-registration.bpmn"))
        .addInputStream("units/review-registration.form", resource("units/review-registration.form"))
        .addInputStream("processes/lead-assignment.dmn", Files.newInputStream(Path.of("processes/lead-assignment.dmn")))
        .addModelInstance("processes/sla-policy.dmn", policyWithTheUnitsRow())
        .deploy().getId();
  }

  @AfterEach
  void removeTheUnit() throws IOException {
    repositoryService.deleteDeployment(deployment, true);
  }

  @Test
  void aRegistrationIsTakenOnceRoutedReadByItsTeamAndRunsItsLadder() throws Exception {
    String account = "Channel " + uniqueName("AG");
    String body = """
        {"partner": "Nordlicht IT", "account": "%s", "contactName": "Lena Berg", "contactEmail": "lena@channel.example",
         "country": "DE", "product": "crm-suite", "externalId": "portal-1"}""".formatted(account);

    // Intake through the kit: only intake systems, validated, once per key.
    assertThat(http.postJson("/api/partner-deals", body, "ben.keller", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.postJson("/api/partner-deals", body, null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> invalid = http.postJson("/api/partner-deals", body.replace("\"DE\"", "\"de\""), "admin",
        ADMIN_PASSWORD);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(invalid.body()).get("errors").findValuesAsText("field")).containsExactly("country");
    HttpResponse<String> created = http.postJson("/api/partner-deals", body, "admin", ADMIN_PASSWORD,
        "Idempotency-Key", "reg-1");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = JSON.readTree(created.body());
    String id = answer.get("dealId").asText();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/partner-deals/" + id);
    assertThat(answer.get("teamId").asText()).isEqualTo("team-berlin");
    String owner = answer.get("owner").asText();
    assertThat(owner).isIn(BERLIN_REPS);
    // One business day on Berlin's clock: Monday 10:00 is due Tuesday 10:00.
    assertThat(answer.get("due").asText()).isEqualTo(berlin(12, 1, 10, 0).toString());
    HttpResponse<String> repeat = http.postJson("/api/partner-deals", body, "admin", ADMIN_PASSWORD,
        "Idempotency-Key", "reg-1");
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(repeat.body()).get("dealId").asText()).isEqualTo(id);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PartnerDealVariables.PROCESS_KEY)
        .processInstanceBusinessKey(id).count()).isOne();

    // Record access through the kit: the team reads it, another team's rep and manager get 404.
    assertThat(http.get("/api/partner-deals/" + id, owner, DEMO_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/partner-deals/" + id, "james.carter", DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/partner-deals/" + id, "maria.lopez", DEMO_PASSWORD).statusCode()).isEqualTo(404);

    // The kit's ladder: the first warning 4 hours before the due time (warnings are wall-clock offsets), then the
    // breach with the manager copied.
    String pid = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
    clockAt(berlin(12, 1, 5, 59));
    runDueJobs(pid);
    assertThat(mailsAbout(account)).isEmpty();
    clockAt(berlin(12, 1, 6, 0));
    runDueJobs(pid);
    assertThat(theMail(account, "SLA warning").to()).containsExactly(owner + "@slaflow.example");
    clockAt(berlin(12, 1, 10, 0));
    runDueJobs(pid);
    assertThat(theMail(account, "SLA breached").cc()).containsExactly("anna.berg@slaflow.example");

    // The kit's stage gate: the form's required decision and reason, then the unit's own step records them.
    Task review = stageTask(pid, "Task_ReviewRegistration");
    assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("registrationDecision", "approved")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("decisionReason");
    clockAt(berlin(12, 1, 11, 0));
    taskService.complete(review.getId(), Map.of("registrationDecision", "approved",
        "decisionReason", "No other partner works the account"));
    assertThat(deals.find(id).decision()).isEqualTo("approved");
    assertThat(deals.find(id).decisionReason()).isEqualTo("No other partner works the account");
    assertThat(slaRecords.forRecord(PartnerDealVariables.PROCESS_KEY, id))
        .extracting(SlaRecord::stage, SlaRecord::outcome).containsExactly(
            tuple("review-registration", "breached"));
    assertThat(stageHistory.of(PartnerDealVariables.PROCESS_KEY, id)).extracting(StageHistory.Entry::outcome)
        .containsExactly("approved");
  }

  /** The process owner's policy table with the unit's row, as recipe 2 of docs/process-owners.md adds one. */
  private static DmnModelInstance policyWithTheUnitsRow() throws IOException {
    DmnModelInstance policy = Dmn.readModelFromStream(Files.newInputStream(Path.of("processes/sla-policy.dmn")));
    Rule row = policy.newInstance(Rule.class);
    row.setId("Rule_PartnerRegistration");
    List<String> inputs = List.of("\"partner-registration\"", "\"review-registration\"", "", "", "", "");
    for (int i = 0; i < inputs.size(); i++) {
      InputEntry entry = policy.newInstance(InputEntry.class);
      entry.setId("UnaryTests_PartnerRegistration_" + i);
      entry.setText(text(policy, inputs.get(i)));
      row.getInputEntries().add(entry);
    }
    List<String> outputs = List.of("\"Partner deal: reviewed within 1 business day\"", "\"P1D\"", "\"business\"",
        "\"PT4H\"", "\"PT1H\"", "true", "\"P1D\"", "\"P2D\"");
    for (int i = 0; i < outputs.size(); i++) {
      OutputEntry entry = policy.newInstance(OutputEntry.class);
      entry.setId("LiteralExpression_PartnerRegistration_" + i);
      entry.setText(text(policy, outputs.get(i)));
      row.getOutputEntries().add(entry);
    }
    policy.getModelElementsByType(DecisionTable.class).iterator().next().getRules().add(row);
    return policy;
  }

  private static Text text(DmnModelInstance policy, String content) {
    Text text = policy.newInstance(Text.class);
    text.setTextContent(content);
    return text;
  }

  private static InputStream resource(String name) {
    return PartnerRegistrationUnitTest.class.getClassLoader().getResourceAsStream(name);
  }

  private static Instant berlin(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
  }
}
