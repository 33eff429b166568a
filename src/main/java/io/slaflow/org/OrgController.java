package io.slaflow.org;

import io.slaflow.calendar.EngineTime;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/org}: administrators manage teams and people; Camunda's users and groups follow. */
@RestController
public class OrgController {

  private final Organisation organisation;
  private final OrgAdmin admin;

  public OrgController(Organisation organisation, OrgAdmin admin) {
    this.organisation = organisation;
    this.admin = admin;
  }

  /** A team with its people. */
  public record TeamView(Team team, List<Person> people) {}

  @GetMapping(path = "/api/org/teams", produces = "application/json")
  public List<TeamView> teams() {
    List<Person> people = organisation.people();
    return organisation.teams().stream().map(team -> view(team, people)).toList();
  }

  private static TeamView view(Team team, List<Person> people) {
    return new TeamView(team, people.stream().filter(p -> p.teamId().equals(team.id())).toList());
  }

  @PutMapping(path = "/api/org/teams/{id}", consumes = "application/json", produces = "application/json")
  public ResponseEntity<TeamView> putTeam(@PathVariable String id, @Valid @RequestBody OrgRequests.TeamRequest team,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    boolean created = admin.putTeam(id, team, user);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(view(organisation.requireTeam(id), organisation.people()));
  }

  /** The longest stretch of a team's calendar one request shows. */
  static final int MAX_CALENDAR_DAYS = 366;

  /**
   * The team's calendar day by day, as an SLA planned now counts it ({@code from} today in the team's zone and
   * {@code to} two weeks on, if not given): each day's hours and why, and the working time in all.
   */
  @GetMapping(path = "/api/org/teams/{id}/calendar", produces = "application/json")
  public Organisation.CalendarView calendar(@PathVariable String id,
      @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
    Team team = organisation.team(id).orElseThrow(() -> noTeam(id));
    LocalDate first = from != null ? from : EngineTime.now().atZone(team.zone()).toLocalDate();
    LocalDate last = to != null ? to : first.plusDays(13);
    if (last.isBefore(first)) {
      throw Problems.invalid("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_CALENDAR_DAYS) {
      throw Problems.invalid("to", "must be within " + MAX_CALENDAR_DAYS + " days of from");
    }
    return organisation.calendarView(team, first, last);
  }

  /** Every change of the team's calendar, newest first: the version it became, when, by whom, to what. */
  @GetMapping(path = "/api/org/teams/{id}/calendar/changes", produces = "application/json")
  public List<TeamCalendars.Change> calendarChanges(@PathVariable String id) {
    return organisation.calendarChanges(organisation.team(id).orElseThrow(() -> noTeam(id)));
  }

  private static RuntimeException noTeam(String id) {
    return Problems.status(HttpStatus.NOT_FOUND, "No team '" + id + "'");
  }

  /** A new person's answer (or a leaver's who is back) carries their generated initial password, shown once. */
  @PutMapping(path = "/api/org/people/{id}", consumes = "application/json", produces = "application/json")
  public ResponseEntity<Map<String, Object>> putPerson(
      @PathVariable String id, @Valid @RequestBody OrgRequests.PersonRequest person) {
    String initialPassword = Passwords.generate();
    boolean newLogin = admin.putPerson(id, person, initialPassword);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("person", organisation.person(id).orElseThrow());
    if (newLogin) {
      body.put("initialPassword", initialPassword);
    }
    return ResponseEntity.status(newLogin ? HttpStatus.CREATED : HttpStatus.OK).body(body);
  }

  @ExceptionHandler(OrgAdmin.InvalidFields.class)
  public ProblemDetail invalid(OrgAdmin.InvalidFields e) {
    return Problems.validation(e.problems());
  }
}
