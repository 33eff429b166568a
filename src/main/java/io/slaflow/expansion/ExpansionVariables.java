package io.slaflow.expansion;

import static io.slaflow.sla.ProcessVariable.any;
import static io.slaflow.sla.ProcessVariable.instant;
import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;
import java.time.Instant;

/**
 * The process variables of processes/expansion.bpmn that Java reads or writes, each with its type; beside them every
 * signal has the contact and the account (ContactVariables), its country, product and strength (DecisionFacts: the
 * strength is the policy table's intent).
 */
public final class ExpansionVariables {

  public static final String PROCESS_KEY = "expansion";
  /** The message an intake system's signal starts the unit with. */
  public static final String RECEIVED_MESSAGE = "SignalReceived";

  /** What the intake system saw, as it sent it. */
  public static final ProcessVariable<String> SIGNAL_KIND = text("signalKind");
  public static final ProcessVariable<String> SIGNAL_NOTE = text("signalNote");
  /** Form: the qualification's outcome (upsell, cross-sell or hold), and for a hold its reason and revisit date. */
  public static final ProcessVariable<String> SIGNAL_OUTCOME = text("signalOutcome");
  public static final ProcessVariable<String> HOLD_REASON = text("holdReason");
  /** A date field: ISO text from the form, or a Date through the REST API; its first ten characters are the date. */
  public static final ProcessVariable<Object> REVISIT_ON = any("revisitOn");
  /** 09:00 of the revisit date on the team's clock: the held signal's timer. */
  public static final ProcessVariable<Instant> REVISIT_AT = instant("revisitAt");

  private ExpansionVariables() {}
}
