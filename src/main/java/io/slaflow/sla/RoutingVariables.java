package io.slaflow.sla;

/** Names of the process variables routing reads and writes. */
public final class RoutingVariables {

  /** Chosen by the assignment decision table. */
  public static final String TEAM_ID = "teamId";
  /** The rep who owns the stage; null while the work waits in the team queue. */
  public static final String OWNER = "owner";
  public static final String MANAGER_ID = "managerId";
  /** Everyone who let this record's clock lapse, comma-separated: never routed to again. */
  public static final String LAPSED_OWNERS = "lapsedOwners";
  public static final String PREVIOUS_OWNER = "previousOwner";
  public static final String PREVIOUS_SLA_RECORD_ID = "previousSlaRecordId";

  /** The message that takes a stage away from an owner who went out of office (processes/lead-routing.bpmn). */
  public static final String OWNER_AWAY_MESSAGE = "OwnerAway";
  /** A manager or an administrator sent the lead to another team: its first-contact stage starts there again. */
  public static final String SENT_TO_TEAM_MESSAGE = "SentToTeam";

  private RoutingVariables() {}
}
