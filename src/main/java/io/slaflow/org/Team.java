package io.slaflow.org;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** A team: the unit that owns routed work, with its own business hours and manager. */
public record Team(
    String id,
    String name,
    ZoneId zone,
    LocalTime opens,
    LocalTime closes,
    Set<DayOfWeek> workingDays,
    String holidayCountry,
    String holidayRegion,
    String managerId,
    @JsonIgnore String slackWebhookUrl,
    OwnHours ownHours) {

  /**
   * How the API shows the team's Slack webhook: scheme and host only. The full URL is a credential (whoever has it
   * can post to the channel), so it is written, never read back.
   */
  @JsonProperty("slackWebhook")
  public String slackWebhookShown() {
    if (slackWebhookUrl == null) {
      return null;
    }
    URI uri = URI.create(slackWebhookUrl);
    return uri.getScheme() + "://" + uri.getAuthority() + "/...";
  }
}
