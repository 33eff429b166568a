package io.slaflow.report;

import io.slaflow.Problems;
import io.slaflow.intake.ApiAuthenticationFilter;
import io.slaflow.org.IdentitySync;
import io.slaflow.sla.SlaClock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/adherence}: JSON, or CSV with {@code format=csv}. Administrators see everything, managers
 * their teams, reps their own figures.
 */
@RestController
public class ReportController {

  private final AdherenceReport adherence;
  private final IdentityService identityService;

  public ReportController(AdherenceReport adherence, IdentityService identityService) {
    this.adherence = adherence;
    this.identityService = identityService;
  }

  @GetMapping(path = "/api/reports/adherence")
  public ResponseEntity<?> adherence(
      @RequestAttribute(ApiAuthenticationFilter.USER_ATTRIBUTE) String user,
      @RequestParam(defaultValue = "rep") String groupBy,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String unit,
      @RequestParam(defaultValue = "json") String format) {
    AdherenceReport.GroupBy grouping = groupBy(groupBy);
    LocalDate end = to != null ? to : SlaClock.now().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    LocalDate start = from != null ? from : end.minusDays(28);
    if (!start.isBefore(end)) {
      throw invalid("to", "must be after from");
    }
    List<AdherenceReport.Row> rows = adherence.run(grouping,
        new AdherenceReport.Filter(start.atStartOfDay().toInstant(ZoneOffset.UTC),
            end.atStartOfDay().toInstant(ZoneOffset.UTC), team, unit),
        scopeOf(user), SlaClock.now());
    if (format.equalsIgnoreCase("csv")) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv")).body(Csv.adherence(rows));
    }
    return ResponseEntity.ok(rows);
  }

  /** Administrators: everything; managers: the teams whose managers group they are in; reps: their own visits. */
  private AdherenceReport.Scope scopeOf(String user) {
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return AdherenceReport.Scope.all();
    }
    List<String> managed = groups.stream().flatMap(g -> IdentitySync.teamManagedThrough(g).stream()).toList();
    if (!managed.isEmpty()) {
      return new AdherenceReport.Scope(managed, null, false);
    }
    if (groups.contains(IdentitySync.REPS)) {
      return new AdherenceReport.Scope(List.of(), user, false);
    }
    throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
        "Reports are for administrators, managers and reps"), null);
  }

  private static AdherenceReport.GroupBy groupBy(String value) {
    try {
      return AdherenceReport.GroupBy.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("groupBy", "must be one of rep, team, stage, unit, source, week");
    }
  }

  private static ErrorResponseException invalid(String field, String message) {
    return new ErrorResponseException(HttpStatus.BAD_REQUEST,
        Problems.validation(List.of(new Problems.FieldProblem(field, message))), null);
  }
}
