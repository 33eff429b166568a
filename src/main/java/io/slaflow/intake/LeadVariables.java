package io.slaflow.intake;

import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;

/** Lead facts the lead-routing process needs: for its decisions (assignment, SLA policy) and its forms. */
public final class LeadVariables {

  public static final String PROCESS_KEY = "lead-routing";
  /** The BPMN error of a lead that cannot be routed (no record, or a fact the decisions need is missing). */
  public static final String INVALID_ERROR = "LeadInvalid";
  /** The manager's review of an escalated lead; the managers' "Escalations" filter lists these tasks. */
  public static final String REVIEW_ESCALATION_TASK = "Task_ReviewEscalation";
  /** Shown read-only in the "Make first contact" form, so the rep sees whom to contact. */
  public static final ProcessVariable<String> NAME = text("leadName");
  public static final ProcessVariable<String> EMAIL = text("leadEmail");
  public static final ProcessVariable<String> COMPANY = text("leadCompany");
  /** Who sent the lead on from its team's queue to another team, and why (POST /api/leads/{id}/team). */
  public static final ProcessVariable<String> SENT_TO_TEAM_BY = text("sentToTeamBy");
  public static final ProcessVariable<String> SENT_TO_TEAM_REASON = text("sentToTeamReason");

  private LeadVariables() {}
}
