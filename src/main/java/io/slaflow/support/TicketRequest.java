package io.slaflow.support;

import io.slaflow.unit.RecordFields;
import io.slaflow.web.ContactPhone;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /api/tickets}, validated at the edge. */
public record TicketRequest(
    @NotBlank @Pattern(regexp = PRIORITIES, message = "must be one of critical, high, normal, low") String priority,
    @NotBlank @Pattern(regexp = CATEGORIES, message = "must be one of " + CATEGORIES_TEXT) String category,
    @NotBlank @Size(max = 200) String account,
    @NotBlank @Size(max = 200) String contactName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @Pattern(regexp = ContactPhone.PATTERN, message = ContactPhone.MESSAGE) String contactPhone,
    @RecordFields.Country String country,
    @NotBlank @Size(max = 4000) String description,
    @Size(max = 200) String externalId) {

  static final String PRIORITIES = "critical|high|normal|low";
  static final String CATEGORIES = "outage|bug|question|billing|access|other";
  static final String CATEGORIES_TEXT = "outage, bug, question, billing, access, other";
}
