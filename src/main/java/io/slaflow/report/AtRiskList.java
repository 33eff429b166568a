package io.slaflow.report;

import io.slaflow.org.Organisation;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaStanding;
import io.slaflow.sla.SlaVariables;
import java.time.Instant;
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
 * The open stage visits that need someone now: breached, or due within the hour (the adherence report's "due within
 * the hour"), most urgent first, with the record's name, its owner and a link to its process instance in Cockpit.
 * The manager's room shows it and refreshes it by itself.
 */
@Component
public class AtRiskList {

  /** A page of the room is for reading at a glance: the most urgent first, no more than this. */
  static final int LIMIT = 100;

  /** One open visit that needs someone now. */
  public record Row(String standing, String standingLabel, String record, String unit, String stage, String ownerId,
      String ownerName, String teamId, Instant dueAt, String cockpitLink) {}

  private final JdbcTemplate jdbc;
  private final Organisation organisation;
  private final String baseUrl;

  public AtRiskList(JdbcTemplate jdbc, Organisation organisation,
      @Value("${slaflow.base-url:http://localhost:8080}") String baseUrl) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.baseUrl = baseUrl;
  }

  /**
   * @param titles the record titles of process instances, by instance id (the engine keeps them)
   */
  public List<Row> run(AdherenceReport.Filter filter, AdherenceReport.Scope scope, Instant now,
      Function<Collection<String>, Map<String, String>> titles) {
    StringBuilder sql = new StringBuilder("SELECT * FROM sla_record WHERE outcome = 'open'"
        + " AND (breached_at IS NOT NULL OR due_at <= ?)");
    List<Object> args = new ArrayList<>(List.of(now.plusSeconds(3600).atOffset(ZoneOffset.UTC)));
    AdherenceReport.narrow(sql, args, filter, scope);
    sql.append(" ORDER BY due_at, id FETCH FIRST ").append(LIMIT).append(" ROWS ONLY");
    List<SlaRecord> visits = jdbc.query(sql.toString(), SlaRecords::map, args.toArray());
    Map<String, String> titleOf = titles.apply(visits.stream().map(SlaRecord::processInstanceId)
        .filter(id -> id != null).distinct().toList());
    Function<String, String> names = organisation.namesOf(visits.stream().map(SlaRecord::ownerId).toList());
    return visits.stream().map(visit -> {
      SlaStanding standing = SlaStanding.of(visit, SlaVariables.AT_RISK);
      String pid = visit.processInstanceId();
      return new Row(standing.key(), standing.label(), BreachList.recordName(titleOf, pid, visit.recordId()),
          visit.unit(), visit.stage(), visit.ownerId(), names.apply(visit.ownerId()), visit.teamId(),
          visit.dueAt(), BreachList.cockpitLink(baseUrl, pid));
    }).toList();
  }
}
