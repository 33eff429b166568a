package io.slaflow.pipeline;

import static io.slaflow.sla.ProcessVariable.any;
import static io.slaflow.sla.ProcessVariable.decimal;
import static io.slaflow.sla.ProcessVariable.instant;
import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The process variables, messages and elements of processes/sales-pipeline.bpmn that Java reads or writes, each
 * variable with its type. Forms write the ones marked "form".
 */
public final class PipelineVariables {

  public static final String PROCESS_KEY = "sales-pipeline";
  /** Message start events: marketing hands an MQL over, or a lead qualifier hands an opportunity to an AE. */
  public static final String MQL_RECEIVED_MESSAGE = "MqlReceived";
  public static final String HANDED_OVER_MESSAGE = "OpportunityHandedOver";
  /** The prospect answered: ends the follow-up cadence of the closing stage. */
  public static final String PROSPECT_ANSWERED_MESSAGE = "ProspectAnswered";

  public static final ProcessVariable<String> KIND = text("kind");
  public static final ProcessVariable<BigDecimal> AMOUNT = decimal("amount");
  public static final ProcessVariable<String> CURRENCY = text("currency");

  /** The stage the opportunity is in; where a reset after a pullback resumes. */
  public static final ProcessVariable<String> STAGE = text("pipelineStage");
  /** Chosen when the open-opportunity phase starts: the first stage, or where a reset resumes. */
  public static final ProcessVariable<String> NEXT_STAGE = text("nextStage");
  /** Timer instants of processes/sales-pipeline.bpmn, from the policy table. */
  public static final ProcessVariable<Instant> IDLE_REASSIGN_AT = instant("idleReassignAt");
  public static final ProcessVariable<Instant> DEAL_STALLED_AT = instant("dealStalledAt");
  public static final ProcessVariable<Instant> STALE_AT = instant("staleAt");
  public static final ProcessVariable<Instant> FOLLOW_UP_AT = instant("followUpAt");
  public static final ProcessVariable<Instant> DISCOVERY_AT = instant("discoveryAt");
  public static final ProcessVariable<Instant> STALLED_REVIEW_DUE_AT = instant("stalledReviewDueAt");
  /** How the open-opportunity phase ended: won, lost, disqualified or returned (to marketing). */
  public static final ProcessVariable<String> OUTCOME = text("pipelineOutcome");
  /** Reps of the team as {value, label} options (a JSON variable), for the manager's "new owner" choice. */
  public static final ProcessVariable<Object> TEAM_REPS = any("teamReps");

  /** Form: the discovery call's date and time (a Date, or text with or without an offset). */
  public static final ProcessVariable<Object> DISCOVERY_DATE = any("discoveryDate");
  /** Form: why sales rejected the MQL or found it not sales-ready. */
  public static final ProcessVariable<String> REJECT_REASON = text("rejectReason");
  /** Form: the manager's new owner and next step after a pullback. */
  public static final ProcessVariable<String> NEW_OWNER = text("newOwner");
  public static final ProcessVariable<String> NEXT_STEP = text("nextStep");
  /** Form: the amount a won deal closed at. */
  public static final ProcessVariable<BigDecimal> WON_AMOUNT = decimal("wonAmount");

  /** Timer elements Java moves when the opportunity is acted on. */
  public static final String IDLE_TIMER = "Timer_OpportunityIdle";
  public static final String STALLED_TIMER = "Timer_DealStalled";

  private PipelineVariables() {}
}
