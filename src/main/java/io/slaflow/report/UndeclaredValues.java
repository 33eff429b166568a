package io.slaflow.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The process owner's list of values records came with that neither the SLA policy table nor the administrators name
 * (a lead source "webinar"): how many records, first and last seen. Each runs on the policy's fallback row until the
 * value gets a row of its own or is declared.
 */
@Component
public class UndeclaredValues {

  /** One value of one fact of a unit. */
  public record Row(String unit, String fact, String value, long records, Instant firstSeen, Instant lastSeen) {}

  private final JdbcTemplate jdbc;

  public UndeclaredValues(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Most records first. */
  public List<Row> run() {
    return jdbc.query("SELECT unit, fact, fact_value, COUNT(DISTINCT record_id) AS records, MIN(seen_at) AS first_seen,"
        + " MAX(seen_at) AS last_seen FROM undeclared_value GROUP BY unit, fact, fact_value"
        + " ORDER BY records DESC, unit, fact, fact_value",
        (rs, row) -> new Row(rs.getString("unit"), rs.getString("fact"), rs.getString("fact_value"),
            rs.getLong("records"), rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
            rs.getObject("last_seen", OffsetDateTime.class).toInstant()));
  }
}
