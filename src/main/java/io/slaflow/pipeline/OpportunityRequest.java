package io.slaflow.pipeline;

import io.slaflow.unit.Money;
import io.slaflow.unit.RecordFields;
import io.slaflow.web.ContactPhone;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The JSON body of {@code POST /api/mqls} and {@code POST /api/opportunities}, validated at the edge. */
public record OpportunityRequest(
    @NotBlank @Size(max = 200) String contactName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @Pattern(regexp = ContactPhone.PATTERN, message = ContactPhone.MESSAGE) String contactPhone,
    @NotBlank @Size(max = 200) String company,
    @RecordFields.Country String country,
    @NotBlank @Pattern(regexp = SOURCES, message = "must be one of " + SOURCES_TEXT) String source,
    @RecordFields.Product String product,
    @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 12, fraction = 2, message = "must have at most 12 digits and 2 decimals") BigDecimal amount,
    @Money.Code String currency,
    @Size(max = 200) String externalId) {

  static final String SOURCES =
      "web-form|demo-request|contact-request|chat|content-download|event|referral|partner|outbound|expansion";
  static final String SOURCES_TEXT =
      "web-form, demo-request, contact-request, chat, content-download, event, referral, partner, outbound, expansion";
}
