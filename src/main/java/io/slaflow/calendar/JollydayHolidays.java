package io.slaflow.calendar;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Public holidays of a country or region, taken from the Jollyday library. */
public final class JollydayHolidays implements HolidayCalendar {

  private final String country;
  private final String[] regionPath;
  private final HolidayManager manager;
  // Jollyday recomputes every rule on each call; a business calendar asks about the same few
  // years over and over, so each year's dates are computed once.
  private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

  private JollydayHolidays(String country, String[] regionPath, HolidayManager manager) {
    this.country = country;
    this.regionPath = regionPath;
    this.manager = manager;
  }

  /**
   * Holidays of {@code country} (ISO 3166 code as Jollyday knows it, e.g. "DE", "US"; any case)
   * and optionally of one of its regions (e.g. "be" for Berlin, "ny" for New York). A deeper
   * region is written as a path, e.g. "ny/nyc".
   *
   * @throws IllegalArgumentException if Jollyday does not know the country or the region, because
   *     Jollyday itself silently falls back to the national holidays for an unknown region
   */
  public static JollydayHolidays of(String country, String regionOrNull) {
    if (country == null || country.isBlank()) {
      throw new IllegalArgumentException("country must be a country code such as \"DE\" or \"US\"");
    }
    String countryCode = country.trim().toUpperCase(Locale.ROOT);
    if (!HolidayManager.getSupportedCalendarCodes().contains(countryCode)) {
      throw new IllegalArgumentException(
          "Jollyday has no holiday calendar for country \"" + country + "\"; known codes: "
              + new TreeSet<>(HolidayManager.getSupportedCalendarCodes()));
    }
    HolidayManager manager = withOwnClassLoader(
        () -> HolidayManager.getInstance(ManagerParameters.create(countryCode.toLowerCase(Locale.ROOT))));
    String[] regionPath = parseRegion(countryCode, regionOrNull, manager.getCalendarHierarchy());
    return new JollydayHolidays(countryCode, regionPath, manager);
  }

  private static String[] parseRegion(
      String countryCode, String regionOrNull, CalendarHierarchy countryHierarchy) {
    if (regionOrNull == null || regionOrNull.isBlank()) {
      return new String[0];
    }
    String[] path = regionOrNull.trim().toLowerCase(Locale.ROOT).split("/");
    CalendarHierarchy level = countryHierarchy;
    for (String code : path) {
      CalendarHierarchy child = level.getChildren().get(code);
      if (child == null) {
        throw new IllegalArgumentException(
            "Jollyday has no region \"" + regionOrNull + "\" in " + countryCode
                + "; known regions at this level: " + new TreeSet<>(level.getChildren().keySet()));
      }
      level = child;
    }
    return path;
  }

  @Override
  public boolean isHoliday(LocalDate date) {
    return holidaysByYear.computeIfAbsent(date.getYear(), year -> withOwnClassLoader(() -> daysOffIn(year)))
        .contains(date);
  }

  /**
   * Jollyday finds its data source with a ServiceLoader on the thread's context class loader. A job executor thread
   * can carry another one (no implementation found, "Cannot instantiate datasource instance"), and the first
   * reassignment after a restart failed and waited for its retry: Jollyday always looks where it was loaded from.
   */
  private static <T> T withOwnClassLoader(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(JollydayHolidays.class.getClassLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private Set<LocalDate> daysOffIn(int year) {
    Set<LocalDate> daysOff = new HashSet<>();
    // A holiday moved off a weekend can change year (US New Year 2022 was observed on
    // 2021-12-31 and Jollyday lists it under 2022), so the neighbouring years are read too.
    for (int y = year - 1; y <= year + 1; y++) {
      for (Holiday holiday : manager.getHolidays(Year.of(y), regionPath)) {
        // Observances (e.g. Lincoln's Birthday in New York) are listed but are not days off.
        if (holiday.getType() == HolidayType.OBSERVANCE) {
          continue;
        }
        // Both the substitute weekday and the real date count: a business that also works on
        // Saturdays is still closed on a Saturday 4th of July.
        addIfInYear(daysOff, holiday.getDate(), year);
        addIfInYear(daysOff, holiday.getActualDate(), year);
      }
    }
    return Set.copyOf(daysOff);
  }

  private static void addIfInYear(Set<LocalDate> daysOff, LocalDate date, int year) {
    if (date.getYear() == year) {
      daysOff.add(date);
    }
  }

  @Override
  public String toString() {
    String region = regionPath.length == 0 ? "" : "/" + String.join("/", regionPath);
    return "JollydayHolidays[" + country + region + "]";
  }
}
