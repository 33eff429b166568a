package io.slaflow.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /api/opportunities/{id}/activities}: what the rep did, or what the prospect did. */
public record ActivityRequest(
    @NotBlank @Pattern(regexp = KINDS, message = "must be one of " + KINDS_TEXT) String kind,
    @Size(max = 2000) String note) {

  static final String KINDS = "call|email|meeting|note|prospect-replied";
  static final String KINDS_TEXT = "call, email, meeting, note, prospect-replied";
  /** The prospect answered: the follow-up reminders stop. */
  static final String PROSPECT_REPLIED = "prospect-replied";
}
