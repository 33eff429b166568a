package io.slaflow.sla;

/** Names of the process variables the SLA clock writes; the ladder's timers and the task's due date read them. */
public final class SlaVariables {

  public static final String RECORD_ID = "slaRecordId";
  public static final String STAGE = "slaStage";
  public static final String STAGE_TASK = "slaStageTask";
  public static final String DUE_AT = "slaDueAt";
  public static final String WARNING_AT = "slaWarningAt";
  public static final String FINAL_WARNING_AT = "slaFinalWarningAt";
  public static final String ESCALATE_AT = "slaEscalateAt";
  public static final String REASSIGN_AT = "slaReassignAt";
  public static final String COPY_MANAGER_ON_BREACH = "slaCopyManagerOnBreach";
  public static final String POLICY = "slaPolicy";
  /**
   * Whether the current visit runs on the team queue's SLA (nobody owned the work when it opened): only then does a
   * claim end it. A stage someone gave back to the queue keeps its own visit and clock.
   */
  public static final String QUEUE_VISIT = "slaQueueVisit";
  /** Where the stage stands: on-track, at-risk (past the first warning) or breached; the role filters read it. */
  public static final String STATE = "slaState";
  public static final String ON_TRACK = "on-track";
  public static final String AT_RISK = "at-risk";
  public static final String BREACHED = "breached";
  /** Set by each unit when it starts: how alerts name the record, e.g. "Lead Jane Doe, Acme GmbH (DE, web-form)". */
  public static final String RECORD_TITLE = "recordTitle";

  private SlaVariables() {}
}
