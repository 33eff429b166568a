package io.slaflow.intake;

import static io.slaflow.sla.ProcessVariable.text;

import io.slaflow.sla.ProcessVariable;

/** Lead facts the lead-routing process needs: for its decisions (assignment, SLA policy) and its forms. */
public final class LeadVariables {

  public static final String PROCESS_KEY = "lead-routing";
  public static final ProcessVariable<String> COUNTRY = text("country");
  public static final ProcessVariable<String> PRODUCT = text("product");
  public static final ProcessVariable<String> SOURCE = text("source");
  public static final ProcessVariable<String> INTENT = text("intent");
  /** Shown read-only in the "Make first contact" form, so the rep sees whom to contact. */
  public static final ProcessVariable<String> NAME = text("leadName");
  public static final ProcessVariable<String> EMAIL = text("leadEmail");
  public static final ProcessVariable<String> COMPANY = text("leadCompany");

  private LeadVariables() {}
}
