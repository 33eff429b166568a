package io.slaflow.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Proves the rules of {@link BusinessCalendar}, one rule per test. */
// A calendar bug tends to show up as an endless search for the next opening, not a wrong answer.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class BusinessCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final Set<DayOfWeek> WEEKDAYS = EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);

  static final HolidayCalendar BERLIN_HOLIDAYS = JollydayHolidays.of("DE", "be");
  static final HolidayCalendar NEW_YORK_HOLIDAYS = JollydayHolidays.of("US", "ny");

  /** 09:00-18:00, Monday to Friday, Berlin public holidays: 9 h a day. */
  public static final BusinessCalendar BERLIN_9_TO_18 =
      BusinessCalendar.workingHours(
          BERLIN, LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, BERLIN_HOLIDAYS);

  /** 09:00-17:00, Monday to Friday, Berlin public holidays: 8 h a day. */
  static final BusinessCalendar BERLIN_9_TO_17 =
      BusinessCalendar.workingHours(
          BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0), WEEKDAYS, BERLIN_HOLIDAYS);

  /** 09:00-17:00, Monday to Friday, New York public holidays. */
  static final BusinessCalendar NEW_YORK_9_TO_17 =
      BusinessCalendar.workingHours(
          NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0), WEEKDAYS, NEW_YORK_HOLIDAYS);

  /** 09:00-18:00, Monday to Friday, no holidays at all. */
  static final BusinessCalendar BERLIN_NO_HOLIDAYS =
      BusinessCalendar.workingHours(
          BERLIN, LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, HolidayCalendar.none());

  static final BusinessCalendar BERLIN_24X7 = BusinessCalendar.twentyFourSeven(BERLIN);
  static final BusinessCalendar NEW_YORK_24X7 = BusinessCalendar.twentyFourSeven(NEW_YORK);

  public static Instant berlin(String localDateTime) {
    return at(BERLIN, localDateTime);
  }

  static Instant newYork(String localDateTime) {
    return at(NEW_YORK, localDateTime);
  }

  static Instant at(ZoneId zone, String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  static LocalDateTime local(BusinessCalendar calendar, Instant instant) {
    return LocalDateTime.ofInstant(instant, calendar.zone());
  }

  static Duration hours(double hours) {
    return Duration.ofMinutes(Math.round(hours * 60));
  }

  @Nested
  class AddWorkingTime {

    @Test
    void additionWithinOneDayStaysOnThatDay() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-10T10:00"), hours(3));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-10T13:00");
    }

    @Test
    void timeBeyondClosingContinuesAtNextDaysOpening() {
      // Tuesday 16:00 + 4 h = 2 h on Tuesday + 2 h on Wednesday.
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-10T16:00"), hours(4));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-11T11:00");
    }

    @Test
    void fridayAfternoonPlusFourHoursEndsMondayMorningWithNineToSix() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-13T16:30"), hours(4));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-16T11:30");
    }

    @Test
    void fridayFourPmPlusFourHoursEndsMondayNoonWithNineToFive() {
      Instant end = BERLIN_9_TO_17.addWorkingTime(berlin("2026-03-13T16:00"), hours(4));
      assertThat(local(BERLIN_9_TO_17, end)).isEqualTo("2026-03-16T12:00");
    }

    @Test
    void resultExactlyAtClosingTimeStaysAtClosingTime() {
      Instant end = BERLIN_9_TO_17.addWorkingTime(berlin("2026-03-10T13:00"), hours(4));
      assertThat(local(BERLIN_9_TO_17, end)).isEqualTo("2026-03-10T17:00");
    }

    @Test
    void startInTheEveningStartsTheClockAtNextOpening() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-10T22:00"), hours(1));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-11T10:00");
    }

    @Test
    void startBeforeOpeningStartsTheClockAtOpeningSameDay() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-10T07:15"), hours(1));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-10T10:00");
    }

    @Test
    void startOnSaturdayStartsTheClockOnMonday() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-14T10:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-16T11:00");
    }

    @Test
    void startOnGoodFridayStartsTheClockAfterEasterMonday() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-04-03T10:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-04-07T11:00");
    }

    @Test
    void startAtClosingTimeStartsTheClockNextWorkingDay() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-13T18:00"), hours(1));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-16T10:00");
    }

    @Test
    void zeroDurationFromAnOpenInstantReturnsThatInstant() {
      Instant start = berlin("2026-03-10T11:11:11.5");
      assertThat(BERLIN_9_TO_18.addWorkingTime(start, Duration.ZERO)).isEqualTo(start);
    }

    @Test
    void zeroDurationFromAClosedInstantReturnsTheNextOpening() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-13T19:00"), Duration.ZERO);
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-16T09:00");
    }

    @Test
    void zeroDurationAtClosingTimeReturnsTheNextOpeningNotTheClosingTime() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-10T18:00"), Duration.ZERO);
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-11T09:00");
    }

    @Test
    void negativeDurationIsRejected() {
      assertThatThrownBy(
              () -> BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-10T10:00"), hours(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative");
    }

    @Test
    void negativeDurationIsRejectedIn24x7ModeToo() {
      assertThatThrownBy(() -> BERLIN_24X7.addWorkingTime(Instant.EPOCH, Duration.ofNanos(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative");
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
      assertThatThrownBy(() -> BERLIN_9_TO_18.addWorkingTime(null, hours(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("start");
      assertThatThrownBy(() -> BERLIN_9_TO_18.addWorkingTime(Instant.EPOCH, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duration");
    }

    @Test
    void subMinutePrecisionIsKept() {
      Instant end =
          BERLIN_9_TO_18.addWorkingTime(
              berlin("2026-03-10T17:59:59.999999999"), Duration.ofNanos(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-11T09:00:00.000000001");
    }
  }

  @Nested
  class MultiDayDurations {

    @Test
    void threeNineHourBusinessDaysFromMondayOpeningEndAtWednesdayClosing() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-09T09:00"), hours(27));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-11T18:00");
    }

    @Test
    void threeNineHourBusinessDaysFromTuesdayNoonEndFridayNoon() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-10T12:00"), hours(27));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-13T12:00");
    }

    @Test
    void twoBusinessDaysFromThursdayNoonSkipTheWeekend() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-12T12:00"), hours(18));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-16T12:00");
    }

    @Test
    void fortyEightBusinessHoursSkipEasterWeekendAndBothHolidays() {
      // Wed 1st 9h, Thu 2nd 9h, Good Friday, weekend, Easter Monday, Tue-Thu 27h, Fri 10th 3h.
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-04-01T09:00"), hours(48));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-04-10T12:00");
    }

    @Test
    void aYearOfFullWeeksIsComputedQuicklyAndExactly() {
      Duration fiftyTwoWeeks = hours(52 * 5 * 9);
      long began = System.nanoTime();
      Instant end = BERLIN_NO_HOLIDAYS.addWorkingTime(berlin("2026-01-05T09:00"), fiftyTwoWeeks);
      Duration took = Duration.ofNanos(System.nanoTime() - began);

      assertThat(local(BERLIN_NO_HOLIDAYS, end)).isEqualTo("2027-01-01T18:00");
      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aMultiWeekDurationSkipsEveryHolidayOnTheWay() {
      // 20 business days from Mon 2025-12-15: Christmas (25th, 26th) and New Year are days off.
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2025-12-15T09:00"), hours(20 * 9));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-01-14T18:00");
    }
  }

  @Nested
  class PublicHolidays {

    @Test
    void christmasDaysAreSkippedInBerlin() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2025-12-24T17:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2025-12-29T10:00");
    }

    @Test
    void newYearsDayIsSkippedInBerlin() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2025-12-31T17:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-01-02T10:00");
    }

    @Test
    void goodFridayAndEasterMondayAreSkippedInBerlin() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-04-02T17:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-04-07T10:00");
    }

    @Test
    void internationalWomensDayIsSkippedInBerlin() {
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2027-03-05T17:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2027-03-09T10:00");
    }

    @Test
    void internationalWomensDayIsAHolidayInBerlinOnly() {
      LocalDate womensDay = LocalDate.of(2027, 3, 8);
      assertThat(BERLIN_HOLIDAYS.isHoliday(womensDay)).isTrue();
      assertThat(JollydayHolidays.of("DE", null).isHoliday(womensDay)).isFalse();
      assertThat(JollydayHolidays.of("DE", "by").isHoliday(womensDay)).isFalse();
    }

    @Test
    void thanksgivingIsSkippedInNewYork() {
      Instant end = NEW_YORK_9_TO_17.addWorkingTime(newYork("2026-11-25T16:00"), hours(2));
      assertThat(local(NEW_YORK_9_TO_17, end)).isEqualTo("2026-11-27T10:00");
    }

    @Test
    void independenceDayOnSaturdayIsObservedOnFridayInNewYork() {
      Instant end = NEW_YORK_9_TO_17.addWorkingTime(newYork("2026-07-02T16:00"), hours(2));
      assertThat(local(NEW_YORK_9_TO_17, end)).isEqualTo("2026-07-06T10:00");
    }

    @Test
    void germanHolidaysDoNotCloseTheNewYorkOffice() {
      assertThat(NEW_YORK_9_TO_17.isOpen(newYork("2026-04-03T10:00"))).isTrue(); // Good Friday
      assertThat(NEW_YORK_9_TO_17.isOpen(newYork("2025-12-26T10:00"))).isTrue(); // Boxing Day
    }

    @ParameterizedTest(name = "{0} is a day off in Berlin ({1})")
    @CsvSource(quoteCharacter = '"', value = {
      "2025-12-25, First Christmas Day",
      "2025-12-26, Second Christmas Day",
      "2026-01-01, New Year",
      "2026-04-03, Good Friday",
      "2026-04-06, Easter Monday",
      "2026-05-01, Labour Day",
      "2026-05-14, Ascension Day",
      "2026-05-25, Whit Monday",
      "2026-10-03, German Unity Day (a Saturday)",
      "2027-03-08, International Women's Day (Berlin only)",
    })
    void berlinPublicHolidaysAreDaysOff(LocalDate date, String name) {
      assertThat(BERLIN_HOLIDAYS.isHoliday(date)).isTrue();
      assertThat(BERLIN_9_TO_18.isOpen(date.atTime(10, 0).atZone(BERLIN).toInstant())).isFalse();
    }

    @ParameterizedTest(name = "{0} is a day off in New York ({1})")
    @CsvSource(quoteCharacter = '"', value = {
      "2026-01-01, New Year",
      "2026-01-19, Martin Luther King Day",
      "2026-02-16, Washington's Birthday",
      "2026-05-25, Memorial Day",
      "2026-06-19, Juneteenth",
      "2026-07-03, Independence Day observed (4th is a Saturday)",
      "2026-07-04, Independence Day itself",
      "2026-09-07, Labor Day",
      "2026-10-12, Columbus Day",
      "2026-11-11, Veterans Day",
      "2026-11-26, Thanksgiving",
      "2026-12-25, Christmas",
      "2021-12-31, New Year 2022 observed in the previous year",
    })
    void newYorkPublicHolidaysAreDaysOff(LocalDate date, String name) {
      assertThat(NEW_YORK_HOLIDAYS.isHoliday(date)).isTrue();
    }

    @ParameterizedTest(name = "{0} is a working day ({1})")
    @CsvSource(quoteCharacter = '"', value = {
      "DE, be, 2026-03-10, ordinary Tuesday",
      "DE, be, 2025-12-24, Christmas Eve is not a public holiday",
      "DE, be, 2026-06-04, Corpus Christi is not a holiday in Berlin",
      "DE, by, 2026-11-02, All Saints' Day on a Sunday is not moved to Monday",
      "US, ny, 2026-02-12, Lincoln's Birthday is only an observance",
      "US, ny, 2026-04-06, Easter Monday is only an observance",
      "US, ny, 2026-11-27, the day after Thanksgiving is no public holiday",
    })
    void daysThatAreNotPublicHolidaysAreWorkingDays(
        String country, String region, LocalDate date, String why) {
      assertThat(JollydayHolidays.of(country, region).isHoliday(date)).isFalse();
    }

    @Test
    void countryAndRegionCodesAreCaseInsensitive() {
      assertThat(JollydayHolidays.of("de", "BE").isHoliday(LocalDate.of(2027, 3, 8))).isTrue();
      assertThat(JollydayHolidays.of("us", "NY").isHoliday(LocalDate.of(2026, 10, 12))).isTrue();
    }

    @Test
    void aSubRegionIsWrittenAsAPath() {
      LocalDate brooklynQueensDay = LocalDate.of(2026, 6, 4);
      assertThat(JollydayHolidays.of("US", "ny/nyc").isHoliday(brooklynQueensDay)).isTrue();
      assertThat(NEW_YORK_HOLIDAYS.isHoliday(brooklynQueensDay)).isFalse();
    }

    @Test
    void anUnknownRegionIsRejectedInsteadOfFallingBackToNationalHolidays() {
      assertThatThrownBy(() -> JollydayHolidays.of("DE", "xx"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("xx")
          .hasMessageContaining("be");
    }

    @Test
    void anUnknownCountryIsRejected() {
      assertThatThrownBy(() -> JollydayHolidays.of("ZZ", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ZZ");
      assertThatThrownBy(() -> JollydayHolidays.of(" ", null))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noHolidaysCalendarHasNoHolidays() {
      assertThat(HolidayCalendar.none().isHoliday(LocalDate.of(2025, 12, 25))).isFalse();
      assertThat(BERLIN_NO_HOLIDAYS.isOpen(berlin("2025-12-25T10:00"))).isTrue();
    }

    @Test
    void aWorkingSaturdayIsClosedOnAHolidayFallingOnIt() {
      BusinessCalendar sixDays =
          BusinessCalendar.workingHours(
              NEW_YORK,
              LocalTime.of(9, 0),
              LocalTime.of(17, 0),
              EnumSet.complementOf(EnumSet.of(SUNDAY)),
              NEW_YORK_HOLIDAYS);
      assertThat(sixDays.isOpen(newYork("2026-07-04T10:00"))).isFalse();
      assertThat(sixDays.isOpen(newYork("2026-07-11T10:00"))).isTrue();
    }
  }

  @Nested
  class DaylightSavingTime {

    @Test
    void berlinSpringForwardKeepsMondayHoursAtNineLocal() {
      // Clocks jump 02:00 -> 03:00 on Sunday 2026-03-29; Monday 10:00 is CEST (UTC+2).
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-27T17:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-03-30T10:00");
      assertThat(end).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    }

    @Test
    void berlinFallBackKeepsMondayHoursAtNineLocal() {
      // Clocks go 03:00 -> 02:00 on Sunday 2026-10-25; Monday 10:00 is CET (UTC+1).
      Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-10-23T17:00"), hours(2));
      assertThat(local(BERLIN_9_TO_18, end)).isEqualTo("2026-10-26T10:00");
      assertThat(end).isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
    }

    @Test
    void newYorkSpringForwardKeepsMondayHoursAtNineLocal() {
      // Clocks jump 02:00 -> 03:00 on Sunday 2026-03-08; Monday 10:00 is EDT (UTC-4).
      Instant end = NEW_YORK_9_TO_17.addWorkingTime(newYork("2026-03-06T16:00"), hours(2));
      assertThat(local(NEW_YORK_9_TO_17, end)).isEqualTo("2026-03-09T10:00");
      assertThat(end).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    }

    @Test
    void newYorkFallBackKeepsMondayHoursAtNineLocal() {
      // Clocks go 02:00 -> 01:00 on Sunday 2026-11-01; Monday 10:00 is EST (UTC-5).
      Instant end = NEW_YORK_9_TO_17.addWorkingTime(newYork("2026-10-30T16:00"), hours(2));
      assertThat(local(NEW_YORK_9_TO_17, end)).isEqualTo("2026-11-02T10:00");
      assertThat(end).isEqualTo(Instant.parse("2026-11-02T15:00:00Z"));
    }

    @Test
    void aWorkingWeekAcrossBerlinSpringForwardStillHasNineHourDays() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-27T09:00"), berlin("2026-03-30T18:00")))
          .isEqualTo(hours(18));
    }

    @Test
    void aWorkingWeekAcrossNewYorkFallBackStillHasEightHourDays() {
      assertThat(
              NEW_YORK_9_TO_17.workingTimeBetween(
                  newYork("2026-10-30T09:00"), newYork("2026-11-02T17:00")))
          .isEqualTo(hours(16));
    }

    @Test
    void workingHoursSpanningTheSpringForwardGapAreOneRealHourShorter() {
      BusinessCalendar night =
          BusinessCalendar.workingHours(
              BERLIN,
              LocalTime.of(1, 0),
              LocalTime.of(5, 0),
              EnumSet.allOf(DayOfWeek.class),
              HolidayCalendar.none());
      assertThat(night.workingTimeBetween(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")))
          .isEqualTo(hours(3));
      assertThat(local(night, night.addWorkingTime(berlin("2026-03-29T01:00"), hours(4))))
          .isEqualTo("2026-03-30T02:00");
    }

    @Test
    void workingHoursSpanningTheFallBackOverlapAreOneRealHourLonger() {
      BusinessCalendar night =
          BusinessCalendar.workingHours(
              BERLIN,
              LocalTime.of(1, 0),
              LocalTime.of(5, 0),
              EnumSet.allOf(DayOfWeek.class),
              HolidayCalendar.none());
      assertThat(night.workingTimeBetween(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00")))
          .isEqualTo(hours(5));
      assertThat(local(night, night.addWorkingTime(berlin("2026-10-25T01:00"), hours(5))))
          .isEqualTo("2026-10-25T05:00");
    }

    @Test
    void workingHoursSwallowedByTheSpringForwardGapMakeThatDayClosed() {
      // 02:30 does not exist on 2026-03-29 and resolves to 03:30, after the 03:00 closing.
      BusinessCalendar gap =
          BusinessCalendar.workingHours(
              BERLIN,
              LocalTime.of(2, 30),
              LocalTime.of(3, 0),
              EnumSet.allOf(DayOfWeek.class),
              HolidayCalendar.none());
      assertThat(gap.workingTimeBetween(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")))
          .isZero();
      assertThat(local(gap, gap.nextOpening(berlin("2026-03-29T00:00"))))
          .isEqualTo("2026-03-30T02:30");
    }

    @ParameterizedTest(name = "24x7 {0} + PT24H from {1} is 24 real hours, wall clock {2}")
    @CsvSource(quoteCharacter = '"', value = {
      "Europe/Berlin,    2026-03-28T12:00, 2026-03-29T13:00",
      "Europe/Berlin,    2026-10-24T12:00, 2026-10-25T11:00",
      "America/New_York, 2026-03-07T12:00, 2026-03-08T13:00",
      "America/New_York, 2026-10-31T12:00, 2026-11-01T11:00",
    })
    void twentyFourSevenAddsRealElapsedTimeAcrossDaylightSavingChanges(
        ZoneId zone, LocalDateTime start, LocalDateTime expectedWallClock) {
      BusinessCalendar calendar = BusinessCalendar.twentyFourSeven(zone);
      Instant from = start.atZone(zone).toInstant();

      Instant end = calendar.addWorkingTime(from, Duration.ofHours(24));

      assertThat(Duration.between(from, end)).isEqualTo(Duration.ofHours(24));
      assertThat(local(calendar, end)).isEqualTo(expectedWallClock);
      assertThat(calendar.workingTimeBetween(from, end)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void twentyFourSevenSpringForwardDayHasTwentyThreeHoursOfWorkingTime() {
      Instant midnight = berlin("2026-03-29T00:00");
      Instant nextMidnight = berlin("2026-03-30T00:00");
      assertThat(BERLIN_24X7.workingTimeBetween(midnight, nextMidnight)).isEqualTo(hours(23));
    }

    @Test
    void twentyFourSevenFallBackDayHasTwentyFiveHoursOfWorkingTime() {
      Instant midnight = newYork("2026-11-01T00:00");
      Instant nextMidnight = newYork("2026-11-02T00:00");
      assertThat(NEW_YORK_24X7.workingTimeBetween(midnight, nextMidnight)).isEqualTo(hours(25));
    }
  }

  @Nested
  class TwentyFourSeven {

    @Test
    void everyInstantIsOpen() {
      assertThat(BERLIN_24X7.isOpen(berlin("2026-03-14T03:00"))).isTrue(); // Saturday night
      assertThat(BERLIN_24X7.isOpen(berlin("2025-12-25T12:00"))).isTrue(); // Christmas
    }

    @Test
    void nextOpeningIsTheInstantItself() {
      Instant sundayNight = berlin("2026-03-15T23:59");
      assertThat(BERLIN_24X7.nextOpening(sundayNight)).isEqualTo(sundayNight);
    }

    @Test
    void addingIsPlainInstantArithmetic() {
      Instant saturday = berlin("2026-03-14T22:00");
      assertThat(BERLIN_24X7.addWorkingTime(saturday, hours(90)))
          .isEqualTo(saturday.plus(hours(90)));
      assertThat(BERLIN_24X7.addWorkingTime(saturday, Duration.ZERO)).isEqualTo(saturday);
    }

    @Test
    void betweenIsPlainElapsedTime() {
      Instant from = berlin("2025-12-24T17:00");
      Instant to = berlin("2025-12-29T10:00");
      assertThat(BERLIN_24X7.workingTimeBetween(from, to)).isEqualTo(Duration.between(from, to));
      assertThat(BERLIN_24X7.workingTimeBetween(to, from)).isZero();
    }

    @Test
    void zoneIsKept() {
      assertThat(NEW_YORK_24X7.zone()).isEqualTo(NEW_YORK);
    }
  }

  @Nested
  class WorkingTimeBetween {

    @Test
    void sameDaySpanIsItsOwnLength() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-10T10:00"), berlin("2026-03-10T12:30")))
          .isEqualTo(hours(2.5));
    }

    @Test
    void theNightInBetweenDoesNotCount() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-10T16:00"), berlin("2026-03-11T11:00")))
          .isEqualTo(hours(4));
    }

    @Test
    void theWeekendInBetweenDoesNotCount() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-13T16:30"), berlin("2026-03-16T11:30")))
          .isEqualTo(hours(4));
    }

    @Test
    void holidaysInBetweenDoNotCount() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2025-12-24T17:00"), berlin("2025-12-29T10:00")))
          .isEqualTo(hours(2));
    }

    @Test
    void endsOutsideWorkingHoursAreClampedToTheWorkingHours() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-10T06:00"), berlin("2026-03-10T23:00")))
          .isEqualTo(hours(9));
    }

    @Test
    void aSpanEntirelyOutsideWorkingHoursIsZero() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-14T08:00"), berlin("2026-03-15T20:00")))
          .isZero();
    }

    @Test
    void equalInstantsGiveZero() {
      Instant noon = berlin("2026-03-10T12:00");
      assertThat(BERLIN_9_TO_18.workingTimeBetween(noon, noon)).isZero();
    }

    @Test
    void reversedInstantsGiveZeroRatherThanANegativeDuration() {
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-11T12:00"), berlin("2026-03-10T12:00")))
          .isZero();
    }

    @Test
    void theEndInstantIsExcluded() {
      Instant opening = berlin("2026-03-10T09:00");
      assertThat(BERLIN_9_TO_18.workingTimeBetween(opening, opening.plusNanos(1)))
          .isEqualTo(Duration.ofNanos(1));
      assertThat(
              BERLIN_9_TO_18.workingTimeBetween(
                  berlin("2026-03-10T18:00"), berlin("2026-03-11T09:00")))
          .isZero();
    }
  }

  @Nested
  class NextOpening {

    @Test
    void anOpenInstantIsItsOwnNextOpening() {
      Instant open = berlin("2026-03-10T12:34:56");
      assertThat(BERLIN_9_TO_18.nextOpening(open)).isEqualTo(open);
    }

    @Test
    void earlyMorningOpensAtNineTheSameDay() {
      assertThat(local(BERLIN_9_TO_18, BERLIN_9_TO_18.nextOpening(berlin("2026-03-10T00:00"))))
          .isEqualTo("2026-03-10T09:00");
    }

    @Test
    void eveningOpensAtNineTheNextDay() {
      assertThat(local(BERLIN_9_TO_18, BERLIN_9_TO_18.nextOpening(berlin("2026-03-10T20:00"))))
          .isEqualTo("2026-03-11T09:00");
    }

    @Test
    void closingTimeOpensAtNineTheNextDay() {
      assertThat(local(BERLIN_9_TO_18, BERLIN_9_TO_18.nextOpening(berlin("2026-03-10T18:00"))))
          .isEqualTo("2026-03-11T09:00");
    }

    @Test
    void weekendOpensOnMonday() {
      assertThat(local(BERLIN_9_TO_18, BERLIN_9_TO_18.nextOpening(berlin("2026-03-14T11:00"))))
          .isEqualTo("2026-03-16T09:00");
    }

    @Test
    void holidayOpensOnTheNextWorkingDay() {
      assertThat(local(BERLIN_9_TO_18, BERLIN_9_TO_18.nextOpening(berlin("2025-12-25T11:00"))))
          .isEqualTo("2025-12-29T09:00");
      assertThat(
              local(NEW_YORK_9_TO_17, NEW_YORK_9_TO_17.nextOpening(newYork("2026-11-26T11:00"))))
          .isEqualTo("2026-11-27T09:00");
    }

    @Test
    void aCalendarWithoutAnyWorkingDayFailsInsteadOfLoopingForever() {
      BusinessCalendar alwaysHoliday =
          BusinessCalendar.workingHours(
              BERLIN, LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, date -> true);
      assertThatThrownBy(() -> alwaysHoliday.nextOpening(berlin("2026-03-10T10:00")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("No working time");
    }
  }

  @Nested
  class IsOpen {

    @Test
    void openAtOpeningTime() {
      assertThat(BERLIN_9_TO_18.isOpen(berlin("2026-03-10T09:00"))).isTrue();
    }

    @Test
    void closedJustBeforeOpeningTime() {
      assertThat(BERLIN_9_TO_18.isOpen(berlin("2026-03-10T08:59:59.999999999"))).isFalse();
    }

    @Test
    void openJustBeforeClosingTime() {
      assertThat(BERLIN_9_TO_18.isOpen(berlin("2026-03-10T17:59:59.999999999"))).isTrue();
    }

    @Test
    void closedAtClosingTime() {
      assertThat(BERLIN_9_TO_18.isOpen(berlin("2026-03-10T18:00"))).isFalse();
    }

    @Test
    void closedOnSaturdayAndSunday() {
      assertThat(BERLIN_9_TO_18.isOpen(berlin("2026-03-14T12:00"))).isFalse();
      assertThat(BERLIN_9_TO_18.isOpen(berlin("2026-03-15T12:00"))).isFalse();
    }

    @Test
    void closedOnAHoliday() {
      assertThat(BERLIN_9_TO_18.isOpen(berlin("2026-04-06T12:00"))).isFalse();
    }

    @Test
    void workingHoursAreReadInTheCalendarsZone() {
      Instant nineInBerlin = berlin("2026-03-10T09:00"); // 03:00 in New York
      assertThat(BERLIN_9_TO_18.isOpen(nineInBerlin)).isTrue();
      assertThat(NEW_YORK_9_TO_17.isOpen(nineInBerlin)).isFalse();
    }
  }

  @Nested
  class HoursOfItsOwn {

    /** Berlin 09:00-18:00, a short Friday, a Saturday shift, a half day, a company holiday, a holiday worked. */
    final BusinessCalendar team = BERLIN_9_TO_18.withOwnHours(
        Map.of(FRIDAY, new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(13, 0)),
            SATURDAY, new BusinessCalendar.Hours(LocalTime.of(10, 0), LocalTime.of(14, 0))),
        Map.of(LocalDate.of(2026, 12, 24), new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(12, 0)),
            LocalDate.of(2026, 12, 31), BusinessCalendar.Hours.CLOSED,
            // Unity Day is a public holiday in Berlin; the team works on 3 October 2025 (a Friday) all day.
            LocalDate.of(2025, 10, 3), new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0))));

    @Test
    void aShortFridayEndsAtOneAndTheSaturdayShiftCountsBeforeMonday() {
      // Friday 12:00 + 4 h: 1 h on Friday, 4 h on Saturday would be the whole shift, so 3 h more end at 13:00.
      Instant end = team.addWorkingTime(berlin("2026-11-27T12:00"), hours(4));
      assertThat(local(team, end)).isEqualTo("2026-11-28T13:00");
      assertThat(team.workingTimeBetween(berlin("2026-11-27T00:00"), berlin("2026-11-30T00:00")))
          .isEqualTo(hours(8));
      assertThat(team.workingDay()).as("a business day of the policy is the standard day").isEqualTo(hours(9));
    }

    @Test
    void aHalfDayClosesAtNoonAndACompanyHolidayIsSkipped() {
      // Christmas Eve is a half day: 1 h there; 25 and 26 December are public holidays, then a Sunday.
      assertThat(local(team, team.addWorkingTime(berlin("2026-12-24T11:00"), hours(2))))
          .isEqualTo("2026-12-28T10:00");
      assertThat(team.isOpen(berlin("2026-12-24T12:30"))).isFalse();
      // New Year's Eve is a company holiday, New Year's Day a public one; the Saturday shift comes next.
      assertThat(local(team, team.addWorkingTime(berlin("2026-12-30T17:00"), hours(2))))
          .isEqualTo("2027-01-02T11:00");
      assertThat(team.hoursOn(LocalDate.of(2026, 12, 31))).isEmpty();
    }

    @Test
    void aPublicHolidayTheTeamWorksIsAWorkingDay() {
      assertThat(BERLIN_9_TO_18.hoursOn(LocalDate.of(2025, 10, 3))).isEmpty();
      assertThat(team.nextOpening(berlin("2025-10-03T08:00"))).isEqualTo(berlin("2025-10-03T09:00"));
    }

    @Test
    void hoursThatDoNotOpenBeforeTheyCloseAreRefused() {
      assertThatThrownBy(() -> BERLIN_9_TO_18.withOwnHours(
          Map.of(FRIDAY, new BusinessCalendar.Hours(LocalTime.of(13, 0), LocalTime.of(9, 0))), Map.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("weekday hours: 13:00 must be before 09:00");
      assertThatThrownBy(() -> BERLIN_24X7.withOwnHours(Map.of(), Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Construction {

    @Test
    void opensEqualToClosesIsRejected() {
      assertThatThrownBy(
              () ->
                  BusinessCalendar.workingHours(
                      BERLIN, LocalTime.NOON, LocalTime.NOON, WEEKDAYS, HolidayCalendar.none()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be before closes");
    }

    @Test
    void overnightHoursAreRejected() {
      assertThatThrownBy(
              () ->
                  BusinessCalendar.workingHours(
                      BERLIN,
                      LocalTime.of(22, 0),
                      LocalTime.of(6, 0),
                      WEEKDAYS,
                      HolidayCalendar.none()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("over midnight");
    }

    @Test
    void noWorkingDaysIsRejected() {
      assertThatThrownBy(
              () ->
                  BusinessCalendar.workingHours(
                      BERLIN,
                      LocalTime.of(9, 0),
                      LocalTime.of(17, 0),
                      Set.of(),
                      HolidayCalendar.none()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("workingDays");
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
      LocalTime nine = LocalTime.of(9, 0);
      LocalTime five = LocalTime.of(17, 0);
      HolidayCalendar none = HolidayCalendar.none();
      assertThatThrownBy(() -> BusinessCalendar.workingHours(null, nine, five, WEEKDAYS, none))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zone");
      assertThatThrownBy(() -> BusinessCalendar.workingHours(BERLIN, null, five, WEEKDAYS, none))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("opens");
      assertThatThrownBy(() -> BusinessCalendar.workingHours(BERLIN, nine, null, WEEKDAYS, none))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("closes");
      assertThatThrownBy(() -> BusinessCalendar.workingHours(BERLIN, nine, five, null, none))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("workingDays");
      assertThatThrownBy(() -> BusinessCalendar.workingHours(BERLIN, nine, five, WEEKDAYS, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("holidays");
      assertThatThrownBy(() -> BusinessCalendar.twentyFourSeven(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zone");
    }

    @Test
    void changingTheWorkingDaysSetAfterwardsDoesNotChangeTheCalendar() {
      Set<DayOfWeek> days = EnumSet.of(MONDAY);
      BusinessCalendar mondaysOnly =
          BusinessCalendar.workingHours(
              BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0), days, HolidayCalendar.none());
      days.add(TUESDAY);
      assertThat(mondaysOnly.isOpen(berlin("2026-03-10T10:00"))).isFalse();
    }

    @Test
    void aSingleWorkingDayWeekSkipsSixDays() {
      BusinessCalendar mondaysOnly =
          BusinessCalendar.workingHours(
              BERLIN,
              LocalTime.of(9, 0),
              LocalTime.of(17, 0),
              Set.of(MONDAY),
              HolidayCalendar.none());
      Instant end = mondaysOnly.addWorkingTime(berlin("2026-03-09T16:00"), hours(2));
      assertThat(local(mondaysOnly, end)).isEqualTo("2026-03-16T10:00");
    }
  }

  @Test
  void concurrentUseGivesTheSameResultsAsSequentialUse() {
    // A fresh holiday calendar, so that the threads also race to fill its per-year cache.
    BusinessCalendar shared =
        BusinessCalendar.workingHours(
            BERLIN,
            LocalTime.of(9, 0),
            LocalTime.of(18, 0),
            WEEKDAYS,
            JollydayHolidays.of("DE", "be"));
    Instant start = berlin("2025-12-01T09:00");

    List<Instant> parallel =
        IntStream.range(0, 400)
            .parallel()
            .mapToObj(i -> shared.addWorkingTime(start, hours(i * 7.5)))
            .toList();

    List<Instant> sequential =
        IntStream.range(0, 400)
            .mapToObj(i -> BERLIN_9_TO_18.addWorkingTime(start, hours(i * 7.5)))
            .toList();
    assertThat(parallel).isEqualTo(sequential);
  }

  static Stream<Arguments> roundTripGrid() {
    List<String> starts =
        List.of(
            "2026-03-10T10:00", // open
            "2026-03-10T07:00", // before opening
            "2026-03-10T18:00", // exactly closing
            "2026-03-13T16:30", // Friday afternoon
            "2026-03-14T12:00", // Saturday
            "2026-03-27T17:59", // Friday before spring forward
            "2026-04-02T17:00", // before Easter
            "2025-12-23T12:00", // before Christmas
            "2026-10-23T09:00"); // Friday before fall back
    List<Duration> durations =
        List.of(
            Duration.ZERO,
            Duration.ofMinutes(1),
            hours(1),
            hours(8.75),
            hours(9),
            hours(9.25),
            hours(27),
            hours(48),
            hours(200));
    List<Arguments> grid = new ArrayList<>();
    for (String start : starts) {
      for (Duration duration : durations) {
        grid.add(Arguments.of(start, duration));
      }
    }
    return grid.stream();
  }

  @ParameterizedTest(name = "between(nextOpening({0}), add({0}, {1})) == {1}")
  @MethodSource("roundTripGrid")
  void workingTimeBetweenUndoesAddWorkingTime(String start, Duration duration) {
    for (BusinessCalendar calendar : List.of(BERLIN_9_TO_18, BERLIN_9_TO_17, BERLIN_24X7)) {
      Instant from = berlin(start);
      Instant end = calendar.addWorkingTime(from, duration);
      assertThat(calendar.workingTimeBetween(calendar.nextOpening(from), end))
          .as("%s", calendar)
          .isEqualTo(duration);
      assertThat(end).isAfterOrEqualTo(from);
    }
    Instant fromNewYork = at(NEW_YORK, start);
    Instant endNewYork = NEW_YORK_9_TO_17.addWorkingTime(fromNewYork, duration);
    assertThat(
            NEW_YORK_9_TO_17.workingTimeBetween(
                NEW_YORK_9_TO_17.nextOpening(fromNewYork), endNewYork))
        .isEqualTo(duration);
  }

  @Test
  void zonedResultsMatchTheExpectedOffsetsInBothZones() {
    Instant end = BERLIN_9_TO_18.addWorkingTime(berlin("2026-03-27T17:00"), hours(2));
    assertThat(end.atZone(BERLIN))
        .isEqualTo(ZonedDateTime.parse("2026-03-30T10:00+02:00[Europe/Berlin]"));
  }
}
