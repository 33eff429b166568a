package io.slaflow.intake;

/** Lead facts the lead-routing process needs: for its decisions (assignment, SLA policy) and its forms. */
public final class LeadVariables {

  public static final String PROCESS_KEY = "lead-routing";
  public static final String COUNTRY = "country";
  public static final String PRODUCT = "product";
  public static final String SOURCE = "source";
  public static final String INTENT = "intent";
  /** Shown read-only in the "Make first contact" form, so the rep sees whom to contact. */
  public static final String NAME = "leadName";
  public static final String EMAIL = "leadEmail";
  public static final String COMPANY = "leadCompany";

  private LeadVariables() {}
}
