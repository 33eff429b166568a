package io.slaflow.org;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.EngineTime;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each team's business calendar, held in memory per version of the team's calendar settings.
 *
 * <p>Building a calendar looks holidays up, which is costly, so a node keeps what it built; but any node may change a
 * team, so before a calendar is handed out its version is read from the team's row (a primary-key read) and a
 * calendar of another version is built again. The version is the database's: it is bumped in the transaction that
 * changes the team, so other nodes see the change exactly when it commits, and no node needs telling.
 */
@Component
class TeamCalendars {

  /** The transaction resource that lists the teams whose calendar the current transaction changed. */
  private static final Object CHANGED_IN_TRANSACTION = new Object();

  private record Versioned(long version, BusinessCalendar calendar) {}

  private final JdbcTemplate jdbc;
  private final Map<String, Versioned> calendars = new ConcurrentHashMap<>();

  TeamCalendars(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  BusinessCalendar calendar(String teamId) {
    List<Long> version = jdbc.queryForList("SELECT calendar_version FROM team WHERE id = ?", Long.class, teamId);
    if (version.isEmpty()) {
      throw new IllegalStateException("Unknown team '" + teamId + "'");
    }
    Versioned held = calendars.get(teamId);
    if (held != null && held.version() == version.get(0)) {
      return held.calendar();
    }
    // The settings and their version in one read, so the calendar is filed under the version it was built from.
    Versioned built = jdbc.queryForObject("SELECT * FROM team WHERE id = ?",
        (rs, row) -> new Versioned(rs.getLong("calendar_version"), Organisation.calendarOf(Organisation.team(rs, row))),
        teamId);
    // A transaction that changed the team reads its own uncommitted row: kept, it would outlive a rollback under a
    // version number that the next change commits with other settings.
    if (!changedInThisTransaction().contains(teamId)) {
      calendars.put(teamId, built);
    }
    return built.calendar();
  }

  /** The team's calendar settings were written in the current transaction: every node builds it again after commit. */
  void changed(String teamId) {
    jdbc.update("UPDATE team SET calendar_version = calendar_version + 1 WHERE id = ?", teamId);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return; // written outside a transaction: committed already
    }
    @SuppressWarnings("unchecked")
    Set<String> changed = (Set<String>) TransactionSynchronizationManager.getResource(CHANGED_IN_TRANSACTION);
    if (changed == null) {
      changed = new HashSet<>();
      TransactionSynchronizationManager.bindResource(CHANGED_IN_TRANSACTION, changed);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(CHANGED_IN_TRANSACTION);
        }
      });
    }
    changed.add(teamId);
  }

  /** What a team's calendar is made of: what its history keeps of each change. */
  public record Settings(String timeZone, LocalTime opens, LocalTime closes, List<DayOfWeek> workingDays,
      String holidayCountry, String holidayRegion, OwnHours ownHours) {

    static Settings of(Team team) {
      return new Settings(team.zone().getId(), team.opens(), team.closes(),
          team.workingDays().stream().sorted().toList(),
          team.holidayCountry(), team.holidayRegion(), team.ownHours());
    }
  }

  /** A change of a team's calendar: the version it became, when, by whom, and the calendar as it then stood. */
  public record Change(long version, Instant changedAt, String changedBy, Settings calendar) {}

  /**
   * Writes the team's calendar to its history when it is new or differs from {@code previous}, under the version
   * {@link #changed} gave it in this transaction.
   */
  void recordChange(String teamId, Team previous, Team now, String actor) {
    Settings settings = Settings.of(now);
    if (previous != null && Settings.of(previous).equals(settings)) {
      return;
    }
    jdbc.update("INSERT INTO team_calendar_change (team_id, calendar_version, changed_at, changed_by, calendar)"
        + " SELECT id, calendar_version, ?, ?, ? FROM team WHERE id = ?",
        EngineTime.now().atOffset(ZoneOffset.UTC), actor, OwnHours.json(settings), teamId);
  }

  /** The team's calendar history, newest first. */
  List<Change> changes(String teamId) {
    return jdbc.query("SELECT * FROM team_calendar_change WHERE team_id = ? ORDER BY id DESC",
        (rs, row) -> new Change(rs.getLong("calendar_version"),
            rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("changed_by"),
            OwnHours.fromJson(rs.getString("calendar"), Settings.class)), teamId);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> changedInThisTransaction() {
    Object changed = TransactionSynchronizationManager.getResource(CHANGED_IN_TRANSACTION);
    return changed == null ? Set.of() : (Set<String>) changed;
  }
}
