package io.slaflow.support;

import java.time.Instant;

/** A support ticket: the business record of the customer-support unit; its id is the instance's business key. */
public record Ticket(
    String id,
    String externalId,
    String account,
    String contactName,
    String contactEmail,
    String contactPhone,
    String country,
    String category,
    String priority,
    String description,
    Instant createdAt,
    String processInstanceId,
    String status,
    String confirmedBy,
    Instant closedAt,
    int reopened) {

  String title() {
    return "Ticket " + priority + ": " + account + " (" + category + ")";
  }
}
