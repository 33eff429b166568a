package io.slaflow.report;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.SlaRecords;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The adherence counts of sealed weeks, so that a report over months reads a few rows per week instead of every
 * stage visit. A week is sealed once it ended more than a day ago and none of its visits is open: from then on its
 * visits never change (a settled visit keeps its owner, team, stage, outcome and breach), and no visit starts in it
 * (visits start at the current instant). Counts add up exactly, so a report from sealed weeks and raw visits gives
 * the same figures as one from raw visits alone. Every node seals; a week another node sealed first is skipped.
 */
@Component
public class WeeklyRollup {

  /** A week is sealed no earlier than this after its end. */
  static final Duration GRACE = Duration.ofDays(1);

  /** A run of consecutive sealed weeks, {@code [from, to)}. */
  public record Run(LocalDate from, LocalDate to) {
    Instant start() {
      return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant end() {
      return to.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }

  private static final Logger log = LoggerFactory.getLogger(WeeklyRollup.class);
  private static final String WEEK_COUNTS = AdherenceReport.COUNTS + " FROM sla_record"
      + " WHERE started_at >= ? AND started_at < ?";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public WeeklyRollup(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Scheduled(initialDelayString = "${slaflow.reports.seal-every:PT1H}",
      fixedDelayString = "${slaflow.reports.seal-every:PT1H}")
  public void sealOnSchedule() {
    int sealed = seal(LocalDate.EPOCH, EngineTime.now());
    if (sealed > 0) {
      log.info("Reports: {} weeks sealed", sealed);
    }
  }

  /** Seals the weeks from {@code from} on that can be sealed at {@code now}; returns how many it sealed. */
  public int seal(LocalDate from, Instant now) {
    LocalDate first = jdbc.queryForObject("SELECT MIN(started_week) FROM sla_record WHERE started_week >= ?",
        LocalDate.class, from);
    if (first == null) {
      return 0;
    }
    Set<LocalDate> skip = new HashSet<>(jdbc.queryForList(
        "SELECT DISTINCT started_week FROM sla_record WHERE outcome = 'open'", LocalDate.class));
    skip.addAll(jdbc.queryForList("SELECT week FROM report_week_sealed", LocalDate.class));
    int sealed = 0;
    for (LocalDate week = first; week.isBefore(SlaRecords.weekOf(now.minus(GRACE))); week = week.plusWeeks(1)) {
      if (!skip.contains(week) && sealWeek(week, now)) {
        sealed++;
      }
    }
    return sealed;
  }

  private boolean sealWeek(LocalDate week, Instant now) {
    Object from = week.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
    Object to = week.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
    try {
      return Boolean.TRUE.equals(transaction.execute(status -> {
        jdbc.update("INSERT INTO report_week_sealed (week, sealed_at) VALUES (?, ?)", week,
            now.atOffset(ZoneOffset.UTC));
        if (jdbc.queryForObject("SELECT COUNT(*) FROM sla_record WHERE outcome = 'open' AND started_week = ?",
            Integer.class, week) > 0) {
          status.setRollbackOnly();
          return false;
        }
        String insert = "INSERT INTO report_week (week, dim, grp, team_id, unit, visits, met, breached) SELECT ?, ?, ";
        jdbc.update(insert + "owner_id, team_id, unit, " + WEEK_COUNTS + " GROUP BY owner_id, team_id, unit",
            week, "rep", from, to);
        jdbc.update(insert + "stage, team_id, unit, " + WEEK_COUNTS + " GROUP BY stage, team_id, unit",
            week, "stage", from, to);
        jdbc.update(insert + "source, team_id, unit, " + WEEK_COUNTS + " GROUP BY source, team_id, unit",
            week, "source", from, to);
        return true;
      }));
    } catch (DuplicateKeyException sealedElsewhere) {
      return false;
    }
  }

  /** The runs of sealed weeks that lie wholly within {@code [from, to)}, in order. */
  public List<Run> sealedWithin(Instant from, Instant to) {
    LocalDate first = SlaRecords.weekOf(from);
    if (first.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)) {
      first = first.plusWeeks(1);
    }
    List<LocalDate> weeks = jdbc.queryForList("SELECT week FROM report_week_sealed WHERE week >= ? AND week < ?"
        + " ORDER BY week", LocalDate.class, first, SlaRecords.weekOf(to));
    List<Run> runs = new ArrayList<>();
    for (LocalDate week : weeks) {
      Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last.to().equals(week)) {
        runs.set(runs.size() - 1, new Run(last.from(), week.plusWeeks(1)));
      } else {
        runs.add(new Run(week, week.plusWeeks(1)));
      }
    }
    return runs;
  }

  /** Unseals the weeks up to {@code week}: visits of theirs were deleted, or written after the fact. */
  public void forgetThrough(LocalDate week) {
    jdbc.update("DELETE FROM report_week_sealed WHERE week <= ?", week);
    jdbc.update("DELETE FROM report_week WHERE week <= ?", week);
  }
}
