package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breach list after a real ladder: who breached, how often the lead moved, how far the escalation climbed. */
class BreachListTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLeadBreachedEscalatedUnhandledAndReassignedShowsAllOfIt() throws Exception {
    clockAt(LocalDateTime.of(2026, 11, 27, 16, 30), BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Breach"), "DE", "demo-request", "medium", "crm-suite");
    fireTimer(lead.processInstanceId(), "Timer_Reassign");

    HttpResponse<String> response = new Http(port).get(
        "/api/reports/breaches?unit=lead-routing&from=2026-11-30&to=2026-12-01", "anna.berg", DEMO_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> rows = new ArrayList<>();
    JSON.readTree(response.body()).forEach(row -> {
      if (row.get("recordId").asText().equals(lead.leadId())) {
        rows.add(row);
      }
    });
    assertThat(rows).hasSize(1);
    JsonNode breach = rows.get(0);
    assertThat(breach.get("ownerId").asText()).isEqualTo(lead.owner());
    assertThat(breach.get("stage").asText()).isEqualTo("first-contact");
    assertThat(breach.get("breachedAt").asText()).isEqualTo("2026-11-30T10:30:00Z");
    assertThat(breach.get("reassignments").asInt()).isEqualTo(1);
    assertThat(breach.get("escalationLevel").asInt()).as("left undecided: the manager's manager").isEqualTo(2);
    assertThat(breach.get("cockpitLink").asText())
        .isEqualTo("http://localhost:8080/camunda/app/cockpit/default/#/process-instance/" + lead.processInstanceId());

    assertThat(new Http(port).get("/api/reports/breaches?unit=lead-routing&from=2026-11-30&to=2026-12-01",
        "maria.lopez", DEMO_PASSWORD).body()).as("another team's manager").doesNotContain(lead.leadId());
  }
}
