package io.slaflow.calendar;

import java.time.LocalDate;

/**
 * Tells a {@link BusinessCalendar} which dates are days off in addition to the weekend.
 *
 * <p>Implementations are shared between threads by {@link BusinessCalendar}, so they must be
 * thread-safe.
 */
@FunctionalInterface
public interface HolidayCalendar {

  /** Whether the business is closed for the whole of {@code date} (a local date, no zone). */
  boolean isHoliday(LocalDate date);

  /** A calendar without holidays, for businesses that only close at weekends. */
  static HolidayCalendar none() {
    return date -> false;
  }
}
