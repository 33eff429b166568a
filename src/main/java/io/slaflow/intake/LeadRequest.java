package io.slaflow.intake;

import io.slaflow.unit.RecordFields;
import io.slaflow.web.ContactPhone;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /api/leads}, validated at the edge. */
public record LeadRequest(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Email @Size(max = 254) String email,
    @Pattern(regexp = ContactPhone.PATTERN, message = ContactPhone.MESSAGE) String phone,
    @Size(max = 200) String company,
    @RecordFields.Country String country,
    @NotBlank @Size(max = 32) @Pattern(regexp = Lead.WORD, message = "must be a source code such as web-form")
        String source,
    @RecordFields.Product String product,
    @Size(max = 16) @Pattern(regexp = Lead.WORD, message = "must be an intent such as high") String intent,
    @Size(max = 200) String externalId) {}
