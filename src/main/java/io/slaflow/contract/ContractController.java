package io.slaflow.contract;

import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * {@code /api/contracts}: billing or the CRM reports a signed contract and onboarding starts for the account; the
 * sender and the account's team read it back with its onboarding and renewal clocks.
 */
@RestController
public class ContractController {

  private final ContractIntake intake;
  private final JdbcTemplate jdbc;
  private final SlaRecords slaRecords;
  private final RecordAccess access;

  public ContractController(ContractIntake intake, JdbcTemplate jdbc, SlaRecords slaRecords, RecordAccess access) {
    this.intake = intake;
    this.jdbc = jdbc;
    this.slaRecords = slaRecords;
    this.access = access;
  }

  /** A contract as its sender and its team read it: what was sent, how the renewal ended, and its SLA records. */
  public record ContractView(String contractId, String externalId, String opportunityId, String account,
      String contactName, String contactEmail, String country, String product, BigDecimal amount, String currency,
      LocalDate renewsOn, String renewalOutcome, String renewalReason, Instant createdAt, List<SlaRecord> slaRecords) {}

  @PostMapping(path = "/api/contracts", consumes = "application/json", produces = "application/json")
  public ResponseEntity<ContractIntake.Created> create(@Valid @RequestBody ContractRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> intake.repeatOf(creator, request.externalId()),
        () -> intake.create(request, creator, null, null),
        created -> "/api/contracts/" + created.contractId());
  }

  /** Administrators, the intake system that sent the contract and the account's team; 404 for anyone else. */
  @GetMapping(path = "/api/contracts/{id}", produces = "application/json")
  public ContractView get(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    List<ContractView> found = jdbc.query("SELECT * FROM contract WHERE id = ?", (row, n) -> {
      Date renewsOn = row.getDate("renews_on");
      Timestamp createdAt = row.getTimestamp("created_at");
      return new ContractView(row.getString("id"), row.getString("external_id"), row.getString("opportunity_id"),
          row.getString("account"), row.getString("contact_name"), row.getString("contact_email"),
          row.getString("country"), row.getString("product"), row.getBigDecimal("amount"),
          row.getString("currency"), renewsOn == null ? null : renewsOn.toLocalDate(), row.getString("renewal_outcome"),
          row.getString("renewal_reason"), createdAt.toInstant(), clocksOf(id));
    }, id);
    if (found.isEmpty() || !access.mayRead(user, ContractUnit.UNIT, id)) {
      throw Problems.status(HttpStatus.NOT_FOUND, "No contract with id '" + id + "'");
    }
    return found.get(0);
  }

  private List<SlaRecord> clocksOf(String id) {
    List<SlaRecord> clocks = new ArrayList<>(slaRecords.forRecord(ContractVariables.ONBOARDING_PROCESS_KEY, id));
    clocks.addAll(slaRecords.forRecord(ContractVariables.RENEWAL_PROCESS_KEY, id));
    return clocks;
  }
}
