package io.slaflow.sla;

import static io.slaflow.sla.ProcessVariable.flag;
import static io.slaflow.sla.ProcessVariable.instant;
import static io.slaflow.sla.ProcessVariable.text;

import java.time.Instant;

/**
 * The process variables the SLA clock writes, each with its type; the ladder's timers and the task's due date read
 * the instants, the role filters the state.
 */
public final class SlaVariables {

  public static final ProcessVariable<String> RECORD_ID = text("slaRecordId");
  public static final ProcessVariable<String> STAGE = text("slaStage");
  public static final ProcessVariable<String> STAGE_TASK = text("slaStageTask");
  public static final ProcessVariable<Instant> DUE_AT = instant("slaDueAt");
  public static final ProcessVariable<Instant> WARNING_AT = instant("slaWarningAt");
  public static final ProcessVariable<Instant> FINAL_WARNING_AT = instant("slaFinalWarningAt");
  public static final ProcessVariable<Instant> ESCALATE_AT = instant("slaEscalateAt");
  public static final ProcessVariable<Instant> REASSIGN_AT = instant("slaReassignAt");
  public static final ProcessVariable<Boolean> COPY_MANAGER_ON_BREACH = flag("slaCopyManagerOnBreach");
  public static final ProcessVariable<String> POLICY = text("slaPolicy");
  /**
   * Whether the current visit runs on the team queue's SLA (nobody owned the work when it opened): only then does a
   * claim end it. A stage someone gave back to the queue keeps its own visit and clock.
   */
  public static final ProcessVariable<Boolean> QUEUE_VISIT = flag("slaQueueVisit");
  /** Where the stage stands: on-track, at-risk (past the first warning) or breached; the role filters read it. */
  public static final ProcessVariable<String> STATE = text("slaState");
  public static final String ON_TRACK = "on-track";
  public static final String AT_RISK = "at-risk";
  public static final String BREACHED = "breached";
  /** Set by each unit when it starts: how alerts name the record, e.g. "Lead Jane Doe, Acme GmbH (DE, web-form)". */
  public static final ProcessVariable<String> RECORD_TITLE = text("recordTitle");
  /** Form: the manager's decision on an escalation ("Review escalated lead"), and why. */
  public static final ProcessVariable<String> ESCALATION_ACTION = text("escalationAction");
  public static final ProcessVariable<String> ESCALATION_NOTE = text("escalationNote");

  private SlaVariables() {}
}
