package io.slaflow.pipeline;

/** Names of the process variables and messages of processes/sales-pipeline.bpmn that Java reads or writes. */
public final class PipelineVariables {

  public static final String PROCESS_KEY = "sales-pipeline";
  /** Message start events: marketing hands an MQL over, or a lead qualifier hands an opportunity to an AE. */
  public static final String MQL_RECEIVED = "MqlReceived";
  public static final String OPPORTUNITY_HANDED_OVER = "OpportunityHandedOver";
  /** The prospect answered: ends the follow-up cadence of the closing stage. */
  public static final String PROSPECT_ANSWERED = "ProspectAnswered";

  public static final String KIND = "kind";
  public static final String COUNTRY = "country";
  public static final String PRODUCT = "product";
  public static final String SOURCE = "source";
  public static final String COMPANY = "company";
  public static final String CONTACT_NAME = "contactName";
  public static final String CONTACT_EMAIL = "contactEmail";
  public static final String AMOUNT = "amount";

  /** The stage the opportunity is in; where a reset after a pullback resumes. */
  public static final String STAGE = "pipelineStage";
  /** Chosen when the open-opportunity phase starts: the first stage, or where a reset resumes. */
  public static final String NEXT_STAGE = "nextStage";
  /** Timer instants of processes/sales-pipeline.bpmn, from the policy table. */
  public static final String IDLE_REASSIGN_AT = "idleReassignAt";
  public static final String DEAL_STALLED_AT = "dealStalledAt";
  public static final String STALE_AT = "staleAt";
  public static final String FOLLOW_UP_AT = "followUpAt";
  public static final String DISCOVERY_AT = "discoveryAt";
  /** How the open-opportunity phase ended: won, lost, disqualified or returned (to marketing). */
  public static final String OUTCOME = "pipelineOutcome";
  /** Reps of the team as {value, label} options, for the manager's "new owner" choice. */
  public static final String TEAM_REPS = "teamReps";

  /** Timer elements Java moves when the opportunity is acted on. */
  static final String IDLE_TIMER = "Timer_OpportunityIdle";
  static final String STALLED_TIMER = "Timer_DealStalled";

  private PipelineVariables() {}
}
