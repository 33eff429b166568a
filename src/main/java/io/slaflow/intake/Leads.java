package io.slaflow.intake;

import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stores and finds leads; the public way for other packages to read a lead's facts. */
@Repository
public class Leads {

  static final String TABLE = "lead";

  private final JdbcTemplate jdbc;

  public Leads(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Lead lead, Creator creator) {
    jdbc.update(
        "INSERT INTO lead (id, external_id, idempotency_key, name, email, phone, company, country, source, product,"
            + " intent, created_at, created_by, intake_client) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        lead.id(), lead.externalId(), creator.idempotencyKey(), lead.name(), lead.email(), lead.phone(), lead.company(),
        lead.country(), lead.source(), lead.product(), lead.intent(), lead.createdAt().atOffset(ZoneOffset.UTC),
        creator.createdBy(), creator.intakeClient());
  }

  void attachProcess(String leadId, String processInstanceId) {
    jdbc.update("UPDATE lead SET process_instance_id = ? WHERE id = ?", processInstanceId, leadId);
  }

  public Optional<Lead> find(String id) {
    return jdbc.query("SELECT * FROM lead WHERE id = ?", Leads::map, id).stream().findFirst();
  }

  /** The lead the creator's earlier request created with the same idempotency key or external id, if any. */
  Optional<Lead> findRepeat(Creator creator, String externalId) {
    return IdempotentCreate.earlier(jdbc, TABLE, creator, externalId).flatMap(this::find);
  }

  private static Lead map(ResultSet rs, int row) throws SQLException {
    return new Lead(
        rs.getString("id"), rs.getString("external_id"), rs.getString("name"), rs.getString("email"),
        rs.getString("phone"), rs.getString("company"), rs.getString("country"), rs.getString("source"),
        rs.getString("product"), rs.getString("intent"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("process_instance_id"));
  }
}
