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

  static final String SOURCES =
      "web-form|demo-request|contact-request|chat|content-download|event|referral|partner";
  static final String SOURCES_TEXT =
      "web-form, demo-request, contact-request, chat, content-download, event, referral, partner";
  static final String DEFAULT_INTENT = "medium";

  /** How alerts and lists name the lead. */
  String title() {
    return "Lead " + name + (company == null ? "" : ", " + company) + " (" + country + ", " + source + ")";
  }
}
