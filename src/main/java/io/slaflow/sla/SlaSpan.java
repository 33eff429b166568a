package io.slaflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span in the SLA policy table, written as ISO-8601: {@code PT4H}, {@code P2D}, {@code P1DT4H}. Days are
 * <em>working days</em> on a business clock: {@code P2D} on a 9:00 to 17:00 calendar is 16 working hours, so work
 * started Monday 10:00 is due Wednesday 10:00. On a 24x7 clock a day is 24 hours.
 */
public record SlaSpan(int days, Duration time, String text) {

  private static final Pattern ISO = Pattern.compile("P(?:(\\d+)D)?(?:T.+)?");

  public static SlaSpan parse(String text) {
    Matcher iso = ISO.matcher(text == null ? "" : text.trim());
    if (!iso.matches() || text.trim().equals("P")) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 span such as PT4H, P2D or P1DT4H");
    }
    String trimmed = text.trim();
    int days = iso.group(1) == null ? 0 : Period.parse(trimmed.contains("T")
        ? trimmed.substring(0, trimmed.indexOf('T')) : trimmed).getDays();
    Duration time = trimmed.contains("T") ? Duration.parse("P" + trimmed.substring(trimmed.indexOf('T'))) : Duration.ZERO;
    return new SlaSpan(days, time, trimmed);
  }

  public boolean isZero() {
    return days == 0 && time.isZero();
  }

  /** The instant this span after {@code start} on {@code clock}: days count as the clock's working days. */
  public Instant after(BusinessCalendar clock, Instant start) {
    return clock.addWorkingTime(start, clock.workingDay().multipliedBy(days).plus(time));
  }

  /** The span in elapsed time, for warnings given that long before a due instant. */
  public Duration elapsed() {
    return Duration.ofDays(days).plus(time);
  }

  @Override
  public String toString() {
    return text;
  }
}
