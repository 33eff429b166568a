package io.slaflow.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * SLA adherence from our own indexed table {@code sla_record} (never Camunda's history): per group, how many stage
 * visits met their SLA, breached it, or are open and due within the hour, and the violation rate.
 */
@Component
public class AdherenceReport {

  /** What a report may group by: the column of {@code sla_record}, and the roll-up rows and column that match it. */
  public enum GroupBy {
    REP("owner_id", "rep", "grp"), TEAM("team_id", "rep", "team_id"), STAGE("stage", "stage", "grp"),
    UNIT("unit", "rep", "unit"), SOURCE("source", "source", "grp"), WEEK("started_week", "rep", "week");

    private final String column;
    private final String rollupDim;
    private final String rollupColumn;

    GroupBy(String column, String rollupDim, String rollupColumn) {
      this.column = column;
      this.rollupDim = rollupDim;
      this.rollupColumn = rollupColumn;
    }
  }

  /** Who may see what: everything, some teams' visits, or one rep's own. */
  public record Scope(List<String> teams, String ownerId, boolean everything) {
    public static Scope all() {
      return new Scope(List.of(), null, true);
    }
  }

  /** The visits that started in {@code [from, to)}, optionally of one team and one unit. */
  public record Filter(Instant from, Instant to, String team, String unit) {}

  /**
   * One group's figures; violationRate = breached / (met + breached), null while nothing is decided. The label names
   * the group for people: a rep's name, a team's name, a stage in words.
   */
  public record Row(String group, long visits, long met, long breached, long openAtRisk, Double violationRate,
      String label) {
    Row labelled(String text) {
      return new Row(group, visits, met, breached, openAtRisk, violationRate, text);
    }
  }

  /** A group's visits, met and breached, as the report counts them and as a sealed week's roll-up keeps them. */
  static final String COUNTS = "COUNT(*) AS visits, SUM(CASE WHEN outcome = 'met' THEN 1 ELSE 0 END) AS met,"
      + " SUM(CASE WHEN breached_at IS NOT NULL THEN 1 ELSE 0 END) AS breached";

  private final JdbcTemplate jdbc;
  private final WeeklyRollup rollup;

  public AdherenceReport(JdbcTemplate jdbc, WeeklyRollup rollup) {
    this.jdbc = jdbc;
    this.rollup = rollup;
  }

  /**
   * The period's figures: sealed weeks from their roll-up, the rest (weeks still open, the period's partial weeks)
   * from the visits themselves. A rep's own figures are few and always read from the visits.
   */
  public List<Row> run(GroupBy groupBy, Filter filter, Scope scope, Instant now) {
    List<String> parts = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    Instant rawFrom = filter.from();
    for (WeeklyRollup.Run run : scope.ownerId() == null ? rollup.sealedWithin(filter.from(), filter.to())
        : List.<WeeklyRollup.Run>of()) {
      if (rawFrom.isBefore(run.start())) {
        parts.add(visits(groupBy, rawFrom, run.start(), filter, scope, now, args));
      }
      StringBuilder sealed = new StringBuilder("SELECT ").append(groupBy.rollupColumn).append(" AS grp,"
          + " SUM(visits) AS visits, SUM(met) AS met, SUM(breached) AS breached, 0 AS at_risk FROM report_week"
          + " WHERE dim = ? AND week >= ? AND week < ?");
      args.addAll(List.of(groupBy.rollupDim, run.from(), run.to()));
      narrow(sealed, args, filter, scope);
      parts.add(sealed.append(" GROUP BY ").append(groupBy.rollupColumn).toString());
      rawFrom = run.end();
    }
    if (rawFrom.isBefore(filter.to())) {
      parts.add(visits(groupBy, rawFrom, filter.to(), filter, scope, now, args));
    }
    if (parts.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT grp, SUM(visits) AS visits, SUM(met) AS met, SUM(breached) AS breached,"
        + " SUM(at_risk) AS at_risk FROM (" + String.join(" UNION ALL ", parts) + ") t GROUP BY grp ORDER BY grp";
    return jdbc.queryForList(sql, args.toArray()).stream().map(AdherenceReport::row).toList();
  }

  /** The figures of the visits that started in {@code [from, to)}. */
  private static String visits(GroupBy groupBy, Instant from, Instant to, Filter filter, Scope scope, Instant now,
      List<Object> args) {
    StringBuilder sql = new StringBuilder("SELECT ").append(groupBy.column).append(" AS grp, ").append(COUNTS)
        .append(", SUM(CASE WHEN outcome = 'open' AND breached_at IS NULL AND due_at <= ? THEN 1 ELSE 0 END) AS at_risk"
        + " FROM sla_record WHERE started_at >= ? AND started_at < ?");
    args.addAll(List.of(utc(now.plusSeconds(3600)), utc(from), utc(to)));
    narrow(sql, args, filter, scope);
    return sql.append(" GROUP BY ").append(groupBy.column).toString();
  }

  /** Narrows a query on sla_record to the filter's team and unit, and to what the scope may see. */
  static void narrow(StringBuilder sql, List<Object> args, Filter filter, Scope scope) {
    if (filter.team() != null) {
      sql.append(" AND team_id = ?");
      args.add(filter.team());
    }
    if (filter.unit() != null) {
      sql.append(" AND unit = ?");
      args.add(filter.unit());
    }
    restrict(sql, args, scope);
  }

  private static void restrict(StringBuilder sql, List<Object> args, Scope scope) {
    if (scope.everything()) {
      return;
    }
    if (scope.ownerId() != null) {
      sql.append(" AND owner_id = ?");
      args.add(scope.ownerId());
    } else if (scope.teams().isEmpty()) {
      sql.append(" AND 1 = 0");
    } else {
      sql.append(" AND team_id IN (").append(String.join(",", scope.teams().stream().map(t -> "?").toList()))
          .append(")");
      args.addAll(scope.teams());
    }
  }

  private static Row row(Map<String, Object> r) {
    long met = ((Number) r.get("met")).longValue();
    long breached = ((Number) r.get("breached")).longValue();
    Object group = r.get("grp");
    return new Row(group == null ? null : group.toString(), ((Number) r.get("visits")).longValue(), met, breached,
        ((Number) r.get("at_risk")).longValue(), met + breached == 0 ? null : (double) breached / (met + breached),
        null);
  }

  private static Object utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
