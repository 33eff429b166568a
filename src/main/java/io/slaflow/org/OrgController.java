package io.slaflow.org;

import io.slaflow.Problems;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RequestBody;
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
  public ResponseEntity<TeamView> putTeam(@PathVariable String id, @Valid @RequestBody OrgRequests.TeamRequest team) {
    boolean created = admin.putTeam(id, team);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(view(organisation.requireTeam(id), organisation.people()));
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
