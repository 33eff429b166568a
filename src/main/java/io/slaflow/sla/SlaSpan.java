package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span in the SLA policy table, written as ISO-8601: {@code PT4H}, {@code P2D}, {@code P1DT4H}. Days are
 * <em>working days</em> on a business clock: {@code P2D} on a 9:00 to 17:00 calendar is 16 working hours, so work
 * started Monday 10:00 is due Wednesday 10:00. On a 24x7 clock a day is 24 hours.
 */
public record SlaSpan(int days, Duration time, String text) {

  private static final Pattern ISO = Pattern.compile("P(?:(\\d{1,9})D)?(?:T[0-9.HMS]+)?");

  /**
   * The longest span the policy may name: beyond a year an SLA is a typo, and adding it on a business calendar walks
   * every day in between on a job thread.
   */
  public static final Duration LONGEST = Duration.ofDays(366);

  /**
   * The span, or {@link IllegalArgumentException} saying why not: not ISO-8601, negative in any part ({@code PT-1H},
   * {@code P1DT-8H}, which would silently shorten the day), or longer than {@link #LONGEST}. The policy table is
   * checked with this at deployment, and read with it when a stage starts.
   */
  public static SlaSpan parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher iso = ISO.matcher(trimmed);
    if (!iso.matches() || trimmed.equals("P") || trimmed.endsWith("T")) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 span such as PT4H, P2D or P1DT4H"
          + " (no negative parts)");
    }
    int days = iso.group(1) == null ? 0 : Integer.parseInt(iso.group(1));
    Duration time;
    try {
      time = trimmed.contains("T") ? Duration.parse("P" + trimmed.substring(trimmed.indexOf('T'))) : Duration.ZERO;
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 span such as PT4H, P2D or P1DT4H");
    }
    if (Duration.ofDays(days).plus(time).compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("'" + text + "' is longer than " + LONGEST.toDays() + " days");
    }
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
