package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.org.IdentitySync;
import io.slaflow.org.Organisation;
import io.slaflow.sla.SlaRecords;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Adherence figures against a hand-computed data set of unit "report-test", 5 to 19 October 2026 (UTC): a met and
 * a breached visit of ben; a breached-then-reassigned and an open visit of clara; one of david from a partner
 * source with a comma and quotes in its name; an open visit of james due within the hour and one of his from before
 * the period; an open visit of olivia still open after the period.
 */
class AdherenceReportTest extends SlaflowTest {

  @Autowired Organisation organisation;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PERIOD = "unit=report-test&from=2026-10-05&to=2026-10-19";

  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;
  private Http http;

  @BeforeEach
  void seeded() {
    http = new Http(port);
    clockAt(t(14, 12, 0));
    if (jdbc.queryForObject("SELECT COUNT(*) FROM sla_record WHERE unit = 'report-test'", Integer.class) > 0) {
      return;
    }
    visit("ben.keller", "team-berlin", "web-form", t(5, 10, 0), t(5, 12, 0), null, "met");
    visit("ben.keller", "team-berlin", "web-form", t(6, 10, 0), t(6, 12, 0), t(6, 12, 0), "breached");
    visit("clara.vogel", "team-berlin", "demo-request", t(13, 9, 0), t(13, 13, 0), t(13, 13, 0), "reassigned");
    visit("clara.vogel", "team-berlin", "demo-request", t(13, 17, 0), t(20, 9, 0), null, "open");
    visit("david.wolf", "team-berlin", "partner, \"EU\"", t(7, 9, 0), t(7, 11, 0), null, "met");
    visit("james.carter", "team-new-york", "event", t(14, 10, 0), t(14, 12, 30), null, "open");
    visit("james.carter", "team-new-york", "event", t(4, 10, 0), t(4, 12, 0), null, "met");
    visit("olivia.reed", "team-new-york", "event", t(18, 23, 0), t(25, 9, 0), null, "open");
  }

  private static Instant t(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 10, day, hour, minute).toInstant(ZoneOffset.UTC);
  }

  private void visit(String owner, String team, String source, Instant started, Instant due, Instant breached,
      String outcome) {
    jdbc.update("INSERT INTO sla_record (id, unit, stage, record_id, owner_id, team_id, source, clock_kind, target,"
        + " started_at, started_week, due_at, breached_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        UUID.randomUUID().toString(), "report-test", "first-contact", UUID.randomUUID().toString(), owner, team,
        source, "business", "PT2H", started.atOffset(ZoneOffset.UTC), SlaRecords.weekOf(started),
        due.atOffset(ZoneOffset.UTC), breached == null ? null : breached.atOffset(ZoneOffset.UTC), outcome);
  }

  private JsonNode report(String query, String user, String password) throws Exception {
    HttpResponse<String> response = http.get("/api/reports/adherence?" + query, user, password);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String line(JsonNode row) {
    return row.get("group").asText() + " " + row.get("visits") + " " + row.get("met") + " " + row.get("breached")
        + " " + row.get("openAtRisk") + " " + row.get("violationRate");
  }

  @Test
  void byRep() throws Exception {
    JsonNode rows = report("groupBy=rep&" + PERIOD, "admin", ADMIN_PASSWORD);

    assertThat(rows).extracting(AdherenceReportTest::line).containsExactly(
        "ben.keller 2 1 1 0 0.5",
        "clara.vogel 2 0 1 0 1.0",
        "david.wolf 1 1 0 0 0.0",
        "james.carter 1 0 0 1 null",
        "olivia.reed 1 0 0 0 null");
    assertThat(rows).extracting(row -> row.get("label").asText())
        .containsExactly("Ben Keller", "Clara Vogel", "David Wolf", "James Carter", "Olivia Reed");
    assertThat(http.get("/api/reports/adherence?groupBy=rep&" + PERIOD, "admin", ADMIN_PASSWORD).headers()
        .firstValue("X-Adherence-Target")).as("the share that should meet the SLA").hasValue("0.9");
  }

  @Test
  void byTeamAndByWeek() throws Exception {
    assertThat(report("groupBy=team&" + PERIOD, "admin", ADMIN_PASSWORD))
        .extracting(AdherenceReportTest::line)
        .containsExactly("team-berlin 5 2 2 0 0.5", "team-new-york 2 0 0 1 null");
    assertThat(report("groupBy=team&" + PERIOD, "admin", ADMIN_PASSWORD)).extracting(row -> row.get("label").asText())
        .containsExactly(organisation.team("team-berlin").orElseThrow().name(),
            organisation.team("team-new-york").orElseThrow().name());
    assertThat(report("groupBy=week&" + PERIOD, "admin", ADMIN_PASSWORD))
        .extracting(AdherenceReportTest::line)
        .containsExactly("2026-10-05 3 2 1 0 0.3333333333333333", "2026-10-12 4 0 1 1 1.0");
  }

  @Test
  void processOwnersWhoOwnThePolicyReadEveryTeamsFigures() throws Exception {
    String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    User person = identityService.newUser(owner);
    person.setPassword(DEMO_PASSWORD);
    identityService.saveUser(person);
    identityService.createMembership(owner, IdentitySync.PROCESS_OWNERS);
    try {
      assertThat(report("groupBy=team&" + PERIOD, owner, DEMO_PASSWORD)).extracting(AdherenceReportTest::line)
          .containsExactly("team-berlin 5 2 2 0 0.5", "team-new-york 2 0 0 1 null");
    assertThat(report("groupBy=team&" + PERIOD, "admin", ADMIN_PASSWORD)).extracting(row -> row.get("label").asText())
        .containsExactly(organisation.team("team-berlin").orElseThrow().name(),
            organisation.team("team-new-york").orElseThrow().name());
      assertThat(http.get("/api/reports/breaches?" + PERIOD, owner, DEMO_PASSWORD).statusCode()).isEqualTo(200);
      // Reading is all: the organisation the figures come from stays the administrators'.
      assertThat(http.putJson("/api/org/teams/team-berlin", "{\"zone\": \"UTC\"}", owner, DEMO_PASSWORD)
          .statusCode()).isEqualTo(403);
    } finally {
      identityService.deleteUser(owner);
    }
  }

  @Test
  void managersSeeTheirTeamsAndRepsTheirOwnFigures() throws Exception {
    assertThat(report("groupBy=rep&" + PERIOD, "anna.berg", DEMO_PASSWORD)).extracting(r -> r.get("group").asText())
        .containsExactly("ben.keller", "clara.vogel", "david.wolf");
    assertThat(report("groupBy=rep&" + PERIOD, "maria.lopez", DEMO_PASSWORD)).extracting(r -> r.get("group").asText())
        .containsExactly("james.carter", "olivia.reed");
    assertThat(report("groupBy=team&" + PERIOD, "ben.keller", DEMO_PASSWORD)).extracting(AdherenceReportTest::line)
        .containsExactly("team-berlin 2 1 1 0 0.5");
    assertThat(http.get("/api/reports/adherence", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void csvHasAHeaderAndQuotesFieldsThatNeedIt() {
    HttpResponse<String> csv = http.get("/api/reports/adherence?format=csv&groupBy=source&team=team-berlin&"
        + PERIOD, "admin", ADMIN_PASSWORD);

    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    assertThat(csv.body()).isEqualTo("group,visits,met,breached,openAtRisk,violationRate\r\n"
        + "demo-request,2,0,1,0,1.0000\r\n"
        + "\"partner, \"\"EU\"\"\",1,1,0,0,0.0000\r\n"
        + "web-form,2,1,1,0,0.5000\r\n");
  }

  @Test
  void badParametersAreNamed() throws Exception {
    HttpResponse<String> response = http.get("/api/reports/adherence?groupBy=mood", "admin", ADMIN_PASSWORD);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("errors").findValuesAsText("field")).containsExactly("groupBy");
  }
}
