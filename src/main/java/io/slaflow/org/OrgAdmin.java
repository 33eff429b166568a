package io.slaflow.org;

import io.slaflow.calendar.JollydayHolidays;
import io.slaflow.web.Problems.FieldProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to teams and people, each written to our tables and mirrored into Camunda's identity store. */
@Service
public class OrgAdmin {

  private static final int DEFAULT_CAPACITY = 20;
  private static final String ID = "[a-z0-9][a-z0-9._-]{0,63}";
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

  private final JdbcTemplate jdbc;
  private final Organisation organisation;
  private final IdentitySync identity;
  private final TeamCalendars calendars;

  public OrgAdmin(JdbcTemplate jdbc, Organisation organisation, IdentitySync identity, TeamCalendars calendars) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.identity = identity;
    this.calendars = calendars;
  }

  /** Thrown with every field that is wrong beyond what the annotations check. */
  public static class InvalidFields extends RuntimeException {
    private final transient List<FieldProblem> problems;

    InvalidFields(List<FieldProblem> problems) {
      super(problems.toString());
      this.problems = problems;
    }

    public List<FieldProblem> problems() {
      return problems;
    }
  }

  /**
   * Creates or changes a team; a change of its calendar is written to the team's calendar history in {@code actor}'s
   * name.
   *
   * @return true when the team was created, false when it was updated
   */
  @Transactional
  public boolean putTeam(String id, OrgRequests.TeamRequest team, String actor) {
    List<FieldProblem> problems = checkId(id);
    if (IdentitySync.isReservedGroupId(id)) {
      problems.add(new FieldProblem("id", "is reserved for a role group"));
    }
    try {
      ZoneId.of(team.timeZone());
    } catch (DateTimeException e) {
      problems.add(new FieldProblem("timeZone", "must be a time zone such as Europe/Berlin"));
    }
    if (!LocalTime.parse(team.opens()).isBefore(LocalTime.parse(team.closes()))) {
      problems.add(new FieldProblem("closes", "must be after opens"));
    }
    if (team.holidayCountry() != null) {
      try {
        JollydayHolidays.of(team.holidayCountry(), team.holidayRegion());
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("holidayRegion", e.getMessage()));
      }
    }
    OwnHours own = team.ownHours() == null ? OwnHours.NONE : team.ownHours();
    problems.addAll(checkOwnHours(own));
    if (team.managerId() != null && organisation.person(team.managerId()).isEmpty()) {
      problems.add(new FieldProblem("managerId", "no person with this id"));
    }
    if (team.slackWebhookUrl() != null && !team.slackWebhookUrl().isEmpty()
        && !isWebhookUrl(team.slackWebhookUrl())) {
      problems.add(new FieldProblem("slackWebhookUrl",
          "must be an https URL such as https://hooks.slack.com/services/..."));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFields(problems);
    }
    Team previous = organisation.team(id).orElse(null);
    String previousManager = previous == null ? null : previous.managerId();
    boolean created = previous == null;
    String webhook = webhookToStore(team.slackWebhookUrl(), previous);
    if (created) {
      jdbc.update("INSERT INTO team (id, name, time_zone, opens, closes, working_days, holiday_country,"
          + " holiday_region, manager_id, slack_webhook_url, own_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
          team.name(), team.timeZone(), team.opens(), team.closes(), String.join(",", team.workingDays()),
          team.holidayCountry(), team.holidayRegion(), team.managerId(), webhook, own.toJson());
      jdbc.update("INSERT INTO routing_cursor (team_id) VALUES (?)", id);
    } else {
      jdbc.update("UPDATE team SET name = ?, time_zone = ?, opens = ?, closes = ?, working_days = ?,"
          + " holiday_country = ?, holiday_region = ?, manager_id = ?, slack_webhook_url = ?, own_hours = ?"
          + " WHERE id = ?", team.name(), team.timeZone(), team.opens(), team.closes(),
          String.join(",", team.workingDays()), team.holidayCountry(), team.holidayRegion(), team.managerId(),
          webhook, own.toJson(), id);
    }
    // Every write, not only one that differs from the row read above: two writes at once could each see the other's
    // settings as unchanged. A new team counts too: its id may have been written and rolled back before.
    calendars.changed(id);
    calendars.recordChange(id, previous, organisation.requireTeam(id), actor);
    identity.syncTeam(organisation.requireTeam(id));
    // The managers group follows who manages the team: the old manager leaves it, the new one joins.
    for (String manager : new String[] {previousManager, team.managerId()}) {
      organisation.person(manager).ifPresent(person -> identity.syncPerson(person, null));
    }
    return created;
  }

  /** Hours that open before they close, each date once. */
  private static List<FieldProblem> checkOwnHours(OwnHours own) {
    List<FieldProblem> problems = new ArrayList<>();
    own.weekdays().forEach((day, hours) -> {
      if (OwnHours.hours(hours).closed()) {
        problems.add(new FieldProblem("ownHours.weekdays." + day, "must open before it closes"));
      }
    });
    Set<LocalDate> seen = new HashSet<>();
    for (int i = 0; i < own.dates().size(); i++) {
      OwnHours.OwnDate date = own.dates().get(i);
      if (!OwnHours.CLOSED.equals(date.hours()) && OwnHours.hours(date.hours()).closed()) {
        problems.add(new FieldProblem("ownHours.dates[" + i + "].hours", "must open before it closes"));
      }
      if (!seen.add(date.date())) {
        problems.add(new FieldProblem("ownHours.dates[" + i + "].date", "is given twice"));
      }
    }
    return problems;
  }

  /** The request's webhook; the team's current one when the request leaves it out; none for an empty string. */
  private static String webhookToStore(String requested, Team previous) {
    if (requested == null) {
      return previous == null ? null : previous.slackWebhookUrl();
    }
    return requested.isEmpty() ? null : requested;
  }

  /**
   * Alerts are posted to the webhook with the alert's text, so it must be encrypted on the way: https, except for a
   * receiver on this machine (a local relay, or a test's).
   */
  static boolean isWebhookUrl(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null || uri.getRawUserInfo() != null) {
        return false;
      }
      return "https".equals(uri.getScheme())
          || "http".equals(uri.getScheme()) && LOCAL_HOSTS.contains(uri.getHost());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Ids become Camunda user and group ids, which allow lowercase letters, digits, dot, dash and underscore. */
  private static List<FieldProblem> checkId(String id) {
    List<FieldProblem> problems = new ArrayList<>();
    if (!id.matches(ID)) {
      problems.add(new FieldProblem("id", "must be lowercase letters, digits, '.', '-' or '_', such as ben.keller"));
    }
    return problems;
  }

  /**
   * @param initialPassword the password a new person gets (the API generates one and shows it once)
   * @return true when the person got a new login (created, or back after leaving), false on an update
   */
  @Transactional
  public boolean putPerson(String id, OrgRequests.PersonRequest person, String initialPassword) {
    List<FieldProblem> problems = checkId(id);
    if (organisation.person(id).isEmpty() && identity.isUser(id)) {
      problems.add(new FieldProblem("id", "is a Camunda user outside the organisation, such as the administrator"));
    }
    if (organisation.team(person.teamId()).isEmpty()) {
      problems.add(new FieldProblem("teamId", "no team with this id"));
    }
    if (person.reportsTo() != null && organisation.person(person.reportsTo()).isEmpty()) {
      problems.add(new FieldProblem("reportsTo", "no person with this id"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFields(problems);
    }
    int capacity = person.capacity() == null ? DEFAULT_CAPACITY : person.capacity();
    boolean created = organisation.person(id).isEmpty();
    boolean newLogin = !identity.isUser(id);
    if (!created && newLogin) {
      // A leaver who is back: their leaving absence ends, or routing would skip them for ever.
      jdbc.update("DELETE FROM out_of_office WHERE user_id = ? AND last_day = ?", id, Organisation.LEFT_UNTIL);
    }
    if (created) {
      jdbc.update("INSERT INTO org_user (id, first_name, last_name, email, role, team_id, territories, products,"
          + " capacity, reports_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, person.firstName(),
          person.lastName(), person.email(), person.role().name(), person.teamId(),
          Organisation.join(person.territories()), Organisation.join(person.products()), capacity,
          person.reportsTo());
    } else {
      jdbc.update("UPDATE org_user SET first_name = ?, last_name = ?, email = ?, role = ?, team_id = ?,"
          + " territories = ?, products = ?, capacity = ?, reports_to = ? WHERE id = ?", person.firstName(),
          person.lastName(), person.email(), person.role().name(), person.teamId(),
          Organisation.join(person.territories()), Organisation.join(person.products()), capacity,
          person.reportsTo(), id);
    }
    identity.syncPerson(organisation.person(id).orElseThrow(), initialPassword);
    return newLogin;
  }
}
