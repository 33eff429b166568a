package io.slaflow.org;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.slaflow.calendar.BusinessCalendar;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A team's hours of its own on top of its standard week, as an administrator keeps them (in {@code /api/org} and the
 * organisation file): weekdays with other hours ({@code "FRIDAY": "09:00-13:00"}; a weekday listed is a working day,
 * a Saturday shift too), and dates of the company's own ({@code "hours": "09:00-13:00"} for a half day or a public
 * holiday the team works, {@code "closed"} for a company holiday), which win over weekdays and public holidays.
 */
public record OwnHours(
    Map<DayOfWeek, @NotNull @Pattern(regexp = HOURS, message = HOURS_MESSAGE) String> weekdays,
    @Size(max = 1000) List<@Valid @NotNull OwnDate> dates) {

  static final String HOURS = "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]";
  static final String HOURS_MESSAGE = "must be hours such as 09:00-13:00";
  static final String CLOSED = "closed";
  /** How the team's row and its calendar history keep calendars: JSON with dates and times as text. */
  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  public static final OwnHours NONE = new OwnHours(Map.of(), List.of());

  /** A date of the company's own: its hours, or "closed"; the note says why (Christmas Eve, company day out). */
  public record OwnDate(
      @NotNull LocalDate date,
      @NotNull @Pattern(regexp = HOURS + "|" + CLOSED, message = "must be hours such as 09:00-13:00, or closed")
          String hours,
      @Size(max = 200) String note) {}

  public OwnHours {
    weekdays = weekdays == null ? Map.of() : new TreeMap<>(weekdays);
    dates = dates == null ? List.of() : List.copyOf(dates);
  }

  boolean isEmpty() {
    return weekdays.isEmpty() && dates.isEmpty();
  }

  /** The calendar {@code standard} with these hours on top. */
  BusinessCalendar applyTo(BusinessCalendar standard) {
    if (isEmpty()) {
      return standard;
    }
    Map<DayOfWeek, BusinessCalendar.Hours> byWeekday = new TreeMap<>();
    weekdays.forEach((day, hours) -> byWeekday.put(day, hours(hours)));
    Map<LocalDate, BusinessCalendar.Hours> byDate = new TreeMap<>();
    dates.forEach(date -> byDate.put(date.date(), hours(date.hours())));
    return standard.withOwnHours(byWeekday, byDate);
  }

  /** As the team's row keeps them: JSON, or null for none. */
  String toJson() {
    return isEmpty() ? null : json(this);
  }

  static OwnHours fromJson(String json) {
    return json == null ? NONE : fromJson(json, OwnHours.class);
  }

  /** A calendar, or part of one, as the team's row and its calendar history keep it. */
  static String json(Object calendar) {
    try {
      return JSON.writeValueAsString(calendar);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> T fromJson(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A team calendar that cannot be read: " + json, e);
    }
  }

  /** "09:00-13:00" as hours; "closed" as {@link BusinessCalendar.Hours#CLOSED}. */
  static BusinessCalendar.Hours hours(String text) {
    if (CLOSED.equals(text)) {
      return BusinessCalendar.Hours.CLOSED;
    }
    String[] ends = text.split("-");
    return new BusinessCalendar.Hours(LocalTime.parse(ends[0]), LocalTime.parse(ends[1]));
  }
}
