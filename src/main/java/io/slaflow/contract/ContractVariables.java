package io.slaflow.contract;

import static io.slaflow.sla.ProcessVariable.decimal;
import static io.slaflow.sla.ProcessVariable.instant;
import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The process variables of processes/onboarding.bpmn and processes/renewal.bpmn that Java reads or writes, each with
 * its type; beside them every contract has the contact and the account (ContactVariables) and its country and
 * product (DecisionFacts).
 */
public final class ContractVariables {

  public static final String ONBOARDING_PROCESS_KEY = "onboarding";
  public static final String RENEWAL_PROCESS_KEY = "renewal";
  /** Messages: a signed contract starts onboarding and schedules its renewal; an account at risk. */
  public static final String SIGNED_MESSAGE = "ContractSigned";
  public static final String RENEWAL_MESSAGE = "RenewalScheduled";
  public static final String RISK_MESSAGE = "RenewalRisk";

  public static final ProcessVariable<BigDecimal> AMOUNT = decimal("amount");
  public static final ProcessVariable<String> CURRENCY = text("currency");
  /** The won deal the contract came from, if any. */
  public static final ProcessVariable<String> OPPORTUNITY_ID = text("opportunityId");
  /** The rep who won the deal: onboarding goes to them. */
  public static final ProcessVariable<String> ACCOUNT_EXECUTIVE = text("accountExecutive");
  /** The renewal date as ISO text (yyyy-MM-dd), as the renewal's forms show it. */
  public static final ProcessVariable<String> RENEWS_ON = text("renewsOn");
  /** When each renewal stage opens: 120, 90 and 60 days before the renewal date, 09:00 on the team's clock. */
  public static final ProcessVariable<Instant> ACCOUNT_REVIEW_AT = instant("accountReviewAt");
  public static final ProcessVariable<Instant> PROPOSAL_AT = instant("proposalAt");
  public static final ProcessVariable<Instant> NEGOTIATION_AT = instant("negotiationAt");
  public static final ProcessVariable<String> RISK_REASON = text("riskReason");
  /** The timers of processes/renewal.bpmn that wait for each stage's opening; a new renewal date moves them. */
  public static final String ACCOUNT_REVIEW_TIMER = "Timer_AccountReview";
  public static final String PROPOSAL_TIMER = "Timer_RenewalProposal";
  public static final String NEGOTIATION_TIMER = "Timer_Negotiation";
  /** Form: how the renewal closed, and why. */
  public static final ProcessVariable<String> RENEWAL_OUTCOME = text("renewalOutcome");
  public static final ProcessVariable<String> RENEWAL_REASON = text("renewalReason");

  private ContractVariables() {}
}
