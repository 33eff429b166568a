package io.slaflow.ops;

import io.slaflow.report.WeeklyRollup;
import io.slaflow.sla.SlaRecords;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention of our own tables, beside Camunda's history cleanup: closed stage visits, stage history and the
 * notification log older than {@code slaflow.retention.days} are deleted every night. Open visits stay however old.
 * The business records (leads, opportunities, tickets, contracts) are the customer's data and are not touched.
 * Every node runs it; deleting what another node already deleted is harmless.
 */
@Component
public class Retention {

  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  private final JdbcTemplate jdbc;
  private final WeeklyRollup rollup;
  private final Duration keep;

  public Retention(JdbcTemplate jdbc, WeeklyRollup rollup, @Value("${slaflow.retention.days:730}") int days) {
    this.jdbc = jdbc;
    this.rollup = rollup;
    this.keep = Duration.ofDays(days);
  }

  /** Deletes what is older than the retention period; returns the number of rows deleted. */
  @Scheduled(cron = "${slaflow.retention.cron:0 30 2 * * *}")
  public int purge() {
    Instant cutoff = Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).minus(keep);
    Object before = cutoff.atOffset(ZoneOffset.UTC);
    int deleted = jdbc.update("DELETE FROM stage_history WHERE left_at < ?", before)
        + jdbc.update("DELETE FROM sla_record WHERE outcome <> 'open' AND COALESCE(completed_at, started_at) < ?",
            before)
        + jdbc.update("DELETE FROM notification_log WHERE created_at < ?", before)
        + jdbc.update("DELETE FROM sla_recomputation WHERE recomputed_at < ?", before);
    if (deleted > 0) {
      rollup.forgetThrough(SlaRecords.weekOf(cutoff)); // resealed with the visits that are left
      log.info("Retention: {} rows older than {} days deleted", deleted, keep.toDays());
    }
    return deleted;
  }
}
