package io.slaflow.report;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

  public FirstResponseReport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @param bySource group by lead source; otherwise by the rep who made the first contact ("" when nobody yet) */
  public List<Row> run(boolean bySource, AdherenceReport.Filter filter, AdherenceReport.Scope scope) {
    StringBuilder sql = new StringBuilder("SELECT record_id, MIN(source) AS source, MIN(started_at) AS arrived,"
        + " MAX(first_response_at) AS responded,"
        + " MAX(CASE WHEN first_response_at IS NOT NULL THEN owner_id END) AS responder"
        + " FROM sla_record WHERE unit = 'lead-routing' AND stage = 'first-contact'"
        + " AND record_id IN (SELECT record_id FROM sla_record WHERE unit = 'lead-routing'"
        + " AND started_at >= ? AND started_at < ?");
    List<Object> args = new ArrayList<>(List.of(filter.from().atOffset(ZoneOffset.UTC),
        filter.to().atOffset(ZoneOffset.UTC)));
    AdherenceReport.narrow(sql, args, filter, scope);
    sql.append(") GROUP BY record_id");

    Map<String, List<Lead>> groups = new TreeMap<>();
    jdbc.query(sql.toString(), rs -> {
      OffsetDateTime responded = rs.getObject("responded", OffsetDateTime.class);
      String key = bySource ? rs.getString("source") : rs.getString("responder");
      groups.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(new Lead(
          rs.getObject("arrived", OffsetDateTime.class).toInstant(),
          responded == null ? null : responded.toInstant()));
    }, args.toArray());
    return groups.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
  }

  private record Lead(Instant arrived, Instant responded) {}

  static Row row(String group, List<Lead> leads) {
    List<Long> minutes = leads.stream().filter(l -> l.responded() != null)
        .map(l -> Duration.between(l.arrived(), l.responded()).toMinutes()).sorted().toList();
    long within = leads.stream().filter(l -> l.responded() != null
        && Duration.between(l.arrived(), l.responded()).compareTo(PROMISE) <= 0).count();
    Double average = minutes.isEmpty() ? null : minutes.stream().mapToLong(Long::longValue).average().orElseThrow();
    Double median = minutes.isEmpty() ? null : minutes.size() % 2 == 1
        ? (double) minutes.get(minutes.size() / 2)
        : (minutes.get(minutes.size() / 2 - 1) + minutes.get(minutes.size() / 2)) / 2.0;
    return new Row(group, leads.size(), minutes.size(), within, (double) within / leads.size(), average, median);
  }
}
