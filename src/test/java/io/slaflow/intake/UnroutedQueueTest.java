package io.slaflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lead from a country no row of the assignment table names waits in the unrouted queue, on the team queue's SLA,
 * with the head of sales alerted; she sends it to a team, where it is routed on a new first-contact clock. Nobody else
 * may, and a refused attempt changes nothing.
 */
class UnroutedQueueTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAD_OF_SALES = "sofia.klein";
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private HttpResponse<String> send(String leadId, String teamId, String user, String password) {
    return http.postJson("/api/leads/" + leadId + "/team",
        "{\"teamId\": \"" + teamId + "\", \"reason\": \"A German customer's subsidiary\"}", user, password);
  }

  @Test
  void aLeadFromNowhereWaitsForTheHeadOfSalesWhoSendsItToATeam() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 10, 0), BERLIN);
    String name = uniqueName("Tokyo");
    LeadIntake.Created lead = createLead(name, "JP", "web-form", "medium", "crm-suite");
    String pid = lead.processInstanceId();

    assertThat(lead.teamId()).isEqualTo("team-unrouted");
    assertThat(lead.owner()).as("nobody works the unrouted queue: it waits there").isNull();
    SlaRecord queued = records(lead.leadId()).get(0);
    assertThat(queued.teamId()).isEqualTo("team-unrouted");
    assertThat(queued.target()).as("the team queue's row: claimed within 1 business hour").isEqualTo("PT1H");
    // While it waits, the ladder alerts the queue's manager: the head of sales.
    fireTimer(pid, "Timer_SlaWarning");
    assertThat(theMail(name, "SLA warning").to()).containsExactly(HEAD_OF_SALES + "@slaflow.example");

    // Not the rep's, not another team's manager's to send: refused as if the lead did not exist; nothing changes.
    for (String other : List.of("ben.keller", "anna.berg")) {
      HttpResponse<String> refused = send(lead.leadId(), "team-berlin", other, DEMO_PASSWORD);
      assertThat(refused.statusCode()).as(other).isEqualTo(404);
    }
    HttpResponse<String> nowhere = send(lead.leadId(), "team-nowhere", HEAD_OF_SALES, DEMO_PASSWORD);
    assertThat(nowhere.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(nowhere.body()).get("errors").get(0).get("field").asText()).isEqualTo("teamId");
    assertThat(runtimeService.getVariable(pid, "teamId")).isEqualTo("team-unrouted");
    assertThat(records(lead.leadId())).hasSize(1);

    Instant sentAt = now(); // the warning's time, 10:30
    HttpResponse<String> sent = send(lead.leadId(), "team-berlin", HEAD_OF_SALES, DEMO_PASSWORD);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(sent.body());
    assertThat(answer.get("teamId").asText()).isEqualTo("team-berlin");
    List<SlaRecord> visits = records(lead.leadId());
    assertThat(visits).hasSize(2);
    assertThat(visits.get(0).outcome()).isEqualTo("reassigned");
    SlaRecord routed = visits.get(1);
    assertThat(routed.teamId()).isEqualTo("team-berlin");
    assertThat(routed.ownerId()).isIn("ben.keller", "clara.vogel", "david.wolf").isEqualTo(answer.get("owner").asText());
    assertThat(routed.startedAt()).isEqualTo(sentAt);
    assertThat(visits.get(0).completedAt()).isEqualTo(sentAt);
    Task task = stageTask(pid, "Task_MakeFirstContact");
    assertThat(task.getAssignee()).isEqualTo(routed.ownerId());
    assertThat(runtimeService.getVariable(pid, "sentToTeamBy")).isEqualTo(HEAD_OF_SALES);

    // Once with a team, the lead is that team's: the head of sales no longer manages where it is.
    assertThat(send(lead.leadId(), "team-new-york", HEAD_OF_SALES, DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(send(lead.leadId(), "team-new-york", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(200);
  }
}
