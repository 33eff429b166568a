package io.slaflow.org;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.HolidayCalendar;
import io.slaflow.calendar.JollydayHolidays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Read access to teams and people, and each team's business calendar; the public face of the org package. */
@Service
public class Organisation {

  /** The last day of the absence that marks someone who left: routing never picks them while it lasts. */
  public static final LocalDate LEFT_UNTIL = LocalDate.of(9999, 12, 31);

  private final JdbcTemplate jdbc;
  private final TeamCalendars calendars;

  public Organisation(JdbcTemplate jdbc, TeamCalendars calendars) {
    this.jdbc = jdbc;
    this.calendars = calendars;
  }

  public Optional<Team> team(String teamId) {
    return jdbc.query("SELECT * FROM team WHERE id = ?", Organisation::team, teamId).stream().findFirst();
  }

  public Team requireTeam(String teamId) {
    return team(teamId).orElseThrow(() -> new IllegalStateException("Unknown team '" + teamId + "'"));
  }

  public List<Team> teams() {
    return jdbc.query("SELECT * FROM team ORDER BY id", Organisation::team);
  }

  public List<Person> people() {
    return jdbc.query("SELECT * FROM org_user ORDER BY id", Organisation::person);
  }

  public boolean isEmpty() {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM team", Integer.class);
    return count == null || count == 0;
  }

  public Optional<Person> person(String personId) {
    if (personId == null) {
      return Optional.empty();
    }
    return jdbc.query("SELECT * FROM org_user WHERE id = ?", Organisation::person, personId).stream().findFirst();
  }

  /**
   * How reports, the manager's room and the record view name people: by name, by id when nobody of that id is known
   * (a login removed for good), and "Team queue" for work nobody owned. One read for a whole list of them.
   */
  public Function<String, String> namesOf(Collection<String> personIds) {
    List<String> ids = personIds.stream().filter(Objects::nonNull).distinct().toList();
    Map<String, String> known = ids.isEmpty() ? Map.of() : jdbc.query("SELECT * FROM org_user WHERE id IN ("
        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", Organisation::person, ids.toArray())
        .stream().collect(Collectors.toMap(Person::id, Person::displayName));
    return id -> id == null ? "Team queue" : known.getOrDefault(id, id);
  }

  /** One person's name, as {@link #namesOf} gives it. */
  public String nameOf(String personId) {
    return namesOf(Collections.singleton(personId)).apply(personId);
  }

  /** The team's reps in a stable order (by id), which round robin walks. */
  public List<Person> reps(String teamId) {
    return jdbc.query(
        "SELECT * FROM org_user WHERE team_id = ? AND role = 'REP' ORDER BY id", Organisation::person, teamId);
  }

  /** The team's people who are away on that day (a day of the team's calendar): one query for the whole team. */
  public Set<String> awayOn(String teamId, LocalDate day) {
    return new HashSet<>(jdbc.queryForList("SELECT DISTINCT o.user_id FROM out_of_office o JOIN org_user u"
        + " ON u.id = o.user_id WHERE u.team_id = ? AND o.first_day <= ? AND o.last_day >= ?", String.class,
        teamId, day, day));
  }

  /** What keeps a person from leaving: teams they manage and people who report to them. */
  public List<String> responsibilitiesOf(String personId) {
    List<String> duties = new ArrayList<>();
    jdbc.queryForList("SELECT id FROM team WHERE manager_id = ?", String.class, personId)
        .forEach(team -> duties.add("manages " + team));
    jdbc.queryForList("SELECT id FROM org_user WHERE reports_to = ?", String.class, personId)
        .forEach(report -> duties.add("has " + report + " reporting to them"));
    return duties;
  }

  public Optional<Person> manager(String teamId) {
    return team(teamId).flatMap(t -> person(t.managerId()));
  }

  /**
   * The calendar the team's SLA clocks run on, as last committed by any node; built once per change, since holiday
   * lookups are costly.
   */
  public BusinessCalendar calendar(String teamId) {
    return calendars.calendar(teamId);
  }

  static BusinessCalendar calendarOf(Team team) {
    return team.ownHours().applyTo(BusinessCalendar.workingHours(team.zone(), team.opens(), team.closes(),
        team.workingDays(), publicHolidaysOf(team)));
  }

  private static HolidayCalendar publicHolidaysOf(Team team) {
    return team.holidayCountry() == null
        ? HolidayCalendar.none()
        : JollydayHolidays.of(team.holidayCountry(), team.holidayRegion());
  }

  /** A day of a team's calendar as an administrator checks it: its hours (none on a day off) and why. */
  public record CalendarDay(LocalDate date, DayOfWeek weekday, String opens, String closes, String why) {}

  /** The team's calendar from {@code from} to {@code to}, both included, with the working time they hold. */
  public record CalendarView(String teamId, String timeZone, LocalDate from, LocalDate to, String workingTime,
      List<CalendarDay> days) {}

  /** Each day of the team's calendar, as SLAs planned now count it, and why it is so. */
  public CalendarView calendarView(Team team, LocalDate from, LocalDate to) {
    BusinessCalendar calendar = calendar(team.id());
    HolidayCalendar publicHolidays = publicHolidaysOf(team);
    Map<LocalDate, OwnHours.OwnDate> own = team.ownHours().dates().stream()
        .collect(Collectors.toMap(OwnHours.OwnDate::date, Function.identity()));
    List<CalendarDay> days = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      OwnHours.OwnDate ownDate = own.get(date);
      String why = ownDate != null
          ? (OwnHours.CLOSED.equals(ownDate.hours()) ? "company holiday" : "hours of its own")
              + (ownDate.note() == null ? "" : ": " + ownDate.note())
          : publicHolidays.isHoliday(date) ? "public holiday"
          : team.ownHours().weekdays().containsKey(date.getDayOfWeek()) ? "weekday hours"
          : team.workingDays().contains(date.getDayOfWeek()) ? "standard hours" : "day off";
      Optional<BusinessCalendar.Hours> hours = calendar.hoursOn(date);
      // As the request writes them: 09:00, not 09:00:00.
      days.add(new CalendarDay(date, date.getDayOfWeek(), hours.map(h -> h.opens().toString()).orElse(null),
          hours.map(h -> h.closes().toString()).orElse(null), why));
    }
    Duration working = calendar.workingTimeBetween(from.atStartOfDay(team.zone()).toInstant(),
        to.plusDays(1).atStartOfDay(team.zone()).toInstant());
    return new CalendarView(team.id(), team.zone().getId(), from, to, working.toString(), days);
  }

  /** The team's calendar history, newest first: who changed it, when, to what. */
  public List<TeamCalendars.Change> calendarChanges(Team team) {
    return calendars.changes(team.id());
  }

  static Team team(ResultSet rs, int row) throws SQLException {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : split(rs.getString("working_days"))) {
      days.add(DayOfWeek.valueOf(day));
    }
    return new Team(
        rs.getString("id"),
        rs.getString("name"),
        ZoneId.of(rs.getString("time_zone")),
        LocalTime.parse(rs.getString("opens")),
        LocalTime.parse(rs.getString("closes")),
        days,
        rs.getString("holiday_country"),
        rs.getString("holiday_region"),
        rs.getString("manager_id"),
        rs.getString("slack_webhook_url"),
        OwnHours.fromJson(rs.getString("own_hours")));
  }

  private static Person person(ResultSet rs, int row) throws SQLException {
    return new Person(
        rs.getString("id"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("email"),
        Person.Role.valueOf(rs.getString("role")),
        rs.getString("team_id"),
        split(rs.getString("territories")),
        split(rs.getString("products")),
        rs.getInt("capacity"),
        rs.getString("reports_to"));
  }

  static List<String> split(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static String join(Iterable<?> values) {
    return values == null ? "" : java.util.stream.StreamSupport.stream(values.spliterator(), false)
        .map(String::valueOf).collect(Collectors.joining(","));
  }
}
