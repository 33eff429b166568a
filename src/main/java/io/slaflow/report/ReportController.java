package io.slaflow.report;

import io.slaflow.calendar.EngineTime;
import io.slaflow.desk.Desk;
import io.slaflow.org.IdentitySync;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The reports API, JSON or CSV ({@code format=csv}): administrators see everything, managers their teams, reps their
 * own figures.
 */
@RestController
public class ReportController {

  /** The breach list's page when the caller names none, and the largest page it may ask for. */
  static final int BREACH_PAGE = 100;
  static final int MAX_BREACH_PAGE = 10_000;

  private final AdherenceReport adherence;
  private final FirstResponseReport firstResponse;
  private final BreachList breachList;
  private final WaterfallReport waterfall;
  private final AtRiskList atRiskList;
  private final Desk desk;
  private final GroupLabels labels;
  private final IdentityService identityService;
  private final UndeclaredValues undeclaredValues;
  /** The share of decided visits that should meet their SLA (slaflow.reports.adherence-target). */
  private final double adherenceTarget;

  public ReportController(AdherenceReport adherence, FirstResponseReport firstResponse, BreachList breachList,
      WaterfallReport waterfall, AtRiskList atRiskList, Desk desk, GroupLabels labels,
      IdentityService identityService, UndeclaredValues undeclaredValues,
      @Value("${slaflow.reports.adherence-target:0.9}") double adherenceTarget) {
    this.adherence = adherence;
    this.firstResponse = firstResponse;
    this.breachList = breachList;
    this.waterfall = waterfall;
    this.atRiskList = atRiskList;
    this.desk = desk;
    this.labels = labels;
    this.identityService = identityService;
    this.undeclaredValues = undeclaredValues;
    this.adherenceTarget = adherenceTarget;
  }

  /**
   * {@code GET /api/reports/at-risk}: the open visits breached or due within the hour right now, most urgent first,
   * named and with their owners, optionally of one team and one unit.
   */
  @GetMapping(path = "/api/reports/at-risk")
  public ResponseEntity<?> atRisk(
      @RequestAttribute(ApiUser.ATTRIBUTE) String user,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String unit,
      @RequestParam(defaultValue = "json") String format) {
    AdherenceReport.Filter filter = new AdherenceReport.Filter(null, null, team, unit);
    return answer(format, atRiskList.run(filter, scopeOf(user), EngineTime.now(), desk::titlesOf), "at-risk",
        Csv::atRisk);
  }

  /**
   * {@code GET /api/reports/undeclared-values}: the values records came with that the SLA policy does not name (they
   * run on its fallback row), for the process owner who owns the policy, and administrators.
   */
  @GetMapping(path = "/api/reports/undeclared-values", produces = "application/json")
  public List<UndeclaredValues.Row> undeclaredValues(
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    if (!scopeOf(user).everything()) {
      throw Problems.status(HttpStatus.FORBIDDEN, "The values the SLA policy does not name are for process owners"
          + " and administrators");
    }
    return undeclaredValues.run();
  }

  @GetMapping(path = "/api/reports/adherence")
  public ResponseEntity<?> adherence(
      @RequestAttribute(ApiUser.ATTRIBUTE) String user,
      @RequestParam(defaultValue = "rep") String groupBy,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String unit,
      @RequestParam(defaultValue = "json") String format) {
    AdherenceReport.GroupBy grouping = groupBy(groupBy);
    ResponseEntity<?> answer = answer(format, labels.label(grouping, adherence.run(grouping,
        filter(from, to, team, unit), scopeOf(user), EngineTime.now())), "adherence", Csv::adherence);
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(answer.getHeaders());
    headers.set("X-Adherence-Target", String.valueOf(adherenceTarget));
    return new ResponseEntity<>(answer.getBody(), headers, HttpStatus.OK);
  }

  /** {@code GET /api/reports/first-response}: leads contacted within 2 hours, average and median, by rep or source. */
  @GetMapping(path = "/api/reports/first-response")
  public ResponseEntity<?> firstResponse(
      @RequestAttribute(ApiUser.ATTRIBUTE) String user,
      @RequestParam(defaultValue = "rep") String groupBy,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String team,
      @RequestParam(defaultValue = "json") String format) {
    if (!groupBy.equals("rep") && !groupBy.equals("source")) {
      throw Problems.invalid("groupBy", "must be rep or source");
    }
    return answer(format, firstResponse.run(groupBy.equals("source"), filter(from, to, team, null), scopeOf(user)),
        "first-response", Csv::firstResponse);
  }

  /**
   * {@code GET /api/reports/breaches}: breached stage visits with owner, reassignments, escalation and a link, oldest
   * breach first ({@code order=newest}: the newest), optionally of one {@code rep}, named for people, in pages:
   * {@code limit} rows from {@code offset} (JSON: 100 unless asked; CSV: all unless asked).
   * The whole list's length is in the {@code X-Total-Count} header, the next page in a {@code Link} header.
   */
  @GetMapping(path = "/api/reports/breaches")
  public ResponseEntity<?> breaches(
      @RequestAttribute(ApiUser.ATTRIBUTE) String user,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) String rep,
      @RequestParam(defaultValue = "oldest") String order,
      @RequestParam(defaultValue = "0") long offset,
      @RequestParam(required = false) Integer limit,
      @RequestParam(defaultValue = "json") String format) {
    if (offset < 0) {
      throw Problems.invalid("offset", "must be 0 or more");
    }
    if (limit != null && (limit < 1 || limit > MAX_BREACH_PAGE)) {
      throw Problems.invalid("limit", "must be between 1 and " + MAX_BREACH_PAGE);
    }
    boolean csv = format.equalsIgnoreCase("csv");
    Integer size = limit != null || csv ? limit : Integer.valueOf(BREACH_PAGE);
    BreachList.Order sequence = switch (order.toLowerCase(Locale.ROOT)) {
      case "oldest" -> BreachList.Order.OLDEST;
      case "newest" -> BreachList.Order.NEWEST;
      default -> throw Problems.invalid("order", "must be oldest or newest");
    };
    BreachList.Page page = breachList.run(filter(from, to, team, unit), scopeOf(user), rep, sequence, offset, size,
        desk::titlesOf);
    ResponseEntity<?> answer = answer(format, page.rows(), "breaches", Csv::breaches);
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(answer.getHeaders());
    headers.set("X-Total-Count", String.valueOf(page.total()));
    if (size != null && offset + size < page.total()) {
      headers.set(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
          .replaceQueryParam("offset", offset + size).replaceQueryParam("limit", size).build().toUriString()
          + ">; rel=\"next\"");
    }
    return new ResponseEntity<>(answer.getBody(), headers, HttpStatus.OK);
  }

  /**
   * {@code GET /api/reports/waterfall}: per unit and stage, records entered, converted on, the ratio, and median and
   * 90th-percentile hours in the stage.
   */
  @GetMapping(path = "/api/reports/waterfall")
  public ResponseEntity<?> waterfall(
      @RequestAttribute(ApiUser.ATTRIBUTE) String user,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String unit,
      @RequestParam(defaultValue = "json") String format) {
    return answer(format, waterfall.run(filter(from, to, team, unit), scopeOf(user)), "waterfall", Csv::waterfall);
  }

  /**
   * The rows as JSON, or when asked with {@code format=csv} as a file {@code <report>.csv} to save, so that a browser
   * never shows it in the page.
   */
  private static <T> ResponseEntity<?> answer(String format, List<T> rows, String report,
      Function<List<T>, String> csv) {
    if (format.equalsIgnoreCase("csv")) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
          .header(HttpHeaders.CONTENT_DISPOSITION,
              ContentDisposition.attachment().filename(report + ".csv").build().toString())
          .body(csv.apply(rows));
    }
    return ResponseEntity.ok(rows);
  }

  private static AdherenceReport.Filter filter(LocalDate from, LocalDate to, String team, String unit) {
    LocalDate end = to != null ? to : EngineTime.now().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    LocalDate start = from != null ? from : end.minusDays(28);
    if (!start.isBefore(end)) {
      throw Problems.invalid("to", "must be after from");
    }
    return new AdherenceReport.Filter(start.atStartOfDay().toInstant(ZoneOffset.UTC),
        end.atStartOfDay().toInstant(ZoneOffset.UTC), team, unit);
  }

  /**
   * Administrators and process owners (who own the SLA policy and judge it by these figures): everything; managers:
   * the teams whose managers group they are in; reps: their own visits. Reports only read.
   */
  private AdherenceReport.Scope scopeOf(String user) {
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    if (groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains(IdentitySync.PROCESS_OWNERS)) {
      return AdherenceReport.Scope.all();
    }
    List<String> managed = groups.stream().flatMap(g -> IdentitySync.teamManagedThrough(g).stream()).toList();
    if (!managed.isEmpty()) {
      return new AdherenceReport.Scope(managed, null, false);
    }
    if (groups.contains(IdentitySync.REPS)) {
      return new AdherenceReport.Scope(List.of(), user, false);
    }
    throw Problems.status(HttpStatus.FORBIDDEN, "Reports are for administrators, process owners, managers and reps");
  }

  private static AdherenceReport.GroupBy groupBy(String value) {
    try {
      return AdherenceReport.GroupBy.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problems.invalid("groupBy", "must be one of rep, team, stage, unit, source, week");
    }
  }

}
