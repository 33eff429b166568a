package io.slaflow.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * First response on leads (unit lead-routing, stage first-contact): per rep or source, how many leads came in, how
 * many were contacted within 2 hours of arriving, and the average and median time to the first response.
 */
@Component
public class FirstResponseReport {

  static final Duration PROMISE = Duration.ofHours(2);
  /** How far apart a lead's first-contact visits can lie: each is due in hours, a reassignment follows in a day. */
  static final Duration LEAD_SPAN = Duration.ofDays(14);

  /** One group's figures; times in minutes, null while no lead of the group has been contacted. */
  public record Row(String group, long leads, long contacted, long within2h, Double shareWithin2h,
      Double averageMinutes, Double medianMinutes) {}

  private final JdbcTemplate jdbc;

  public FirstResponseReport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @param bySource group by lead source; otherwise by the rep who made the first contact ("" when nobody yet) */
  public List<Row> run(boolean bySource, AdherenceReport.Filter filter, AdherenceReport.Scope scope) {
    // Per lead: all its first-contact visits (a reassigned lead has several), for the leads with a visit in the
    // period and scope. A lead's visits lie within days of each other, so one range scan of the period and a margin
    // on either side, on the covering period index, finds them all; no lookup per lead. Whole minutes, as a rep
    // reads them.
    StringBuilder inPeriod = new StringBuilder("started_at >= ? AND started_at < ?");
    List<Object> periodArgs = new ArrayList<>(List.of(utc(filter.from()), utc(filter.to())));
    AdherenceReport.narrow(inPeriod, periodArgs, filter, scope);
    String sql = "SELECT grp, COUNT(*) AS leads, COUNT(minutes) AS contacted,"
        + " SUM(CASE WHEN minutes <= ? THEN 1 ELSE 0 END) AS within,"
        + " AVG(minutes) AS average_minutes, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY minutes) AS median_minutes"
        + " FROM (SELECT " + (bySource ? "COALESCE(MIN(source), '')"
            : "COALESCE(MAX(CASE WHEN first_response_at IS NOT NULL THEN owner_id END), '')")
        + " AS grp, CAST(FLOOR((EXTRACT(EPOCH FROM MAX(first_response_at)) - EXTRACT(EPOCH FROM MIN(started_at)))"
        + " / 60) AS DOUBLE PRECISION) AS minutes"
        + " FROM sla_record WHERE started_at >= ? AND started_at < ? AND unit = 'lead-routing'"
        + " AND stage = 'first-contact' GROUP BY record_id"
        + " HAVING SUM(CASE WHEN " + inPeriod + " THEN 1 ELSE 0 END) > 0) leads GROUP BY grp ORDER BY grp";
    List<Object> args = new ArrayList<>(List.of(PROMISE.toMinutes(), utc(filter.from().minus(LEAD_SPAN)),
        utc(filter.to().plus(LEAD_SPAN))));
    args.addAll(periodArgs);
    return jdbc.queryForList(sql, args.toArray()).stream().map(FirstResponseReport::row).toList();
  }

  private static Object utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
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
