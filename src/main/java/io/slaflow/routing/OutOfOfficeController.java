package io.slaflow.routing;

import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.web.PlausibleDate;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/org/people/{id}/out-of-office}: an administrator records an absence and its handover. */
@RestController
public class OutOfOfficeController {

  private final Organisation organisation;
  private final OutOfOffice outOfOffice;

  public OutOfOfficeController(Organisation organisation, OutOfOffice outOfOffice) {
    this.organisation = organisation;
    this.outOfOffice = outOfOffice;
  }

  /** Days away, both inclusive, and what happens to open work meanwhile. */
  public record Absence(@NotNull @PlausibleDate LocalDate from, @NotNull @PlausibleDate LocalDate to,
      @NotNull OutOfOffice.Handover handover) {}

  @PostMapping(path = "/api/org/people/{id}/out-of-office", consumes = "application/json",
      produces = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  public OutOfOffice.Result declare(@PathVariable String id, @Valid @RequestBody Absence absence) {
    Person person = person(id);
    if (absence.to().isBefore(absence.from())) {
      throw Problems.invalid("to", "must not be before from");
    }
    if (outOfOffice.alreadyDeclared(id, absence.from())) {
      throw Problems.status(HttpStatus.CONFLICT,
          "An absence of '" + id + "' starting " + absence.from() + " is already recorded");
    }
    return outOfOffice.declare(person, absence.from(), absence.to(), absence.handover());
  }

  /**
   * {@code DELETE /api/org/people/{id}}: the person leaves. Their open work is reassigned at once, routing never
   * picks them again, and they can no longer log in; their SLA records keep their name for the reports.
   */
  @DeleteMapping(path = "/api/org/people/{id}", produces = "application/json")
  public OutOfOffice.Result leave(@PathVariable String id) {
    Person person = person(id);
    List<String> responsibilities = organisation.responsibilitiesOf(id);
    if (!responsibilities.isEmpty()) {
      throw Problems.status(HttpStatus.CONFLICT,
          "'" + id + "' still " + String.join(" and ", responsibilities) + "; change that first");
    }
    return outOfOffice.leave(person);
  }

  private Person person(String id) {
    return organisation.person(id)
        .orElseThrow(() -> Problems.status(HttpStatus.NOT_FOUND, "No person with id '" + id + "'"));
  }
}
