package io.slaflow.report;

import io.slaflow.org.Organisation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Breached stage visits with who and what was involved: the stage, the owner, paused time, how often the record was
 * reassigned, how far the escalation climbed (0 none, 1 the manager, 2 the manager's manager), and the process
 * instance in Cockpit. A year of a large organisation has hundreds of thousands of breaches, so the list comes in pages,
 * oldest breach first, with the total beside it.
 */
@Component
public class BreachList {

  /** One breached stage visit; {@code record} and {@code ownerName} name the record and its owner for people. */
  public record Row(String unit, String stage, String recordId, String ownerId, String teamId, Instant dueAt,
      Instant breachedAt, long pausedSeconds, long reassignments, int escalationLevel, String cockpitLink,
      String record, String ownerName) {}

  /** Which breaches first: the oldest (the default, for working through them) or the newest (what just happened). */
  public enum Order { OLDEST, NEWEST }

  /** One page of the list and how many breaches the whole list holds. */
  public record Page(long total, List<Row> rows) {}

  private final JdbcTemplate jdbc;
  private final Organisation organisation;
  private final String baseUrl;

  public BreachList(JdbcTemplate jdbc, Organisation organisation,
      @Value("${slaflow.base-url:http://localhost:8080}") String baseUrl) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.baseUrl = baseUrl;
  }

  /**
   * The breaches of the filter's period in scope, from {@code offset}, at most {@code limit} (null: all of them).
   *
   * @param owner only this rep's breaches (null: everyone's in scope)
   * @param titles the record titles of process instances, by instance id
   */
  public Page run(AdherenceReport.Filter filter, AdherenceReport.Scope scope, String owner, Order order, long offset,
      Integer limit, Function<Collection<String>, Map<String, String>> titles) {
    StringBuilder where = new StringBuilder(" FROM sla_record r WHERE breached_at >= ? AND breached_at < ?");
    List<Object> args = new ArrayList<>(List.of(filter.from().atOffset(ZoneOffset.UTC),
        filter.to().atOffset(ZoneOffset.UTC)));
    AdherenceReport.narrow(where, args, filter, scope);
    if (owner != null) {
      where.append(" AND owner_id = ?");
      args.add(owner);
    }
    long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
    if (offset >= total) {
      return new Page(total, List.of());
    }
    // Counting a record's reassignments per row is cheap for a page and dear for a year: only the page's rows do.
    StringBuilder sql = new StringBuilder("SELECT r.*, (SELECT COUNT(*) FROM sla_record x WHERE x.unit = r.unit"
        + " AND x.record_id = r.record_id AND x.outcome = 'reassigned') AS reassignments").append(where)
        .append(order == Order.NEWEST ? " ORDER BY breached_at DESC, visit_no DESC"
            : " ORDER BY breached_at, visit_no");
    if (limit != null) {
      sql.append(" OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
      args.add(offset);
      args.add(limit);
    } else if (offset > 0) {
      sql.append(" OFFSET ? ROWS");
      args.add(offset);
    }
    List<Found> found = rows(sql.toString(), args);
    Map<String, String> titleOf = titles.apply(found.stream().map(Found::processInstanceId)
        .filter(id -> id != null).distinct().toList());
    Function<String, String> names = organisation.namesOf(found.stream().map(f -> f.row().ownerId()).toList());
    return new Page(total, found.stream().map(f -> f.named(recordName(titleOf, f.processInstanceId(),
        f.row().recordId()), names.apply(f.row().ownerId()))).toList());
  }

  /** A row as read, with the process instance whose variables name its record. */
  private record Found(String processInstanceId, Row row) {
    Row named(String record, String ownerName) {
      return new Row(row.unit(), row.stage(), row.recordId(), row.ownerId(), row.teamId(), row.dueAt(),
          row.breachedAt(), row.pausedSeconds(), row.reassignments(), row.escalationLevel(), row.cockpitLink(),
          record, ownerName);
    }
  }

  /** A visit's record as lists name it: its process's title, or its id where the process has none (or is gone). */
  static String recordName(Map<String, String> titles, String processInstanceId, String recordId) {
    return processInstanceId == null ? recordId : titles.getOrDefault(processInstanceId, recordId);
  }

  /** Where Cockpit shows a process instance; none for a visit recorded without one. */
  static String cockpitLink(String baseUrl, String processInstanceId) {
    return processInstanceId == null ? null
        : baseUrl + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
  }

  private List<Found> rows(String sql, List<Object> args) {
    return jdbc.query(sql, (rs, i) -> {
      boolean escalated = rs.getObject("escalated_at") != null;
      boolean leftUndecided = escalated && rs.getString("escalation_action") == null
          && "reassigned".equals(rs.getString("outcome")) && rs.getString("away_handover") == null;
      String pid = rs.getString("process_instance_id");
      return new Found(pid, new Row(rs.getString("unit"), rs.getString("stage"), rs.getString("record_id"),
          rs.getString("owner_id"), rs.getString("team_id"),
          rs.getObject("due_at", OffsetDateTime.class).toInstant(),
          rs.getObject("breached_at", OffsetDateTime.class).toInstant(), rs.getLong("paused_seconds"),
          rs.getLong("reassignments"), leftUndecided ? 2 : escalated ? 1 : 0,
          cockpitLink(baseUrl, pid), null, null));
    }, args.toArray());
  }
}
