package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.testsupport.SlaflowTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
}
