package io.slaflow.contract;

import io.slaflow.unit.Money;
import io.slaflow.web.PlausibleDate;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The JSON body of {@code POST /api/contracts}, validated at the edge. */
public record ContractRequest(
    @NotBlank @Size(max = 200) String account,
    @NotBlank @Size(max = 200) String contactName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code such as DE or US")
        String country,
    @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a product code such as crm-suite") String product,
    @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 12, fraction = 2, message = "must have at most 12 digits and 2 decimals") BigDecimal amount,
    @Money.Code String currency,
    @PlausibleDate LocalDate renewsOn,
    @Size(max = 200) String externalId) {}
