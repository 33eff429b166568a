package io.slaflow.contract;

import io.slaflow.unit.Money;
import io.slaflow.unit.RecordFields;
import io.slaflow.web.PlausibleDate;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The JSON body of {@code POST /api/contracts}, validated at the edge. */
public record ContractRequest(
    @NotBlank @Size(max = 200) String account,
    @NotBlank @Size(max = 200) String contactName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @RecordFields.Country String country,
    @RecordFields.Product String product,
    @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 12, fraction = 2, message = "must have at most 12 digits and 2 decimals") BigDecimal amount,
    @Money.Code String currency,
    @PlausibleDate LocalDate renewsOn,
    @Size(max = 200) String externalId) {}
