package io.slaflow.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The day the tests run on: the machine's, or with {@code -Dslaflow.test.today=2031-02-28} (or
 * {@code 2031-02-28T03:15}, UTC) that day, so that the suite proves it does not depend on the date it happens to run.
 * The engine clock is offset, not stopped: it still moves, and the job executor still sees time pass. Tests that
 * travel in time set the clock themselves and come back here with {@link #reset()}.
 */
public final class TestToday {

  static final String PROPERTY = "slaflow.test.today";

  private static final String DAY = System.getProperty(PROPERTY, "").trim();
  private static final long OFFSET_MILLIS = offsetMillis();

  private TestToday() {}

  private static long offsetMillis() {
    if (DAY.isEmpty()) {
      return 0;
    }
    Instant now = Instant.now();
    LocalDateTime then = DAY.contains("T")
        ? LocalDateTime.parse(DAY)
        : LocalDate.parse(DAY).atTime(now.atOffset(ZoneOffset.UTC).toLocalTime());
    return Duration.between(now, then.toInstant(ZoneOffset.UTC)).toMillis();
  }

  /** The engine clock back to the tests' present: the machine's clock, moved to the chosen day if there is one. */
  public static void reset() {
    if (OFFSET_MILLIS == 0) {
      ClockUtil.reset();
    } else {
      ClockUtil.offset(OFFSET_MILLIS);
    }
  }

  static String describe() {
    return DAY.isEmpty() ? "the machine's date" : DAY + " (-D" + PROPERTY + ")";
  }

  static String option() {
    return DAY.isEmpty() ? "" : " -D" + PROPERTY + "=" + DAY;
  }
}
