package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.sla.SlaRecords;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First response on four hand-made leads, 7 to 14 September 2026 (UTC): A (web form) contacted by ben after 90
 * minutes; B (web form) reassigned from clara and contacted by david 5 hours after it arrived; C (demo request)
 * contacted by ben after 30 minutes; D (demo request) not contacted yet.
 */
class FirstResponseReportTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PERIOD = "from=2026-09-07&to=2026-09-14";

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void seeded() {
    if (jdbc.queryForObject("SELECT COUNT(*) FROM sla_record WHERE unit = 'lead-routing' AND started_at >= ?"
        + " AND started_at < ?", Integer.class, t(7, 0, 0).atOffset(ZoneOffset.UTC),
        t(14, 0, 0).atOffset(ZoneOffset.UTC)) > 0) {
      return;
    }
    String b = UUID.randomUUID().toString();
    visit(UUID.randomUUID().toString(), "ben.keller", "web-form", t(7, 10, 0), t(7, 11, 30), "met");
    visit(b, "clara.vogel", "web-form", t(8, 10, 0), null, "reassigned");
    visit(b, "david.wolf", "web-form", t(8, 14, 0), t(8, 15, 0), "breached");
    visit(UUID.randomUUID().toString(), "ben.keller", "demo-request", t(9, 9, 0), t(9, 9, 30), "met");
    visit(UUID.randomUUID().toString(), "clara.vogel", "demo-request", t(10, 9, 0), null, "open");
  }

  private static Instant t(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 9, day, hour, minute).toInstant(ZoneOffset.UTC);
  }

  private void visit(String lead, String owner, String source, Instant started, Instant responded, String outcome) {
    jdbc.update("INSERT INTO sla_record (id, unit, stage, record_id, owner_id, team_id, source, clock_kind, target,"
        + " started_at, started_week, due_at, first_response_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        UUID.randomUUID().toString(), "lead-routing", "first-contact", lead, owner, "team-berlin", source,
        "business", "PT2H", started.atOffset(ZoneOffset.UTC), SlaRecords.weekOf(started),
        started.plusSeconds(7200).atOffset(ZoneOffset.UTC),
        responded == null ? null : responded.atOffset(ZoneOffset.UTC), outcome);
  }

  private JsonNode report(String query, String user, String password) throws Exception {
    HttpResponse<String> response = new Http(port).get("/api/reports/first-response?" + query, user, password);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String line(JsonNode row) {
    return row.get("group").asText() + " " + row.get("leads") + " " + row.get("contacted") + " "
        + row.get("within2h") + " " + row.get("shareWithin2h") + " " + row.get("averageMinutes") + " "
        + row.get("medianMinutes");
  }

  @Test
  void byTheRepWhoMadeTheFirstContact() throws Exception {
    assertThat(report("groupBy=rep&" + PERIOD, "admin", ADMIN_PASSWORD)).extracting(FirstResponseReportTest::line)
        .containsExactly(
            " 1 0 0 0.0 null null",
            "ben.keller 2 2 2 1.0 60.0 60.0",
            "david.wolf 1 1 0 0.0 300.0 300.0");
  }

  @Test
  void bySource() throws Exception {
    assertThat(report("groupBy=source&" + PERIOD, "admin", ADMIN_PASSWORD)).extracting(FirstResponseReportTest::line)
        .containsExactly(
            "demo-request 2 1 1 0.5 30.0 30.0",
            "web-form 2 2 1 0.5 195.0 195.0");
  }

  @Test
  void aRepSeesTheLeadsTheyWorked() throws Exception {
    assertThat(report("groupBy=rep&" + PERIOD, "ben.keller", DEMO_PASSWORD)).extracting(FirstResponseReportTest::line)
        .containsExactly("ben.keller 2 2 2 1.0 60.0 60.0");
    assertThat(report("groupBy=rep&" + PERIOD, "maria.lopez", DEMO_PASSWORD)).as("another team's manager").isEmpty();
  }
}
