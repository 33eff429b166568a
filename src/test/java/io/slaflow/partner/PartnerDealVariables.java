package io.slaflow.partner;

import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;

/** The test-only partner-registration unit's process key, message and variables (beside the kit's shared ones). */
public final class PartnerDealVariables {

  public static final String PROCESS_KEY = "partner-registration";
  public static final String REGISTERED_MESSAGE = "PartnerDealRegistered";

  public static final ProcessVariable<String> PARTNER = text("partner");
  /** Form: approved or rejected, and why. */
  public static final ProcessVariable<String> DECISION = text("registrationDecision");
  public static final ProcessVariable<String> REASON = text("decisionReason");

  private PartnerDealVariables() {}
}
