package io.slaflow.report;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The waterfall of seed 003 from our own table {@code stage_history}: per unit and stage, how many records entered
 * it in the period, how many went on from it (to a later stage, or won), the conversion ratio, and the median and
 * 90th-percentile time in the stage. Stages are listed as the funnel narrows: most records first.
 */
@Component
public class WaterfallReport {

  /** One stage of a unit's waterfall; times in hours, over the visits that have left the stage. */
  public record Row(String unit, String stage, long entered, long convertedOn, Double conversionRatio,
      Double medianHours, Double p90Hours) {}

  private final JdbcTemplate jdbc;

  public WaterfallReport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Row> run(AdherenceReport.Filter filter, AdherenceReport.Scope scope) {
    StringBuilder sql = new StringBuilder("SELECT unit, stage, COUNT(DISTINCT record_id) AS entered,"
        + " COUNT(DISTINCT CASE WHEN moved_on OR outcome = 'won' THEN record_id END) AS converted,"
        + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY seconds_in_stage) AS median_seconds,"
        + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY seconds_in_stage) AS p90_seconds"
        + " FROM stage_history WHERE entered_at >= ? AND entered_at < ?");
    List<Object> args = new ArrayList<>(List.of(filter.from().atOffset(ZoneOffset.UTC),
        filter.to().atOffset(ZoneOffset.UTC)));
    AdherenceReport.narrow(sql, args, filter, scope);
    sql.append(" GROUP BY unit, stage ORDER BY unit, entered DESC, stage");
    return jdbc.queryForList(sql.toString(), args.toArray()).stream().map(WaterfallReport::row).toList();
  }

  private static Row row(Map<String, Object> r) {
    long entered = ((Number) r.get("entered")).longValue();
    long converted = ((Number) r.get("converted")).longValue();
    return new Row((String) r.get("unit"), (String) r.get("stage"), entered, converted,
        entered == 0 ? null : (double) converted / entered, hours(r.get("median_seconds")),
        hours(r.get("p90_seconds")));
  }

  private static Double hours(Object seconds) {
    return seconds == null ? null : ((Number) seconds).doubleValue() / 3600;
  }
}
