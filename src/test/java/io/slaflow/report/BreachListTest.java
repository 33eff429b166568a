package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.sla.SlaRecords;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The breach list after a real ladder: who breached, how often the lead moved, how far the escalation climbed. */
class BreachListTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired JdbcTemplate jdbc;
  @Autowired Organisation organisation;

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
    // Named for people: the record as alerts name it, the owner by name.
    assertThat(breach.get("record").asText()).isEqualTo(runtimeService.getVariable(lead.processInstanceId(),
        "recordTitle"));
    assertThat(breach.get("ownerName").asText()).isEqualTo(organisation.person(lead.owner()).orElseThrow()
        .displayName());

    assertThat(new Http(port).get("/api/reports/breaches?unit=lead-routing&from=2026-11-30&to=2026-12-01",
        "maria.lopez", DEMO_PASSWORD).body()).as("another team's manager").doesNotContain(lead.leadId());
  }

  /** 250 breaches of unit "paging-test" on 2 March 2026, one a minute from 08:00 UTC, owned by ben. */
  @Test
  void theListComesInPagesOldestFirstWithTheTotalAndTheNextPage() throws Exception {
    if (jdbc.queryForObject("SELECT COUNT(*) FROM sla_record WHERE unit = 'paging-test'", Integer.class) == 0) {
      Instant first = Instant.parse("2026-03-02T08:00:00Z");
      for (int i = 0; i < 250; i++) {
        Instant breached = first.plusSeconds(60L * i);
        jdbc.update("INSERT INTO sla_record (id, unit, stage, record_id, owner_id, team_id, clock_kind, target,"
            + " started_at, started_week, due_at, breached_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            UUID.randomUUID().toString(), "paging-test", "first-contact", "paging-" + i, "ben.keller",
            "team-berlin", "business", "PT2H", utc(breached.minusSeconds(7200)),
            SlaRecords.weekOf(breached.minusSeconds(7200)), utc(breached), utc(breached), "breached");
      }
    }
    String query = "/api/reports/breaches?unit=paging-test&from=2026-03-02&to=2026-03-03";
    Http http = new Http(port);

    HttpResponse<String> first = http.get(query, "anna.berg", DEMO_PASSWORD);
    assertThat(first.headers().firstValue("X-Total-Count")).hasValue("250");
    assertThat(recordIds(first)).as("the first 100, oldest breach first").hasSize(100)
        .startsWith("paging-0", "paging-1").endsWith("paging-99");
    String next = first.headers().firstValue("Link").orElseThrow();
    assertThat(next).contains("offset=100", "limit=100", "unit=paging-test").endsWith(">; rel=\"next\"");

    HttpResponse<String> last = http.get(query + "&offset=200&limit=100", "anna.berg", DEMO_PASSWORD);
    assertThat(recordIds(last)).hasSize(50).startsWith("paging-200").endsWith("paging-249");
    assertThat(last.headers().firstValue("Link")).as("no page after the last").isEmpty();
    assertThat(http.get(query + "&offset=300", "anna.berg", DEMO_PASSWORD).body()).isEqualTo("[]");

    HttpResponse<String> csv = http.get(query + "&format=csv", "anna.berg", DEMO_PASSWORD);
    assertThat(csv.body().split("\r\n")).as("the export: a header and every breach").hasSize(251);
    assertThat(http.get(query, "ben.keller", DEMO_PASSWORD).headers().firstValue("X-Total-Count"))
        .as("ben's own").hasValue("250");
    assertThat(http.get(query, "james.carter", DEMO_PASSWORD).headers().firstValue("X-Total-Count"))
        .as("another rep's").hasValue("0");

    HttpResponse<String> bad = http.get(query + "&limit=0", "anna.berg", DEMO_PASSWORD);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(bad.body()).contains("limit");
    assertThat(http.get(query + "&offset=-1", "anna.berg", DEMO_PASSWORD).body()).contains("offset");

    // Newest first when asked, and one rep's only: what just happened, and a drill-down from the rep's bar.
    assertThat(recordIds(http.get(query + "&order=newest&limit=2", "anna.berg", DEMO_PASSWORD)))
        .containsExactly("paging-249", "paging-248");
    assertThat(http.get(query + "&rep=ben.keller", "anna.berg", DEMO_PASSWORD).headers()
        .firstValue("X-Total-Count")).hasValue("250");
    assertThat(http.get(query + "&rep=david.wolf", "anna.berg", DEMO_PASSWORD).headers()
        .firstValue("X-Total-Count")).hasValue("0");
    assertThat(http.get(query + "&rep=ben.keller", "james.carter", DEMO_PASSWORD).headers()
        .firstValue("X-Total-Count")).as("another rep asking for ben's").hasValue("0");
    HttpResponse<String> order = http.get(query + "&order=sideways", "anna.berg", DEMO_PASSWORD);
    assertThat(order.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(order.body()).get("errors").toString())
        .isEqualTo("[{\"field\":\"order\",\"message\":\"must be oldest or newest\"}]");
  }

  private static List<String> recordIds(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(response.body()).forEach(row -> ids.add(row.get("recordId").asText()));
    return ids;
  }

  private static Object utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
