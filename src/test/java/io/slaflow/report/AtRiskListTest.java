package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The dashboard's "at risk now" list names each record as the breach list does, also where its process has none. */
class AtRiskListTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aVisitDueWithinTheHourIsListedByItsTitleOrElseByItsRecordId() throws Exception {
    clearOpenWork();
    clockAt(LocalDateTime.of(2026, 11, 30, 10, 0), BERLIN);
    String titled = uniqueName("Titled");
    String untitled = uniqueName("Untitled");
    LeadIntake.Created first = createLead(titled, "DE", "demo-request", "high", "crm-suite");
    LeadIntake.Created second = createLead(untitled, "DE", "demo-request", "high", "crm-suite");
    // An instance from before records had titles, or one whose title was taken away.
    runtimeService.removeVariable(second.processInstanceId(), "recordTitle");

    // Both are due at 14:00 (4 business hours); at 13:30 they are due within the hour.
    clockAt(LocalDateTime.of(2026, 11, 30, 13, 30), BERLIN);
    JsonNode rows = JSON.readTree(new Http(port).get("/api/reports/at-risk", "admin", ADMIN_PASSWORD).body());

    assertThat(rows.findValuesAsText("record")).containsExactlyInAnyOrder(
        "Lead " + titled + ", Acme DE (DE, demo-request)", second.leadId());
  }
}
