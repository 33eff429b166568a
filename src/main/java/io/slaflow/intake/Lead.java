package io.slaflow.intake;

import java.time.Instant;

/** A lead: the business record of the lead-routing unit; its id is the process instance's business key. */
public record Lead(
    String id,
    String externalId,
    String name,
    String email,
    String phone,
    String company,
    String country,
    String source,
    String product,
    String intent,
    Instant createdAt,
    String processInstanceId) {

  /**
   * A source or an intent: a lowercase word (hyphens allowed). Which ones have an SLA of their own is the policy
   * table's business, not the code's ({@link LeadVocabulary}).
   */
  static final String WORD = "[a-z0-9]+(-[a-z0-9]+)*";
  static final String DEFAULT_INTENT = "medium";

  /** How alerts and lists name the lead. */
  String title() {
    return "Lead " + name + (company == null ? "" : ", " + company) + " (" + country + ", " + source + ")";
  }
}
