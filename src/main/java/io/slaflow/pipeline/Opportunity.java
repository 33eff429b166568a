package io.slaflow.pipeline;

import io.slaflow.unit.Money;
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
    String contactPhone,
    String company,
    String country,
    String source,
    String product,
    BigDecimal amount,
    String currency,
    Instant createdAt,
    String processInstanceId,
    String status,
    String statusReason,
    Instant closedAt) {

  /** Marketing handed a qualified lead over: sales accepts or rejects it first. */
  public static final String MQL = "mql";
  /** A lead qualifier handed a qualified opportunity to an account executive. */
  public static final String HANDOFF = "opportunity";

  /**
   * How alerts, cards and lists name the opportunity: its kind and, when known, its amount, as a ticket's title says
   * its priority ("Opportunity EUR 48,000: Acme GmbH, Jane Doe (DE, web-form)").
   */
  String title() {
    String amountInWords = amount == null ? "" : " " + Money.inWords(amount, currency) + ":";
    return (MQL.equals(kind) ? "MQL" : "Opportunity") + amountInWords + " " + company + ", " + contactName + " ("
        + country + ", " + source + ")";
  }
}
