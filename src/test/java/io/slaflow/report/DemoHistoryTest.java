package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.sla.SlaSpan;
import io.slaflow.testsupport.SlaflowTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo's made-up history: four weeks of first contacts and a narrowing sales funnel for every rep. */
class DemoHistoryTest extends SlaflowTest {

  @Autowired DemoHistory history;
  @Autowired AdherenceReport adherence;
  @Autowired WaterfallReport waterfall;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void removeIt() {
    jdbc.update("DELETE FROM sla_record WHERE record_id LIKE 'demo-history-%'");
    jdbc.update("DELETE FROM stage_history WHERE record_id LIKE 'demo-history-%'");
  }

  @Test
  void fourWeeksOfWorkShowAsAFunnelAndAMixOfMetAndBreached() {
    // Twenty years after the tests' today: no other test has work there, whatever day the suite runs on.
    Instant now = now().plus(Duration.ofDays(20 * 365));
    long reps = organisation.people().stream().filter(p -> p.role() == Person.Role.REP).count();
    history.generate(now, 4, 7L);
    AdherenceReport.Filter period = new AdherenceReport.Filter(now.minusSeconds(29 * 86400), now, null, null);

    List<AdherenceReport.Row> byRep = adherence.run(AdherenceReport.GroupBy.REP, period,
        AdherenceReport.Scope.all(), now);
    assertThat(byRep).hasSize((int) reps).allSatisfy(row -> {
      assertThat(row.met()).isPositive();
      assertThat(row.breached()).isPositive();
      assertThat(row.violationRate()).isBetween(0.03, 0.5);
    });
    List<WaterfallReport.Row> funnel = waterfall.run(new AdherenceReport.Filter(period.from(), period.to(), null,
        "sales-pipeline"), AdherenceReport.Scope.all());
    assertThat(funnel).extracting(WaterfallReport.Row::stage)
        .containsExactly("accept-mql", "schedule-discovery", "discovery", "proposal", "closing");
    assertThat(funnel.get(0).entered()).as("3 a week for each rep").isEqualTo(reps * 12);
    assertThat(funnel.get(4).convertedOn()).as("won").isPositive().isLessThan(funnel.get(4).entered());
  }

  @Test
  void everyMadeUpVisitKeepsItsTeamsBusinessHours() {
    Instant now = now().plus(Duration.ofDays(20 * 365));
    history.generate(now, 4, 7L);
    List<Map<String, Object>> visits = jdbc.queryForList("SELECT team_id, target, started_at, due_at, breached_at"
        + " FROM sla_record WHERE record_id LIKE 'demo-history-%'");
    assertThat(visits).isNotEmpty().allSatisfy(visit -> {
      BusinessCalendar calendar = organisation.calendar((String) visit.get("team_id"));
      Instant started = instant(visit.get("started_at"));
      Instant due = instant(visit.get("due_at"));
      assertThat(calendar.isOpen(started)).as("started in business hours: %s", visit).isTrue();
      assertThat(due).as("due after its target in business time: %s", visit)
          .isEqualTo(SlaSpan.parse((String) visit.get("target")).after(calendar, started));
      if (visit.get("breached_at") != null) {
        assertThat(instant(visit.get("breached_at"))).isEqualTo(due);
      }
    });
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime offset ? offset.toInstant() : ((Timestamp) value).toInstant();
  }
}
