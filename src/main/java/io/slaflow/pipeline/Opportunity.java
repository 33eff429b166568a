package io.slaflow.pipeline;

import java.math.BigDecimal;
import java.time.Instant;

/** An opportunity: the business record of the sales-pipeline unit; its id is the process instance's business key. */
public record Opportunity(
    String id,
    String externalId,
    String kind,
    String leadId,
    String contactName,
    String contactEmail,
    String company,
    String country,
    String source,
    String product,
    BigDecimal amount,
    Instant createdAt,
    String processInstanceId,
    String status,
    String statusReason,
    Instant closedAt) {

  /** Marketing handed a qualified lead over: sales accepts or rejects it first. */
  public static final String MQL = "mql";
  /** A lead qualifier handed a qualified opportunity to an account executive. */
  public static final String HANDOFF = "opportunity";

  /** How alerts and lists name the opportunity. */
  String title() {
    return (MQL.equals(kind) ? "MQL " : "Opportunity ") + company + ", " + contactName + " (" + country + ", "
        + source + ")";
  }
}
