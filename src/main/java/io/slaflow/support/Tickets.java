package io.slaflow.support;

import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stores and finds support tickets. */
@Repository
public class Tickets {

  static final String TABLE = "ticket";

  private final JdbcTemplate jdbc;

  public Tickets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Ticket t, Creator creator) {
    jdbc.update("INSERT INTO ticket (id, external_id, idempotency_key, account, contact_name, contact_email,"
            + " contact_phone, country, category, priority, description, created_at, created_by, intake_client)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        t.id(), t.externalId(), creator.idempotencyKey(), t.account(), t.contactName(), t.contactEmail(),
        t.contactPhone(), t.country(), t.category(), t.priority(), t.description(),
        t.createdAt().atOffset(ZoneOffset.UTC), creator.createdBy(), creator.intakeClient());
  }

  void attachProcess(String id, String processInstanceId) {
    jdbc.update("UPDATE ticket SET process_instance_id = ? WHERE id = ?", processInstanceId, id);
  }

  void closed(String id, String confirmedBy, Instant at) {
    jdbc.update("UPDATE ticket SET status = 'closed', confirmed_by = ?, closed_at = ? WHERE id = ?", confirmedBy,
        at.atOffset(ZoneOffset.UTC), id);
  }

  void reopened(String id) {
    jdbc.update("UPDATE ticket SET reopened = reopened + 1 WHERE id = ?", id);
  }

  void changePriority(String id, String priority) {
    jdbc.update("UPDATE ticket SET priority = ? WHERE id = ?", priority, id);
  }

  public Optional<Ticket> find(String id) {
    return jdbc.query("SELECT * FROM ticket WHERE id = ?", Tickets::map, id).stream().findFirst();
  }

  /** The ticket the creator's earlier request created with the same idempotency key or external id, if any. */
  Optional<Ticket> findRepeat(Creator creator, String externalId) {
    return IdempotentCreate.earlier(jdbc, TABLE, creator, externalId).flatMap(this::find);
  }

  /** Teams the ticket has been routed to: whose members may read and work it. */
  List<String> teamsOf(String id) {
    return jdbc.queryForList("SELECT DISTINCT team_id FROM sla_record WHERE unit = ? AND record_id = ?"
        + " AND team_id IS NOT NULL", String.class, SupportVariables.PROCESS_KEY, id);
  }

  private static Ticket map(ResultSet rs, int row) throws SQLException {
    return new Ticket(rs.getString("id"), rs.getString("external_id"), rs.getString("account"),
        rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone"),
        rs.getString("country"),
        rs.getString("category"), rs.getString("priority"), rs.getString("description"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("process_instance_id"),
        rs.getString("status"), rs.getString("confirmed_by"), instant(rs.getObject("closed_at", OffsetDateTime.class)),
        rs.getInt("reopened"));
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
