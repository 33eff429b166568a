package io.slaflow.sla;

import static io.slaflow.sla.ProcessVariable.text;

/**
 * The facts of a record that the process owner's decision tables read, by the same names in every unit:
 * lead-assignment.dmn routes on country and product, sla-policy.dmn picks the SLA by source, intent and priority
 * (beside the unit, the stage and whether the work waits in the team queue, which the SLA clock adds).
 */
public final class DecisionFacts {

  public static final ProcessVariable<String> COUNTRY = text("country");
  public static final ProcessVariable<String> PRODUCT = text("product");
  public static final ProcessVariable<String> SOURCE = text("source");
  public static final ProcessVariable<String> INTENT = text("intent");
  /** A ticket's: critical, high, normal or low. */
  public static final ProcessVariable<String> PRIORITY = text("priority");

  private DecisionFacts() {}
}
