package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.ops.Retention;
import io.slaflow.report.AdherenceReport.Filter;
import io.slaflow.report.AdherenceReport.GroupBy;
import io.slaflow.report.AdherenceReport.Row;
import io.slaflow.report.AdherenceReport.Scope;
import io.slaflow.sla.SlaRecords;
import io.slaflow.testsupport.SlaflowTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sealed weeks (unit "rollup-test", February and March 2024, UTC): the week of 5 February (four settled visits), of
 * 12 February (a breached visit that was reassigned, and a met one), of 19 February (an open visit due long ago, so
 * the week cannot be sealed), of 26 February (one met, one breached on 1 March) and of 4 March (one met, too recent
 * to seal on 6 March). Reports read sealed weeks from the roll-up and must give the figures the visits give.
 */
class WeeklyRollupTest extends SlaflowTest {

  private static final Instant NOW = t(3, 6, 12);
  private static final LocalDate FIRST_WEEK = LocalDate.of(2024, 2, 5);
  private static final Scope BERLIN = new Scope(List.of("team-berlin"), null, false);

  @Autowired JdbcTemplate jdbc;
  @Autowired WeeklyRollup rollup;
  @Autowired AdherenceReport adherence;
  @Autowired Retention retention;

  @BeforeEach
  void seeded() {
    rollup.forgetThrough(LocalDate.of(2024, 12, 30));
    jdbc.update("DELETE FROM sla_record WHERE unit = 'rollup-test'");
    visit("ben.keller", "team-berlin", "first-contact", "web-form", t(2, 5, 10), "met", false);
    visit("ben.keller", "team-berlin", "discovery", "web-form", t(2, 6, 10), "breached", true);
    visit("clara.vogel", "team-berlin", "first-contact", "demo-request", t(2, 8, 9), "met", false);
    visit("james.carter", "team-new-york", "first-contact", "event", t(2, 11, 23), "met", false);
    visit("david.wolf", "team-berlin", "discovery", "partner", t(2, 13, 9), "reassigned", true);
    visit("clara.vogel", "team-berlin", "discovery", "partner", t(2, 14, 9), "met", false);
    visit("olivia.reed", "team-new-york", "first-contact", "event", t(2, 21, 9), "open", false);
    visit("ben.keller", "team-berlin", "first-contact", "web-form", t(2, 26, 9), "met", false);
    visit("james.carter", "team-new-york", "discovery", "event", t(3, 1, 10), "breached", true);
    visit("ben.keller", "team-berlin", "first-contact", "web-form", t(3, 4, 9), "met", false);
  }

  private static Instant t(int month, int day, int hour) {
    return LocalDateTime.of(2024, month, day, hour, 0).toInstant(ZoneOffset.UTC);
  }

  private void visit(String owner, String team, String stage, String source, Instant started, String outcome,
      boolean breached) {
    Instant due = started.plusSeconds(7200);
    jdbc.update("INSERT INTO sla_record (id, unit, stage, record_id, owner_id, team_id, source, clock_kind, target,"
        + " started_at, started_week, due_at, breached_at, completed_at, outcome)"
        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        UUID.randomUUID().toString(), "rollup-test", stage, UUID.randomUUID().toString(), owner, team, source,
        "business", "PT2H", utc(started), SlaRecords.weekOf(started), utc(due), breached ? utc(due) : null,
        outcome.equals("open") ? null : utc(started.plusSeconds(3 * 3600)), outcome);
  }

  private static Object utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Every grouping, for the administrator and a manager, over whole weeks and over a period cut mid-week. */
  private Map<String, List<Row>> everyReport() {
    Map<String, List<Row>> reports = new LinkedHashMap<>();
    Map<String, Filter> periods = Map.of(
        "whole weeks", new Filter(t(2, 5, 0), t(3, 11, 0), null, "rollup-test"),
        "cut mid-week", new Filter(t(2, 7, 0), t(3, 5, 0), null, "rollup-test"),
        "berlin", new Filter(t(2, 1, 0), t(3, 8, 0), "team-berlin", "rollup-test"));
    periods.forEach((period, filter) -> {
      for (GroupBy groupBy : GroupBy.values()) {
        reports.put(period + " admin " + groupBy, adherence.run(groupBy, filter, Scope.all(), NOW));
        reports.put(period + " manager " + groupBy, adherence.run(groupBy, filter, BERLIN, NOW));
      }
    });
    return reports;
  }

  private static String line(Row r) {
    return r.group() + " " + r.visits() + " " + r.met() + " " + r.breached() + " " + r.openAtRisk() + " "
        + r.violationRate();
  }

  @Test
  void settledWeeksAreSealedAndGiveTheFiguresTheVisitsGive() {
    Map<String, List<Row>> fromVisits = everyReport();

    assertThat(rollup.seal(FIRST_WEEK, NOW)).as("weeks sealed").isEqualTo(3);

    assertThat(rollup.sealedWithin(t(2, 5, 0), t(3, 11, 0))).containsExactly(
        new WeeklyRollup.Run(FIRST_WEEK, LocalDate.of(2024, 2, 19)),
        new WeeklyRollup.Run(LocalDate.of(2024, 2, 26), LocalDate.of(2024, 3, 4)));
    assertThat(rollup.sealedWithin(t(2, 7, 0), t(3, 5, 0))).as("only whole weeks of a period").containsExactly(
        new WeeklyRollup.Run(LocalDate.of(2024, 2, 12), LocalDate.of(2024, 2, 19)),
        new WeeklyRollup.Run(LocalDate.of(2024, 2, 26), LocalDate.of(2024, 3, 4)));
    assertThat(everyReport()).isEqualTo(fromVisits);
    assertThat(fromVisits.get("whole weeks admin WEEK")).extracting(WeeklyRollupTest::line).containsExactly(
        "2024-02-05 4 3 1 0 0.25",
        "2024-02-12 2 1 1 0 0.5",
        "2024-02-19 1 0 0 1 null",
        "2024-02-26 2 1 1 0 0.5",
        "2024-03-04 1 1 0 0 0.0");
    assertThat(fromVisits.get("cut mid-week manager STAGE")).extracting(WeeklyRollupTest::line).containsExactly(
        "discovery 2 1 1 0 0.5",
        "first-contact 3 3 0 0 0.0");
    assertThat(rollup.seal(FIRST_WEEK, NOW)).as("sealed weeks stay sealed").isZero();
  }

  @Test
  void visitsDeletedByRetentionLeaveTheSealedWeeks() {
    rollup.seal(FIRST_WEEK, NOW);
    clockAt(Instant.parse("2026-03-01T00:00:00Z")); // retention keeps 730 days: visits closed before 1 March 2024 go

    retention.purge();

    assertThat(adherence.run(GroupBy.WEEK, new Filter(t(2, 5, 0), t(3, 11, 0), null, "rollup-test"), Scope.all(),
        NOW)).extracting(WeeklyRollupTest::line).containsExactly(
            "2024-02-19 1 0 0 1 null",
            "2024-02-26 1 0 1 0 1.0",
            "2024-03-04 1 1 0 0 0.0");
    assertThat(rollup.seal(FIRST_WEEK, NOW)).as("resealed with the visits left").isEqualTo(1);
  }
}
