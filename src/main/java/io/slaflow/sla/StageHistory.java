package io.slaflow.sla;

import io.slaflow.calendar.EngineTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One row per stage a record enters: entered, left, outcome and reason. Called from the model as execution
 * listeners on each stage's subprocess: {@code ${stageHistory.enter(execution, 'discovery')}} on start and
 * {@code ${stageHistory.leave(execution, 'discoveryOutcome', 'disqualifyReason')}} on end, naming the variables that
 * hold the stage's outcome and reason. A stage interrupted from outside (reassigned, a deal pulled back, a lead gone
 * stale) is left as "interrupted" until the interrupting path names the outcome with {@link #interrupted}.
 */
@Component("stageHistory")
public class StageHistory {

  private static final String ROW = "stageHistoryId";

  private final JdbcTemplate jdbc;
  private final SlaRecords records;

  public StageHistory(JdbcTemplate jdbc, SlaRecords records) {
    this.jdbc = jdbc;
    this.records = records;
  }

  /** The teams a record's stages of {@code units} went to: whose members may read and work the record. */
  public List<String> teamsOf(String recordId, String... units) {
    String unitList = String.join(", ", Collections.nCopies(units.length, "?"));
    Object[] arguments = Stream.concat(Stream.of(recordId), Arrays.stream(units)).toArray();
    return jdbc.queryForList("SELECT DISTINCT team_id FROM stage_history WHERE record_id = ? AND unit IN ("
        + unitList + ") AND team_id IS NOT NULL", String.class, arguments);
  }

  public record Entry(String stage, String ownerId, Instant enteredAt, Instant leftAt, String outcome,
      String reason) {}

  public void enter(DelegateExecution execution, String stage) {
    String unit = SlaClock.unitOf(execution);
    String recordId = execution.getProcessBusinessKey();
    // The stage the record left last moved on, unless this is the same stage again (a reassignment) or the record
    // was taken out of it (pulled back, returned to marketing).
    jdbc.update("UPDATE stage_history SET moved_on = TRUE WHERE unit = ? AND record_id = ? AND stage <> ?"
        + " AND outcome NOT IN ('interrupted', 'reassigned', 'pulled-back', 'returned-to-marketing')"
        + " AND entry_no = (SELECT MAX(entry_no) FROM stage_history WHERE unit = ? AND record_id = ?"
        + " AND left_at IS NOT NULL)", unit, recordId, stage, unit, recordId);
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO stage_history (id, unit, record_id, process_instance_id, stage, owner_id, team_id,"
            + " entered_at) VALUES (?,?,?,?,?,?,?,?)",
        id, unit, recordId, execution.getProcessInstanceId(), stage,
        RoutingVariables.OWNER.from(execution), RoutingVariables.TEAM_ID.from(execution),
        utc(EngineTime.now()));
    execution.setVariableLocal(ROW, id);
  }

  public void leave(DelegateExecution execution, String outcomeVariable, String reasonVariable) {
    String id = (String) execution.getVariableLocal(ROW);
    if (execution.isCanceled()) {
      close(id, "interrupted", null);
      return;
    }
    Object outcome = outcomeVariable == null ? null : execution.getVariable(outcomeVariable);
    Object reason = reasonVariable == null ? null : execution.getVariable(reasonVariable);
    close(id, outcome == null ? "done" : outcome.toString(), blankToNull(reason));
  }

  /**
   * Names why the stage the record was in was interrupted, e.g. "pulled-back" or "returned-to-marketing"; its SLA
   * visit, if still open, is withdrawn (neither met nor breached).
   */
  public void interrupted(DelegateExecution execution, String outcome) {
    String recordId = SlaClock.recordId(execution);
    if (recordId != null && !"reassigned".equals(outcome)) {
      records.withdrawn(recordId, EngineTime.now());
    }
    jdbc.update("UPDATE stage_history SET outcome = ? WHERE unit = ? AND record_id = ? AND outcome = 'interrupted'",
        outcome, SlaClock.unitOf(execution), execution.getProcessBusinessKey());
  }

  /** The record's owner changed inside a stage: the open row names the owner who has it now. */
  public void ownerChanged(DelegateExecution execution, String ownerId) {
    jdbc.update("UPDATE stage_history SET owner_id = ? WHERE unit = ? AND record_id = ? AND left_at IS NULL",
        ownerId, SlaClock.unitOf(execution), execution.getProcessBusinessKey());
  }

  public List<Entry> of(String unit, String recordId) {
    return jdbc.query("SELECT * FROM stage_history WHERE unit = ? AND record_id = ? ORDER BY entry_no",
        StageHistory::map, unit, recordId);
  }

  private void close(String id, String outcome, String reason) {
    Instant now = EngineTime.now();
    OffsetDateTime entered = jdbc.queryForObject("SELECT entered_at FROM stage_history WHERE id = ?",
        OffsetDateTime.class, id);
    jdbc.update("UPDATE stage_history SET left_at = ?, outcome = ?, reason = ?, seconds_in_stage = ? WHERE id = ?",
        utc(now), outcome, reason, Duration.between(entered.toInstant(), now).toSeconds(), id);
  }

  private static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Entry map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime left = rs.getObject("left_at", OffsetDateTime.class);
    return new Entry(rs.getString("stage"), rs.getString("owner_id"),
        rs.getObject("entered_at", OffsetDateTime.class).toInstant(), left == null ? null : left.toInstant(),
        rs.getString("outcome"), rs.getString("reason"));
  }
}
