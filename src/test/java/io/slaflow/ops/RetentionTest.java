package io.slaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.sla.SlaRecords;
import io.slaflow.testsupport.SlaflowTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Nothing is kept forever: our tables by the retention period, Camunda's history by each model's time to live. */
class RetentionTest extends SlaflowTest {

  @Autowired Retention retention;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repositoryService;

  @Test
  void closedVisitsOlderThanTwoYearsGoOpenOnesStay() {
    clockAt(Instant.parse("2026-11-26T03:00:00Z"));
    String oldClosed = visit(Instant.parse("2024-11-01T09:00:00Z"), "met");
    String oldOpen = visit(Instant.parse("2024-11-01T09:00:00Z"), "open");
    String recent = visit(Instant.parse("2025-12-01T09:00:00Z"), "breached");

    assertThat(retention.purge()).isGreaterThanOrEqualTo(2);

    assertThat(jdbc.queryForList("SELECT id FROM sla_record WHERE id IN (?, ?, ?)", String.class, oldClosed, oldOpen,
        recent)).containsExactlyInAnyOrder(oldOpen, recent);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stage_history WHERE id = ?", Integer.class, oldClosed))
        .isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stage_history WHERE id = ?", Integer.class, recent))
        .isOne();
  }

  @Test
  void everyProcessAndDecisionHasAHistoryTimeToLiveAndCleanupRunsAtNight() {
    assertThat(repositoryService.createProcessDefinitionQuery().list())
        .allSatisfy(p -> assertThat(p.getHistoryTimeToLive()).as(p.getKey()).isEqualTo(180));
    assertThat(repositoryService.createDecisionDefinitionQuery().list())
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isEqualTo(180));
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
  }

  private String visit(Instant started, String outcome) {
    String id = UUID.randomUUID().toString();
    Object done = outcome.equals("open") ? null : started.plusSeconds(3600).atOffset(ZoneOffset.UTC);
    jdbc.update("INSERT INTO sla_record (id, unit, stage, record_id, owner_id, team_id, clock_kind, target,"
        + " started_at, started_week, due_at, completed_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", id,
        "retention-test", "first-contact", id, "ben.keller", "team-berlin", "business", "PT2H",
        started.atOffset(ZoneOffset.UTC), SlaRecords.weekOf(started), started.plusSeconds(7200).atOffset(ZoneOffset.UTC),
        done, outcome);
    jdbc.update("INSERT INTO stage_history (id, unit, record_id, stage, owner_id, team_id, entered_at, left_at)"
        + " VALUES (?,?,?,?,?,?,?,?)", id, "retention-test", id, "first-contact", "ben.keller", "team-berlin",
        started.atOffset(ZoneOffset.UTC), done);
    return id;
  }
}
