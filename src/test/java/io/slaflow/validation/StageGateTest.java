package io.slaflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Make first contact" cannot be completed without its required data, whoever completes it. */
class StageGateTest extends SlaflowTest {

  private static final String FULL = """
      {"variables": {
        "channel": {"value": "phone"}, "outcome": {"value": "connected"},
        "nextStep": {"value": "Send the pricing sheet"}, "nextStepDate": {"value": "2026-12-04"}}}""";

  @Test
  void engineRestRefusesCompletionWithMissingFieldsAndNamesThem() {
    LeadIntake.Created lead = createLead(uniqueName("Gate"), "DE", "web-form", "medium", "crm-suite");
    String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
    Http http = new Http(port);

    HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {\"channel\": {\"value\": \"phone\"}, \"nextStep\": {\"value\": \"  \"}}}",
        lead.owner(), DEMO_PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("Required data missing for 'Make first contact': outcome, nextStep, nextStepDate");
    assertThat(stageTask(lead.processInstanceId(), "Task_MakeFirstContact")).as("still open").isNotNull();

    HttpResponse<String> done = http.postJson("/engine-rest/task/" + taskId + "/complete", FULL,
        lead.owner(), DEMO_PASSWORD);
    assertThat(done.statusCode()).isEqualTo(204);
    assertThat(records(lead.leadId()).get(0).outcome()).isEqualTo("met");
  }

  @Test
  void tasklistFormSubmitIsGatedToo() {
    LeadIntake.Created lead = createLead(uniqueName("Gate"), "DE", "web-form", "medium", "crm-suite");
    String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();

    HttpResponse<String> refused = new Http(port).postJson("/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\": {\"outcome\": {\"value\": \"connected\"}}}", lead.owner(), DEMO_PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("channel, nextStep, nextStepDate");
  }

  @Test
  void javaApiRefusesCompletionWithMissingFields() {
    LeadIntake.Created lead = createLead(uniqueName("Gate"), "DE", "web-form", "medium", "crm-suite");
    String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();

    assertThatThrownBy(() -> taskService.complete(taskId, Map.of("channel", "email")))
        .isInstanceOf(RequiredDataMissing.class)
        .satisfies(e -> assertThat(((RequiredDataMissing) e).missingFields())
            .containsExactly("outcome", "nextStep", "nextStepDate"));
  }

  @Test
  void theManagersEscalationReviewIsGatedByItsOwnForm() {
    LeadIntake.Created lead = createLead(uniqueName("Gate"), "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    fireTimer(pid, "Timer_SlaEscalation");
    String reviewId = stageTask(pid, "Task_ReviewEscalation").getId();

    assertThatThrownBy(() -> taskService.complete(reviewId, Map.of("escalationAction", "owner-acts")))
        .isInstanceOf(RequiredDataMissing.class)
        .hasMessage("Required data missing for 'Review escalated lead': escalationNote");
  }

  @Test
  void requiredFieldsAreReadFromTheFormIncludingNestedGroups() throws Exception {
    try (var form = getClass().getResourceAsStream("/forms/first-contact.form")) {
      assertThat(FormFields.requiredKeys(form)).containsExactly("channel", "outcome", "nextStep", "nextStepDate");
    }
  }
}
