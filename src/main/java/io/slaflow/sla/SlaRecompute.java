package io.slaflow.sla;

import io.slaflow.calendar.EngineTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the open clocks after the process owner changed the SLA policy. A new policy applies to the stages that
 * start after its deployment; the stages already on the clock keep the due time they were promised until an
 * administrator runs this, explicitly: each open visit is looked up again in the policy table and planned from its
 * start, and where its policy or due time changes, its timers, task due date and SLA record move, and the old and
 * new due times are written to the audit table {@code sla_recomputation}. A dry run only says what would change.
 */
@Component
public class SlaRecompute {

  private final JdbcTemplate jdbc;
  private final SlaClock clock;
  private final SlaRecords records;
  private final RuntimeService runtimeService;
  private final TransactionTemplate eachVisit;

  public SlaRecompute(JdbcTemplate jdbc, SlaClock clock, SlaRecords records, @Lazy RuntimeService runtimeService,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.records = records;
    this.runtimeService = runtimeService;
    this.eachVisit = new TransactionTemplate(transactions);
  }

  /** One open stage visit whose SLA changes (or would, in a dry run). */
  public record Change(String slaRecordId, String unit, String stage, String recordId, String processInstanceId,
      String ownerId, String oldPolicy, String newPolicy, String oldTarget, String newTarget, Instant oldDueAt,
      Instant newDueAt) {}

  /** An open visit left as it was, and why. */
  public record Skipped(String slaRecordId, String processInstanceId, String reason) {}

  /** What a run did; {@code runId} finds its audit rows again (a dry run has none). */
  public record Result(String runId, boolean dryRun, int examined, int unchanged, List<Change> changed,
      List<Skipped> skipped) {}

  /** One audit row: a change that was applied, by whom, when and why. */
  public record Audit(String runId, Change change, Instant recomputedAt, String recomputedBy, String reason) {}

  /**
   * @param unit only this unit's open visits, or all when null
   * @param stage only this stage's open visits, or all when null
   */
  public Result recompute(String unit, String stage, boolean dryRun, String reason, String user) {
    return SlaAudit.through(SlaAudit.RECOMPUTE, () -> recomputeNow(unit, stage, dryRun, reason, user));
  }

  private Result recomputeNow(String unit, String stage, boolean dryRun, String reason, String user) {
    String runId = UUID.randomUUID().toString();
    List<Change> changed = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    StringBuilder where = new StringBuilder("outcome = 'open' AND process_instance_id IS NOT NULL");
    List<Object> args = new ArrayList<>();
    if (unit != null) {
      where.append(" AND unit = ?");
      args.add(unit);
    }
    if (stage != null) {
      where.append(" AND stage = ?");
      args.add(stage);
    }
    List<String> open = jdbc.queryForList("SELECT id FROM sla_record WHERE " + where + " ORDER BY visit_no",
        String.class, args.toArray());
    for (String id : open) {
      // Each visit on its own: one that cannot be moved now (its job is running) does not hold the others back, and
      // a change counts once its transaction committed.
      try {
        Object outcome = eachVisit.execute(status -> replan(id, runId, dryRun, reason, user));
        if (outcome instanceof Change change) {
          changed.add(change);
        } else if (outcome instanceof Skipped skip) {
          skipped.add(skip);
        }
      } catch (RuntimeException e) {
        skipped.add(new Skipped(id, null, "could not be changed now (" + e.getClass().getSimpleName()
            + "); run again"));
      }
    }
    int unchanged = open.size() - changed.size() - skipped.size();
    return new Result(dryRun ? null : runId, dryRun, open.size(), unchanged, changed, skipped);
  }

  /** Replans one open visit: its change, why it was skipped, or null when its SLA stays as it is. */
  private Object replan(String id, String runId, boolean dryRun, String reason, String user) {
    SlaRecord visit = records.find(id).orElseThrow();
    String why = whyNot(visit);
    if (why != null) {
      return new Skipped(visit.id(), visit.processInstanceId(), why);
    }
    SlaClock.Replanning replanning = clock.replanning(visit.processInstanceId());
    Instant newDue = replanning.plan().dueAt();
    String newPolicy = replanning.policy().name();
    String newTarget = replanning.policy().target().toString();
    if (newDue.equals(visit.dueAt()) && newPolicy.equals(replanning.oldPolicy()) && newTarget.equals(visit.target())) {
      return null;
    }
    Change change = new Change(visit.id(), visit.unit(), visit.stage(), visit.recordId(), visit.processInstanceId(),
        visit.ownerId(), replanning.oldPolicy(), newPolicy, visit.target(), newTarget, visit.dueAt(), newDue);
    if (!dryRun) {
      clock.apply(replanning);
      audit(runId, change, user, reason);
    }
    return change;
  }

  /** Why an open visit is not replanned, or null when it is. */
  private String whyNot(SlaRecord visit) {
    if (!"open".equals(visit.outcome())) {
      return "the stage ended meanwhile";
    }
    // The instance's current stage visit, kept on the instance itself; none when the instance has ended.
    VariableInstance current = runtimeService.createVariableInstanceQuery()
        .processInstanceIdIn(visit.processInstanceId()).variableScopeIdIn(visit.processInstanceId())
        .variableName(SlaVariables.RECORD_ID.name()).singleResult();
    if (current != null && visit.id().equals(current.getValue())) {
      return null;
    }
    // A stage beside the main flow keeps its clock in its own scope (SlaClock.stageVariables).
    boolean beside = runtimeService.createVariableInstanceQuery().processInstanceIdIn(visit.processInstanceId())
        .variableName(SlaVariables.RECORD_ID.name()).list().stream().anyMatch(v -> visit.id().equals(v.getValue()));
    return beside ? "a stage beside the main flow (an event subprocess, such as the renewal's recovery plan) is not"
        + " recomputed yet: it keeps its due time"
        : "the process instance is no longer in this stage";
  }

  private void audit(String runId, Change c, String user, String reason) {
    jdbc.update("INSERT INTO sla_recomputation (run_id, sla_record_id, unit, stage, record_id, process_instance_id,"
            + " owner_id, old_policy, new_policy, old_target, new_target, old_due_at, new_due_at, recomputed_at,"
            + " recomputed_by, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        runId, c.slaRecordId(), c.unit(), c.stage(), c.recordId(), c.processInstanceId(), c.ownerId(),
        c.oldPolicy(), c.newPolicy(), c.oldTarget(), c.newTarget(), SlaRecords.utc(c.oldDueAt()),
        SlaRecords.utc(c.newDueAt()), SlaRecords.utc(EngineTime.now()), user, reason);
  }

  /** The audit rows of one run, in the order the changes were made. */
  public List<Audit> audit(String runId) {
    return jdbc.query("SELECT * FROM sla_recomputation WHERE run_id = ? ORDER BY id", SlaRecompute::audit, runId);
  }

  private static Audit audit(ResultSet rs, int row) throws SQLException {
    return new Audit(rs.getString("run_id"),
        new Change(rs.getString("sla_record_id"), rs.getString("unit"), rs.getString("stage"),
            rs.getString("record_id"), rs.getString("process_instance_id"), rs.getString("owner_id"),
            rs.getString("old_policy"), rs.getString("new_policy"), rs.getString("old_target"),
            rs.getString("new_target"), SlaRecords.instant(rs, "old_due_at"),
            SlaRecords.instant(rs, "new_due_at")),
        SlaRecords.instant(rs, "recomputed_at"), rs.getString("recomputed_by"), rs.getString("reason"));
  }
}
