package io.slaflow.org;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The JSON bodies of the organisation API. */
public final class OrgRequests {

  private OrgRequests() {}

  static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d";
  static final String DAY = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY";

  /**
   * {@code PUT /api/org/teams/{id}}. The Slack webhook is never shown back (it is a credential), so leaving it out
   * keeps the team's current one; an empty string removes it.
   */
  public record TeamRequest(
      @NotBlank @Size(max = 200) String name,
      @NotBlank String timeZone,
      @NotBlank @Pattern(regexp = TIME, message = "must be a time such as 09:00") String opens,
      @NotBlank @Pattern(regexp = TIME, message = "must be a time such as 18:00") String closes,
      @NotEmpty List<@Pattern(regexp = DAY, message = "must be a day such as MONDAY") String> workingDays,
      @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO country code such as DE") String holidayCountry,
      @Pattern(regexp = "[a-z0-9/]{1,16}", message = "must be a region code such as be or ny") String holidayRegion,
      String managerId,
      @Size(max = 500) String slackWebhookUrl,
      @Valid OwnHours ownHours) {}

  /** {@code PUT /api/org/people/{id}}. */
  public record PersonRequest(
      @NotBlank @Size(max = 100) String firstName,
      @NotBlank @Size(max = 100) String lastName,
      @NotBlank @Email String email,
      @NotNull Person.Role role,
      @NotBlank String teamId,
      List<String> territories,
      List<String> products,
      @Min(0) Integer capacity,
      String reportsTo) {}
}
