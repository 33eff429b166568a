package io.slaflow.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body of {@code POST /api/opportunities/{id}/activities}: what the rep did, or what the prospect did. */
public record ActivityRequest(
    @NotBlank @Pattern(regexp = KINDS, message = "must be one of " + KINDS_TEXT) String kind,
    @Size(max = 2000) String note) {

  static final String KINDS = "call|email|meeting|note|prospect-replied";
  static final String KINDS_TEXT = "call, email, meeting, note, prospect-replied";
  /** The kinds above as a rep reads them, in the same order. */
  public static final Map<String, String> KINDS_IN_WORDS = kindsInWords();
  /** The prospect answered: the follow-up reminders stop. */
  static final String PROSPECT_REPLIED = "prospect-replied";

  private static Map<String, String> kindsInWords() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put("call", "Call");
    words.put("email", "Email");
    words.put("meeting", "Meeting");
    words.put("note", "Note");
    words.put("prospect-replied", "The prospect replied");
    if (!String.join("|", words.keySet()).equals(KINDS)) {
      throw new IllegalStateException("The kinds in words are not the kinds accepted: " + KINDS);
    }
    return Collections.unmodifiableMap(words);
  }
}
