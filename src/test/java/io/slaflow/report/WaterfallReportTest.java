package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.pipeline.Opportunity;
import io.slaflow.pipeline.OpportunityRequest;
import io.slaflow.pipeline.PipelineIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.unit.Creator;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The waterfall of four MQLs in the week of 1 March 2027 (Berlin), worked by hand: A is won, B disqualified in
 * discovery, C rejected, D accepted and still waiting to be scheduled.
 */
class WaterfallReportTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired PipelineIntake pipelineIntake;

  private static Instant at(int day, int hour) {
    return LocalDateTime.of(2027, 3, day, hour, 0).atZone(BERLIN).toInstant();
  }

  private String mql(String company) {
    clockAt(at(1, 9));
    return pipelineIntake.create(Opportunity.MQL, new OpportunityRequest("Jane Doe", "jane@waterfall.example", null,
        company + " " + uniqueName("W"), "DE", "web-form", "crm-suite", BigDecimal.TEN, null, null),
        Creator.process("test"), null).processInstanceId();
  }

  private void complete(String pid, String key, Instant when, Map<String, Object> variables) {
    clockAt(when);
    taskService.complete(stageTask(pid, key).getId(), variables);
    runDueJobs(pid);
  }

  private void toDiscovery(String pid, Instant accepted, Instant scheduled, String callAt) {
    complete(pid, "Task_AcceptMql", accepted, Map.of("mqlDecision", "accept"));
    complete(pid, "Task_ScheduleDiscovery", scheduled, Map.of("discoveryDate", callAt, "attendees", "Jane"));
    fireTimer(pid, "Timer_DiscoveryMeeting");
  }

  private static Map<String, Object> qualified() {
    return Map.of("discoveryOutcome", "qualified", "problemConfirmed", true,
        "decisionMakerConfirmed", true, "timelineConfirmed", true, "pain", "Slow", "decisionMaker", "Jane",
        "budgetRange", "10k-50k", "demoPlan", "Friday", "followUpEmailSent", true);
  }

  @Test
  void conversionAndTimeInStageMatchTheHandCount() throws Exception {
    String a = mql("A");
    toDiscovery(a, at(1, 11), at(1, 14), "2027-03-02T10:00");
    complete(a, "Task_Discovery", at(2, 16), qualified());
    complete(a, "Task_Proposal", at(3, 10), Map.of("proposalAmount", 10, "proposalSentOn", "2027-03-03",
        "proposalSummary", "One year"));
    complete(a, "Task_CloseDeal", at(5, 10), Map.of("dealOutcome", "won", "wonAmount", 10));

    String b = mql("B");
    toDiscovery(b, at(1, 10), at(1, 13), "2027-03-02T11:00");
    complete(b, "Task_Discovery", at(2, 12), Map.of("discoveryOutcome", "disqualified",
        "disqualifyReason", "budget-missing"));

    String c = mql("C");
    complete(c, "Task_AcceptMql", at(1, 13), Map.of("mqlDecision", "reject", "rejectReason", "no-need"));

    String d = mql("D");
    complete(d, "Task_AcceptMql", at(1, 15), Map.of("mqlDecision", "accept"));

    HttpResponse<String> response = new Http(port).get(
        "/api/reports/waterfall?unit=sales-pipeline&from=2027-03-01&to=2027-03-08", "anna.berg", DEMO_PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, JsonNode> byStage = new HashMap<>();
    JSON.readTree(response.body()).forEach(row -> byStage.put(row.get("stage").asText(), row));

    // Accept: 4 entered, 3 went on; in the stage 2, 1, 4 and 6 hours: median 3, 90th percentile 5.4.
    assertRow(byStage.get("accept-mql"), 4, 3, 3.0, 5.4);
    // Scheduling: A and B in 3 hours each, D still open; both scheduled ones reached discovery.
    assertRow(byStage.get("schedule-discovery"), 3, 2, 3.0, 3.0);
    // Discovery, from the call: A qualified after 6 hours, B disqualified after 1 hour.
    assertRow(byStage.get("discovery"), 2, 1, 3.5, 5.5);
    assertRow(byStage.get("proposal"), 1, 1, 18.0, 18.0);
    assertRow(byStage.get("closing"), 1, 1, 48.0, 48.0);
    assertThat(JSON.readTree(response.body()).get(0).get("stage").asText()).as("widest first")
        .isEqualTo("accept-mql");

    String csv = new Http(port).get("/api/reports/waterfall?unit=sales-pipeline&from=2027-03-01&to=2027-03-08"
        + "&format=csv", "admin", ADMIN_PASSWORD).body();
    assertThat(csv).startsWith("unit,stage,entered,convertedOn,conversionRatio,medianHours,p90Hours\r\n"
        + "sales-pipeline,accept-mql,4,3,0.7500,3.0000,5.4000\r\n");
    assertThat(new Http(port).get("/api/reports/waterfall?unit=sales-pipeline&from=2027-03-01&to=2027-03-08",
        "maria.lopez", DEMO_PASSWORD).body()).as("another team's manager").isEqualTo("[]");
  }

  private static void assertRow(JsonNode row, int entered, int converted, double median, double p90) {
    assertThat(row.get("entered").asInt()).isEqualTo(entered);
    assertThat(row.get("convertedOn").asInt()).isEqualTo(converted);
    assertThat(row.get("conversionRatio").asDouble()).isCloseTo((double) converted / entered, within(1e-9));
    assertThat(row.get("medianHours").asDouble()).isCloseTo(median, within(1e-9));
    assertThat(row.get("p90Hours").asDouble()).isCloseTo(p90, within(1e-9));
  }
}
