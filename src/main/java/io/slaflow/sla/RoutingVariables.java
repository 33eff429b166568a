package io.slaflow.sla;

import static io.slaflow.sla.ProcessVariable.text;

/** The process variables of who owns the work, which routing writes and the SLA clock reads, and routing's messages. */
public final class RoutingVariables {

  /** Chosen by the assignment decision table. */
  public static final ProcessVariable<String> TEAM_ID = text("teamId");
  /** The rep who owns the stage; null while the work waits in the team queue. */
  public static final ProcessVariable<String> OWNER = text("owner");
  public static final ProcessVariable<String> MANAGER_ID = text("managerId");
  /** Everyone who let this record's clock lapse, comma-separated: never routed to again. */
  public static final ProcessVariable<String> LAPSED_OWNERS = text("lapsedOwners");
  public static final ProcessVariable<String> PREVIOUS_OWNER = text("previousOwner");
  public static final ProcessVariable<String> PREVIOUS_SLA_RECORD_ID = text("previousSlaRecordId");

  /** The message that takes a stage away from an owner who went out of office (processes/lead-routing.bpmn). */
  public static final String OWNER_AWAY_MESSAGE = "OwnerAway";
  /** A manager or an administrator sent the lead to another team: its first-contact stage starts there again. */
  public static final String SENT_TO_TEAM_MESSAGE = "SentToTeam";

  private RoutingVariables() {}
}
