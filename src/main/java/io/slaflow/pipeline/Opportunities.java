package io.slaflow.pipeline;

import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stores and finds opportunities and the activities logged on them. */
@Repository
public class Opportunities {

  static final String TABLE = "opportunity";

  private final JdbcTemplate jdbc;

  public Opportunities(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Something done on an opportunity, by the rep or the prospect. */
  public record Activity(String kind, String note, String loggedBy, Instant loggedAt) {}

  void insert(Opportunity o, Creator creator) {
    jdbc.update(
        "INSERT INTO opportunity (id, external_id, idempotency_key, kind, lead_id, contact_name, contact_email,"
            + " contact_phone, company, country, source, product, amount, currency, created_at, created_by,"
            + " intake_client) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        o.id(), o.externalId(), creator.idempotencyKey(), o.kind(), o.leadId(), o.contactName(), o.contactEmail(),
        o.contactPhone(), o.company(), o.country(), o.source(), o.product(), o.amount(), o.currency(),
        utc(o.createdAt()),
        creator.createdBy(), creator.intakeClient());
  }

  void attachProcess(String id, String processInstanceId) {
    jdbc.update("UPDATE opportunity SET process_instance_id = ? WHERE id = ?", processInstanceId, id);
  }

  /** The opportunity left the pipeline: recycled, disqualified, won or lost, with the reason given. */
  void closed(String id, String status, String reason, Instant at) {
    jdbc.update("UPDATE opportunity SET status = ?, status_reason = ?, closed_at = ? WHERE id = ?",
        status, reason, utc(at), id);
  }

  void logActivity(String opportunityId, String kind, String note, String user, Instant at) {
    jdbc.update("INSERT INTO opportunity_activity (id, opportunity_id, kind, note, logged_by, logged_at)"
        + " VALUES (?,?,?,?,?,?)", UUID.randomUUID().toString(), opportunityId, kind, note, user, utc(at));
  }

  /** The activities logged on an opportunity, oldest first. */
  public List<Activity> activities(String opportunityId) {
    return jdbc.query("SELECT * FROM opportunity_activity WHERE opportunity_id = ? ORDER BY logged_at, id",
        (rs, i) -> new Activity(rs.getString("kind"), rs.getString("note"), rs.getString("logged_by"),
            rs.getObject("logged_at", OffsetDateTime.class).toInstant()), opportunityId);
  }

  public Optional<Opportunity> find(String id) {
    return jdbc.query("SELECT * FROM opportunity WHERE id = ?", Opportunities::map, id).stream().findFirst();
  }

  /** The MQL a lead was handed over as, if it was. */
  public Optional<Opportunity> findByLead(String leadId) {
    return jdbc.query("SELECT * FROM opportunity WHERE lead_id = ?", Opportunities::map, leadId).stream()
        .findFirst();
  }

  /** The opportunity the creator's earlier request created with the same idempotency key or external id, if any. */
  Optional<Opportunity> findRepeat(Creator creator, String externalId) {
    return IdempotentCreate.earlier(jdbc, TABLE, creator, externalId).flatMap(this::find);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Opportunity map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
    return new Opportunity(
        rs.getString("id"), rs.getString("external_id"), rs.getString("kind"), rs.getString("lead_id"),
        rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone"),
        rs.getString("company"), rs.getString("country"), rs.getString("source"), rs.getString("product"),
        rs.getBigDecimal("amount"), rs.getString("currency"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("process_instance_id"),
        rs.getString("status"), rs.getString("status_reason"), closed == null ? null : closed.toInstant());
  }
}
