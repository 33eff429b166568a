package io.slaflow.sla;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes and reads SLA records: one row per stage visit. */
@Repository
public class SlaRecords {

  /** The key under which a transaction keeps the ids of the records it changed. */
  private static final Object CHANGED = new Object();

  private final JdbcTemplate jdbc;
  private final MeterRegistry meters;
  private final SlaAudit audit;
  private final TransactionTemplate ownTransaction;

  public SlaRecords(JdbcTemplate jdbc, MeterRegistry meters, SlaAudit audit, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.meters = meters;
    this.audit = audit;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Facts known when a stage starts. */
  public record Opening(
      String unit, String stage, String recordId, String processInstanceId, String ownerId, String teamId,
      String source, SlaPolicy policy, SlaPlan plan, String reassignedFrom) {}

  public String open(Opening o) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "INSERT INTO sla_record (id, unit, stage, record_id, process_instance_id, owner_id, team_id, source,"
            + " clock_kind, target, started_at, started_week, due_at, reassigned_from)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        id, o.unit(), o.stage(), o.recordId(), o.processInstanceId(), o.ownerId(), o.teamId(), o.source(),
        o.policy().clock().label(), o.policy().target().toString(), utc(o.plan().startedAt()),
        weekOf(o.plan().startedAt()), utc(o.plan().dueAt()), o.reassignedFrom());
    changedHere(id);
    audit.write(id, "stage " + o.stage() + " opened for " + (o.ownerId() == null ? "the team queue" : o.ownerId()),
        "due_at", null, o.plan().dueAt());
    return id;
  }

  /** A rung's alert went out at {@code at}: the first delivery stamps it, and counts it when it is a warning. */
  public void alerted(String id, SlaRung rung, Instant at) {
    String column = rung.alertedColumn();
    String counted = rung.isWarning() ? ", warnings_sent = warnings_sent + 1" : "";
    audited(id, rung.label() + " sent", "UPDATE sla_record SET " + column + " = ?" + counted + " WHERE id = ? AND "
        + column + " IS NULL", utc(at), id);
  }

  public void breached(String id, Instant at) {
    stamped(id, () -> {
      if (audited(id, "SLA breached", "UPDATE sla_record SET breached_at = ? WHERE id = ? AND breached_at IS NULL",
          utc(at), id) == 1) {
        String unit = jdbc.queryForObject("SELECT unit FROM sla_record WHERE id = ?", String.class, id);
        // Counted once the breach is committed.
        Runnable count = () -> meters.counter("slaflow.breaches", "unit", unit).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
          TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              count.run();
            }
          });
        } else {
          count.run();
        }
      }
    });
  }

  public void escalated(String id, Instant at) {
    stamped(id, () -> audited(id, "escalated",
        "UPDATE sla_record SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL", utc(at), id));
  }

  public void escalationReviewed(String id, String action, String note) {
    audited(id, "manager's decision",
        "UPDATE sla_record SET escalation_action = ?, escalation_note = ? WHERE id = ?", action, note, id);
  }

  /** Someone else took the stage over: a rep claimed it from the team queue, or it was handed over. */
  public void ownerChanged(String id, String ownerId) {
    audited(id, "handed over", "UPDATE sla_record SET owner_id = ? WHERE id = ?", ownerId, id);
  }

  /** The first visit of a record's stage: what routing decided when the record came in. */
  public Optional<SlaRecord> first(String unit, String recordId) {
    return forRecord(unit, recordId).stream().findFirst();
  }

  /** The owner let the clock lapse: this visit ends here; the next visit is opened for the new owner. */
  public void reassignedAway(String id, Instant at) {
    audited(id, "reassigned away",
        "UPDATE sla_record SET completed_at = ?, outcome = 'reassigned', paused_seconds = paused_seconds + ?,"
        + " paused_at = NULL WHERE id = ? AND completed_at IS NULL", utc(at), endPause(id, at), id);
  }

  /** The record's facts changed and the stage's SLA was looked up again: its target, clock and due instant. */
  public void replanned(String id, SlaPolicy policy, Instant dueAt) {
    audited(id, "replanned", "UPDATE sla_record SET target = ?, clock_kind = ?, due_at = ? WHERE id = ?",
        policy.target().toString(), policy.clock().label(), utc(dueAt), id);
  }

  /**
   * The stage's clock stopped (waiting on the customer, say); the ladder waits with it. False, and nothing changed,
   * when the visit's clock stands still already or the visit has ended: the row decides, also between two requests
   * at once.
   */
  public boolean paused(String id, Instant at, String reason) {
    if (audited(id, "clock paused",
        "UPDATE sla_record SET paused_at = ?, pause_reason = ? WHERE id = ? AND paused_at IS NULL"
        + " AND completed_at IS NULL", utc(at), reason, id) == 0) {
      return false;
    }
    jdbc.update("INSERT INTO sla_pause (sla_record_id, paused_at, reason) VALUES (?,?,?)", id, utc(at), reason);
    return true;
  }

  /**
   * The clock runs again at {@code at}: the due instant moved by the paused business time; the wall-clock pause is
   * added up. False, and nothing changed, when the visit's clock was not standing still.
   */
  public boolean resumed(String id, Instant at, Instant newDue) {
    long seconds = endPause(id, at);
    return audited(id, "clock resumed",
        "UPDATE sla_record SET paused_at = NULL, due_at = ?, paused_seconds = paused_seconds + ?"
        + " WHERE id = ? AND paused_at IS NOT NULL AND completed_at IS NULL", utc(newDue), seconds, id) == 1;
  }

  /** The visit's pauses that are over, in the order they began: what replanning it from its start gives back. */
  public List<SlaPlan.Pause> pauses(String id) {
    return jdbc.query("SELECT paused_at, ended_at FROM sla_pause WHERE sla_record_id = ? AND ended_at IS NOT NULL"
        + " ORDER BY id", (rs, row) -> new SlaPlan.Pause(instant(rs, "paused_at"), instant(rs, "ended_at")), id);
  }

  /**
   * The visit's clock stands still no longer from {@code at} (it resumed, or the visit ended while paused): its
   * pause is closed; the wall-clock seconds it stood still, for the record's sum, or 0 when it was running.
   */
  private long endPause(String id, Instant at) {
    Instant pausedAt = jdbc.query("SELECT paused_at FROM sla_record WHERE id = ? AND completed_at IS NULL",
        (rs, row) -> instant(rs, "paused_at"), id).stream().filter(Objects::nonNull).findFirst().orElse(null);
    if (pausedAt == null) {
      return 0;
    }
    jdbc.update("UPDATE sla_pause SET ended_at = ? WHERE sla_record_id = ? AND ended_at IS NULL", utc(at), id);
    return Math.max(0, Duration.between(pausedAt, at).toSeconds());
  }

  /**
   * The stage was interrupted from outside before its work was done: the visit neither met nor breached. A pause
   * ends with it.
   */
  public void withdrawn(String id, Instant at) {
    audited(id, "withdrawn",
        "UPDATE sla_record SET completed_at = ?, outcome = CASE WHEN breached_at IS NOT NULL THEN 'breached'"
        + " ELSE 'withdrawn' END, paused_seconds = paused_seconds + ?, paused_at = NULL"
        + " WHERE id = ? AND completed_at IS NULL", utc(at), endPause(id, at), id);
  }

  public void reassignedTo(String id, String newOwnerId) {
    audited(id, "reassigned to", "UPDATE sla_record SET reassigned_to = ? WHERE id = ?", newOwnerId, id);
  }

  /**
   * The stage's work is done: the first response is logged and the record is met or breached. Done while its clock
   * stood still, the visit's pause ends with it: the paused time is added up, and the visit is judged on its due
   * instant as it stood against the clock's reading, which stopped when the pause began; work done while the clock
   * stands still uses none of its time.
   */
  public void completed(String id, Instant at) {
    audited(id, "completed",
        "UPDATE sla_record SET first_response_at = COALESCE(first_response_at, ?), completed_at = ?,"
            + " outcome = CASE WHEN breached_at IS NOT NULL OR due_at < COALESCE(paused_at, ?) THEN 'breached'"
            + " ELSE 'met' END, paused_seconds = paused_seconds + ?, paused_at = NULL WHERE id = ?",
        utc(at), utc(at), utc(at), endPause(id, at), id);
  }

  /** Open stage visits per owner in a team: the work routing weighs against each rep's capacity. */
  public Map<String, Integer> openWorkByOwner(String teamId) {
    Map<String, Integer> open = new HashMap<>();
    jdbc.query("SELECT owner_id, COUNT(*) FROM sla_record WHERE outcome = 'open' AND team_id = ?"
        + " AND owner_id IS NOT NULL GROUP BY owner_id", rs -> {
          open.put(rs.getString(1), rs.getInt(2));
        }, teamId);
    return open;
  }

  /** The open stage visits an owner holds: what an out-of-office handover moves or flags. */
  public List<SlaRecord> openFor(String ownerId) {
    return jdbc.query("SELECT * FROM sla_record WHERE outcome = 'open' AND owner_id = ? ORDER BY due_at",
        SlaRecords::map, ownerId);
  }

  public void awayHandover(String id, String handover) {
    audited(id, "owner away", "UPDATE sla_record SET away_handover = ? WHERE id = ?", handover, id);
  }

  /** Whether an earlier visit of the same record's stage breached: the breach repeats. */
  public boolean breachedBefore(String id) {
    Integer earlier = jdbc.queryForObject(
        "SELECT COUNT(*) FROM sla_record r JOIN sla_record e ON e.unit = r.unit AND e.record_id = r.record_id"
            + " AND e.stage = r.stage AND e.visit_no < r.visit_no"
            + " WHERE r.id = ? AND e.breached_at IS NOT NULL", Integer.class, id);
    return earlier != null && earlier > 0;
  }

  public Optional<SlaRecord> find(String id) {
    return jdbc.query("SELECT * FROM sla_record WHERE id = ?", SlaRecords::map, id).stream().findFirst();
  }

  public List<SlaRecord> forRecord(String unit, String recordId) {
    return jdbc.query(
        "SELECT * FROM sla_record WHERE unit = ? AND record_id = ? ORDER BY visit_no",
        SlaRecords::map, unit, recordId);
  }

  /**
   * Runs an update of one record and writes each field it changed to the audit trail, old and new. Reading the row
   * before and after (by its primary key) is what keeps every writer of the record audited without each one
   * saying what it changed.
   */
  private int audited(String id, String action, String sql, Object... args) {
    changedHere(id);
    Map<String, Object> before = row(id);
    int updated = jdbc.update(sql, args);
    if (updated > 0) {
      Map<String, Object> after = row(id);
      after.forEach((column, value) -> {
        Object was = before.get(column);
        if (!Objects.equals(was, value)) {
          audit.write(id, action, column.toLowerCase(Locale.ROOT), was, value);
        }
      });
    }
    return updated;
  }

  /**
   * A ladder stamp (the breach, the escalation) is a fact once its instant has passed, whatever the rest of the job
   * does: it commits on its own, so that a rung whose alert cannot be delivered yet (its job fails and retries, then
   * becomes an incident) still shows the breach on the record and in the reports. Not when this transaction changed
   * the record before (a caught-up rung after an earlier one's stamp, a handover that ends the stage): its row is
   * locked by this transaction or not committed yet, and the stamp goes with it.
   */
  private void stamped(String id, Runnable stamp) {
    if (!TransactionSynchronizationManager.isActualTransactionActive() || changedInThisTransaction().contains(id)) {
      stamp.run();
    } else {
      ownTransaction.executeWithoutResult(tx -> stamp.run());
    }
  }

  private void changedHere(String id) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      changedInThisTransaction().add(id);
    }
  }

  /** The records the current transaction wrote, forgotten when it ends. */
  private static Set<String> changedInThisTransaction() {
    return TransactionBound.value(CHANGED, HashSet::new);
  }

  private Map<String, Object> row(String id) {
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM sla_record WHERE id = ?", id);
    return rows.isEmpty() ? Map.of() : rows.get(0);
  }

  /** Monday (UTC) of the week an instant falls in. */
  public static LocalDate weekOf(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().with(DayOfWeek.MONDAY);
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static SlaRecord map(ResultSet rs, int row) throws SQLException {
    return new SlaRecord(
        rs.getString("id"), rs.getString("unit"), rs.getString("stage"), rs.getString("record_id"),
        rs.getString("process_instance_id"), rs.getString("owner_id"), rs.getString("team_id"),
        rs.getString("source"), rs.getString("clock_kind"), rs.getString("target"),
        instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "first_response_at"),
        instant(rs, "completed_at"), rs.getLong("paused_seconds"), instant(rs, "paused_at"),
        rs.getString("pause_reason"), rs.getInt("warnings_sent"),
        instant(rs, "breached_at"), instant(rs, "escalated_at"), rs.getString("escalation_action"),
        rs.getString("escalation_note"), rs.getString("reassigned_from"),
        rs.getString("reassigned_to"), rs.getString("away_handover"), rs.getString("outcome"),
        instant(rs, "warning_alerted_at"), instant(rs, "final_warning_alerted_at"), instant(rs, "breach_alerted_at"),
        instant(rs, "escalation_alerted_at"));
  }
}
