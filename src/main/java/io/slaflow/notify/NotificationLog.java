package io.slaflow.notify;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The notification log: what was sent to whom, keyed so that nothing is sent twice. */
@Repository
public class NotificationLog {

  /** A logged alert, as a manager or a test reads it back. */
  public record Entry(String key, String channel, String recipients, String copied, String subject, String body,
      String ladderStep, String slaRecordId, String status) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public NotificationLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    // Committed on its own: if the job that sent the alert later rolls back, its retry must still see "sent".
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public boolean alreadyDelivered(String key) {
    Integer count = jdbc.queryForObject(
        "SELECT COUNT(*) FROM notification_log WHERE idempotency_key = ?", Integer.class, key);
    return count != null && count > 0;
  }

  /**
   * @param key the delivery's idempotency key: the alert's own for its email, derived from it for other channels
   * @param recipients where it went: email addresses, or the team whose Slack channel it was posted to
   */
  void delivered(String key, Message message, String channel, String recipients, String copied, String status) {
    ownTransaction.executeWithoutResult(tx -> jdbc.update(
        "INSERT INTO notification_log (id, idempotency_key, channel, recipients, copied, subject, body, ladder_step,"
            + " sla_record_id, status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        UUID.randomUUID().toString(), key, channel, recipients, copied,
        message.subject(), message.body(), message.ladderStep(), message.slaRecordId(), status,
        ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC)));
  }

  public List<Entry> forSlaRecord(String slaRecordId) {
    return jdbc.query(
        "SELECT * FROM notification_log WHERE sla_record_id = ? ORDER BY created_at, ladder_step",
        (rs, i) -> new Entry(rs.getString("idempotency_key"), rs.getString("channel"), rs.getString("recipients"),
            rs.getString("copied"), rs.getString("subject"), rs.getString("body"), rs.getString("ladder_step"),
            rs.getString("sla_record_id"), rs.getString("status")),
        slaRecordId);
  }
}
