package io.slaflow.expansion;

import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/signals}: product analytics or customer success report a usage or outcome signal; the sender and the
 * account's team read it back with its outcome and its qualification clock.
 */
@RestController
public class SignalController {

  private final Expansion expansion;
  private final JdbcTemplate jdbc;
  private final SlaRecords slaRecords;
  private final RecordAccess access;

  public SignalController(Expansion expansion, JdbcTemplate jdbc, SlaRecords slaRecords, RecordAccess access) {
    this.expansion = expansion;
    this.jdbc = jdbc;
    this.slaRecords = slaRecords;
    this.access = access;
  }

  /** A signal as sent, what the team made of it (upsell, cross-sell, hold until a date) and its SLA records. */
  public record SignalView(String signalId, String externalId, String account, String contactName,
      String contactEmail, String country, String product, String kind, String strength, String note, String outcome,
      String holdReason, LocalDate revisitOn, String opportunityId, Instant createdAt, List<SlaRecord> slaRecords) {}

  @PostMapping(path = "/api/signals", consumes = "application/json", produces = "application/json")
  public ResponseEntity<Expansion.Created> create(@Valid @RequestBody SignalRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> expansion.repeatOf(creator, request.externalId()),
        () -> expansion.create(request, creator), created -> "/api/signals/" + created.signalId());
  }

  /** Administrators, the intake system that sent the signal and the account's team; 404 for anyone else. */
  @GetMapping(path = "/api/signals/{id}", produces = "application/json")
  public SignalView get(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    List<SignalView> found = jdbc.query("SELECT * FROM " + Expansion.TABLE + " WHERE id = ?", (row, n) -> {
      Date revisitOn = row.getDate("revisit_on");
      return new SignalView(row.getString("id"), row.getString("external_id"), row.getString("account"),
          row.getString("contact_name"), row.getString("contact_email"), row.getString("country"),
          row.getString("product"), row.getString("kind"), row.getString("strength"), row.getString("note"),
          row.getString("outcome"), row.getString("hold_reason"), revisitOn == null ? null : revisitOn.toLocalDate(),
          row.getString("opportunity_id"), row.getTimestamp("created_at").toInstant(),
          slaRecords.forRecord(ExpansionVariables.PROCESS_KEY, id));
    }, id);
    if (found.isEmpty() || !access.mayRead(user, ExpansionUnit.UNIT, id)) {
      throw Problems.status(HttpStatus.NOT_FOUND, "No signal with id '" + id + "'");
    }
    return found.get(0);
  }
}
