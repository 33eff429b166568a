package io.slaflow.expansion;

import io.slaflow.unit.RecordFields;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /api/signals}, validated at the edge. */
public record SignalRequest(
    @NotBlank @Size(max = 200) String account,
    @NotBlank @Size(max = 200) String contactName,
    @NotBlank @Email @Size(max = 254) String contactEmail,
    @RecordFields.Country String country,
    @RecordFields.Product String product,
    @NotBlank @Pattern(regexp = "usage|outcome", message = "must be usage or outcome") String kind,
    @NotBlank @Pattern(regexp = "low|medium|high", message = "must be low, medium or high") String strength,
    @Size(max = 2000) String note,
    @Size(max = 200) String externalId) {}
