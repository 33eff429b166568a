package io.slaflow.unit;

import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;

/**
 * Whom to reach about a record, as every unit names it in its process: the rep's desk shows them on the Record tab
 * (a mail link, a phone link) whatever the unit.
 */
public final class ContactVariables {

  /** The account: the customer's company. */
  public static final ProcessVariable<String> COMPANY = text("company");
  public static final ProcessVariable<String> NAME = text("contactName");
  public static final ProcessVariable<String> EMAIL = text("contactEmail");
  public static final ProcessVariable<String> PHONE = text("contactPhone");

  private ContactVariables() {}
}
