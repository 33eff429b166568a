package io.slaflow.support;

import static io.slaflow.sla.ProcessVariable.instant;
import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;
import java.time.Instant;

/**
 * The process variables of processes/customer-support.bpmn that Java reads or writes, each with its type; beside
 * them every ticket has the contact (ContactVariables) and its country and priority (DecisionFacts).
 */
public final class SupportVariables {

  public static final String PROCESS_KEY = "customer-support";
  /** Messages: a ticket opens the unit; the customer confirms a resolution or reopens the ticket. */
  public static final String OPENED_MESSAGE = "TicketOpened";
  public static final String CONFIRMED_MESSAGE = "ResolutionConfirmed";
  public static final String REOPENED_MESSAGE = "TicketReopened";

  public static final ProcessVariable<String> CATEGORY = text("category");
  public static final ProcessVariable<String> ACCOUNT = text("account");
  public static final ProcessVariable<String> DESCRIPTION = text("description");
  /** When a resolution the customer does not answer counts as confirmed. */
  public static final ProcessVariable<Instant> AUTO_CONFIRM_AT = instant("autoConfirmAt");
  /** Who confirmed the resolution: "customer" through the API; unset when silence confirmed it. */
  public static final ProcessVariable<String> CONFIRMED_BY = text("confirmedBy");
  public static final ProcessVariable<String> REOPEN_REASON = text("reopenReason");

  private SupportVariables() {}
}
