package io.slaflow.report;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First response on leads (unit lead-routing, stage first-contact): per rep or source, how many leads came in, how
 * many were contacted within 2 hours of arriving, and the average and median time to the first response.
 */
@Component
public class FirstResponseReport {

  static final Duration PROMISE = Duration.ofHours(2);

  /** One group's figures; times in minutes, null while no lead of the group has been contacted. */
  public record Row(String group, long leads, long contacted, long within2h, Double shareWithin2h,
      Double averageMinutes, Double medianMinutes) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final boolean postgres;

  public FirstResponseReport(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c ->
        c.getMetaData().getDatabaseProductName()));
  }

  /** @param bySource group by lead source; otherwise by the rep who made the first contact ("" when nobody yet) */
  public List<Row> run(boolean bySource, AdherenceReport.Filter filter, AdherenceReport.Scope scope) {
    // Per lead: its first-contact visits (all of them, also a reassigned one's) of the leads with a visit in the
    // period and scope; the window and scope pick the leads through their indexes first, then each lead's visits are
    // looked up by (unit, record_id). Times are whole minutes, as a rep reads them.
    StringBuilder sql = new StringBuilder("SELECT grp, COUNT(*) AS leads, COUNT(minutes) AS contacted,"
        + " SUM(CASE WHEN minutes <= ? THEN 1 ELSE 0 END) AS within,"
        + " AVG(minutes) AS average_minutes, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY minutes) AS median_minutes"
        + " FROM (SELECT ").append(bySource ? "COALESCE(MIN(r.source), '')"
            : "COALESCE(MAX(CASE WHEN r.first_response_at IS NOT NULL THEN r.owner_id END), '')")
        .append(" AS grp, CAST(FLOOR((EXTRACT(EPOCH FROM MAX(r.first_response_at))"
            + " - EXTRACT(EPOCH FROM MIN(r.started_at))) / 60) AS DOUBLE PRECISION) AS minutes"
            + " FROM (SELECT DISTINCT record_id FROM sla_record WHERE unit = 'lead-routing'"
            + " AND started_at >= ? AND started_at < ?");
    List<Object> args = new ArrayList<>(List.of(PROMISE.toMinutes(), filter.from().atOffset(ZoneOffset.UTC),
        filter.to().atOffset(ZoneOffset.UTC)));
    AdherenceReport.narrow(sql, args, filter, scope);
    sql.append(") w JOIN sla_record r ON r.unit = 'lead-routing' AND r.record_id = w.record_id"
        + " AND r.stage = 'first-contact' GROUP BY r.record_id) leads GROUP BY grp ORDER BY grp");
    return query(sql.toString(), args.toArray()).stream().map(FirstResponseReport::row).toList();
  }

  /**
   * On PostgreSQL the query runs in a read-only transaction that asks for a plan made for its own period and lets its
   * sorts use 32 MB instead of spilling to disk. The JDBC driver prepares a statement on the server once it has run
   * five times, and PostgreSQL then settles on a generic plan that guesses a period holds a few hundred leads; for a
   * year of 280,000 it sorts and hashes on disk (1.5 s instead of 0.5 s, ReportBenchmark). Both settings end with
   * the transaction. The other reports keep the generic plan: for the waterfall the custom one is slower.
   */
  private List<Map<String, Object>> query(String sql, Object[] args) {
    if (!postgres) {
      return jdbc.queryForList(sql, args);
    }
    return readOnly.execute(status -> {
      jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
      jdbc.execute("SET LOCAL work_mem = '32MB'");
      return jdbc.queryForList(sql, args);
    });
  }

  private static Row row(Map<String, Object> r) {
    long leads = ((Number) r.get("leads")).longValue();
    long within = ((Number) r.get("within")).longValue();
    return new Row((String) r.get("grp"), leads, ((Number) r.get("contacted")).longValue(), within,
        (double) within / leads, number(r.get("average_minutes")), number(r.get("median_minutes")));
  }

  private static Double number(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
