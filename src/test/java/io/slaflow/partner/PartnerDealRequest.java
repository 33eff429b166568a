package io.slaflow.partner;

import io.slaflow.unit.RecordFields;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /api/partner-deals}, validated at the edge. */
public record PartnerDealRequest(
    @NotBlank @Size(max = 200) String partner,
    @NotBlank @Size(max = 200) String account,
    @NotBlank @Size(max = 200) String contactName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @RecordFields.Country String country,
    @RecordFields.Product String product,
    @Size(max = 200) String externalId) {}
