package io.slaflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Measures and adds business time: time inside daily working hours on working days that are not
 * holidays, in one time zone. Immutable and thread-safe if its {@link HolidayCalendar} is.
 *
 * <p>Working hours are wall-clock times. A day's working interval is {@code [opens, closes)} of
 * that local date, each end resolved with {@link ZonedDateTime#of}: a daylight-saving switch that
 * falls inside the working hours makes that one day an hour shorter or longer in real time, one
 * outside them (as in Europe and North America, where the switch is at night) changes nothing.
 */
public final class BusinessCalendar {

  // A holiday calendar that marks every day would otherwise make the search for the next
  // opening loop forever; ten years is far beyond any SLA.
  private static final int MAX_DAYS_SEARCHED = 10 * 366;

  private final ZoneId zone;
  private final LocalTime opens;
  private final LocalTime closes;
  private final Set<DayOfWeek> workingDays;
  private final HolidayCalendar holidays;
  private final boolean alwaysOpen;
  private final Hours standard;
  private final Map<DayOfWeek, Hours> weekdayHours;
  private final Map<LocalDate, Hours> dateHours;

  /** A day's working hours: from {@code opens} (inclusive) to {@code closes} (exclusive) local time. */
  public record Hours(LocalTime opens, LocalTime closes) {

    /** The company does not work that day (a company holiday): in the date overrides only. */
    public static final Hours CLOSED = new Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public boolean closed() {
      return !opens.isBefore(closes);
    }
  }

  private BusinessCalendar(
      ZoneId zone,
      LocalTime opens,
      LocalTime closes,
      Set<DayOfWeek> workingDays,
      HolidayCalendar holidays,
      boolean alwaysOpen,
      Map<DayOfWeek, Hours> weekdayHours,
      Map<LocalDate, Hours> dateHours) {
    this.zone = zone;
    this.opens = opens;
    this.closes = closes;
    this.workingDays = workingDays;
    this.holidays = holidays;
    this.alwaysOpen = alwaysOpen;
    this.standard = new Hours(opens, closes);
    this.weekdayHours = weekdayHours;
    this.dateHours = dateHours;
  }

  /**
   * A business open from {@code opens} (inclusive) to {@code closes} (exclusive) local time on
   * each of {@code workingDays} that {@code holidays} does not mark as a holiday.
   *
   * @throws IllegalArgumentException if an argument is null, {@code workingDays} is empty, or
   *     {@code opens} is not before {@code closes} (shifts over midnight are not supported)
   */
  public static BusinessCalendar workingHours(
      ZoneId zone,
      LocalTime opens,
      LocalTime closes,
      Set<DayOfWeek> workingDays,
      HolidayCalendar holidays) {
    requireArgument(zone, "zone");
    requireArgument(opens, "opens");
    requireArgument(closes, "closes");
    requireArgument(workingDays, "workingDays");
    requireArgument(holidays, "holidays");
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException(
          "opens (" + opens + ") must be before closes (" + closes
              + "); working hours over midnight are not supported");
    }
    if (workingDays.isEmpty()) {
      throw new IllegalArgumentException("workingDays must contain at least one day");
    }
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek day : workingDays) {
      requireArgument(day, "each of workingDays");
      days.add(day);
    }
    return new BusinessCalendar(
        zone, opens, closes, Collections.unmodifiableSet(days), holidays, false, Map.of(), Map.of());
  }

  /**
   * This calendar with the team's own hours on top: weekdays with hours of their own (a Friday that closes at 13:00,
   * a Saturday shift; a weekday listed is a working day), and dates of the company's own, which win over weekdays and
   * public holidays alike (a half day, a public holiday the team works, or {@link Hours#CLOSED} for a company
   * holiday).
   *
   * @throws IllegalArgumentException if this calendar is open around the clock, or hours other than
   *     {@link Hours#CLOSED} do not open before they close
   */
  public BusinessCalendar withOwnHours(Map<DayOfWeek, Hours> weekdays, Map<LocalDate, Hours> dates) {
    if (alwaysOpen) {
      throw new IllegalArgumentException("a calendar open around the clock has no hours of its own");
    }
    weekdays.values().forEach(hours -> requireOpening(hours, "weekday hours"));
    dates.values().stream().filter(hours -> hours != Hours.CLOSED).forEach(hours -> requireOpening(hours, "dates"));
    return new BusinessCalendar(zone, opens, closes, workingDays, holidays, false, Map.copyOf(weekdays),
        Map.copyOf(dates));
  }

  private static void requireOpening(Hours hours, String what) {
    requireArgument(hours, what);
    if (hours.closed()) {
      throw new IllegalArgumentException(what + ": " + hours.opens() + " must be before " + hours.closes());
    }
  }

  /**
   * The hours the business works on {@code date}, empty when it does not work that day: the company's date of its
   * own first, then public holidays, then the weekday's hours, then the standard hours on the working days.
   */
  public Optional<Hours> hoursOn(LocalDate date) {
    if (alwaysOpen) {
      return Optional.of(new Hours(LocalTime.MIDNIGHT, LocalTime.MAX));
    }
    Hours own = dateHours.get(date);
    if (own != null) {
      return own.closed() ? Optional.empty() : Optional.of(own);
    }
    if (holidays.isHoliday(date)) {
      return Optional.empty();
    }
    Hours weekday = weekdayHours.get(date.getDayOfWeek());
    if (weekday != null) {
      return Optional.of(weekday);
    }
    return workingDays.contains(date.getDayOfWeek()) ? Optional.of(standard) : Optional.empty();
  }

  /** A business that never closes: business time is plain elapsed time, with no holidays. */
  public static BusinessCalendar twentyFourSeven(ZoneId zone) {
    requireArgument(zone, "zone");
    return new BusinessCalendar(
        zone,
        LocalTime.MIDNIGHT,
        LocalTime.MAX,
        Collections.unmodifiableSet(EnumSet.allOf(DayOfWeek.class)),
        HolidayCalendar.none(),
        true,
        Map.of(),
        Map.of());
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * The working time of one full working day of the standard hours: what a business day in the SLA policy table
   * means, also on a team whose Fridays are short.
   */
  public Duration workingDay() {
    return alwaysOpen ? Duration.ofDays(1) : Duration.between(opens, closes);
  }

  /** Whether {@code instant} lies within working hours of a working day that is no holiday. */
  public boolean isOpen(Instant instant) {
    requireArgument(instant, "instant");
    if (alwaysOpen) {
      return true;
    }
    LocalDate date = instant.atZone(zone).toLocalDate();
    Optional<Hours> hours = hoursOn(date);
    return hours.isPresent() && !instant.isBefore(openingOn(date, hours.get()))
        && instant.isBefore(closingOn(date, hours.get()));
  }

  /** {@code instant} itself if the business is open then, otherwise the next moment it opens. */
  public Instant nextOpening(Instant instant) {
    requireArgument(instant, "instant");
    if (alwaysOpen) {
      return instant;
    }
    return openIntervalAtOrAfter(instant).start;
  }

  /**
   * The instant at which {@code duration} of business time has elapsed, counting from {@code
   * start}, or from the next opening if the business is closed at {@code start}.
   *
   * <p>A result exactly at closing time stays there rather than moving to the next opening: 4 h
   * from 13:00 with hours 09:00-17:00 ends at 17:00 the same day, because that is when the time
   * has been worked. A zero duration, though, returns {@link #nextOpening(Instant)
   * nextOpening(start)} for a working-hours calendar (and {@code start} for a 24x7 calendar):
   * the clock never starts while the business is closed, so a deadline of "no time at all" for a
   * request received on Saturday is Monday's opening, not Saturday.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public Instant addWorkingTime(Instant start, Duration duration) {
    requireArgument(start, "start");
    requireArgument(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "duration must not be negative, was " + duration);
    }
    if (alwaysOpen) {
      return start.plus(duration);
    }
    Interval interval = openIntervalAtOrAfter(start);
    Duration remaining = duration;
    while (true) {
      Duration available = Duration.between(interval.start, interval.end);
      if (remaining.compareTo(available) <= 0) {
        return interval.start.plus(remaining);
      }
      remaining = remaining.minus(available);
      interval = openIntervalAtOrAfter(interval.end);
    }
  }

  /** Business time within {@code [from, to)}; zero if {@code to} is not after {@code from}. */
  public Duration workingTimeBetween(Instant from, Instant to) {
    requireArgument(from, "from");
    requireArgument(to, "to");
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (alwaysOpen) {
      return Duration.between(from, to);
    }
    Duration total = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate date = from.atZone(zone).toLocalDate();
        !date.isAfter(last);
        date = date.plusDays(1)) {
      Optional<Hours> hours = hoursOn(date);
      if (hours.isEmpty()) {
        continue;
      }
      Instant start = latest(openingOn(date, hours.get()), from);
      Instant end = earliest(closingOn(date, hours.get()), to);
      if (start.isBefore(end)) {
        total = total.plus(Duration.between(start, end));
      }
    }
    return total;
  }

  /**
   * The open interval containing {@code instant}, cut to start at it, or else the first whole
   * open interval after it.
   */
  private Interval openIntervalAtOrAfter(Instant instant) {
    LocalDate first = instant.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS_SEARCHED; i++) {
      LocalDate date = first.plusDays(i);
      Optional<Hours> hours = hoursOn(date);
      if (hours.isEmpty()) {
        continue;
      }
      Instant opening = openingOn(date, hours.get());
      Instant closing = closingOn(date, hours.get());
      // Only possible when a daylight-saving gap swallows the working hours of that day.
      if (!opening.isBefore(closing)) {
        continue;
      }
      if (instant.isBefore(closing)) {
        return new Interval(latest(opening, instant), closing);
      }
    }
    throw new IllegalStateException(
        "No working time within " + MAX_DAYS_SEARCHED + " days after " + instant
            + "; does the holiday calendar mark every working day?");
  }

  private Instant openingOn(LocalDate date, Hours hours) {
    return ZonedDateTime.of(date, hours.opens(), zone).toInstant();
  }

  private Instant closingOn(LocalDate date, Hours hours) {
    return ZonedDateTime.of(date, hours.closes(), zone).toInstant();
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void requireArgument(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  @Override
  public String toString() {
    if (alwaysOpen) {
      return "BusinessCalendar[24x7, " + zone + "]";
    }
    return "BusinessCalendar[" + zone + ", " + opens + "-" + closes + ", " + workingDays + ", " + weekdayHours + ", "
        + dateHours.size() + " dates of its own, " + holidays + "]";
  }

  private record Interval(Instant start, Instant end) {}
}
