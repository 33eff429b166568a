package io.slaflow.partner;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /api/partner-deals}, validated at the edge. */
public record PartnerDealRequest(
    @NotBlank @Size(max = 200) String partner,
    @NotBlank @Size(max = 200) String account,
    @NotBlank @Size(max = 200) String contactName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code such as DE or US")
        String country,
    @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a product code such as crm-suite") String product,
    @Size(max = 200) String externalId) {}
