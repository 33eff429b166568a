package io.slaflow.intake;

import io.slaflow.IdempotentCreate;
import io.slaflow.Problems;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/leads}: web forms and marketing automation create leads here and read their SLA records back. */
@RestController
public class LeadIntakeController {

  private final LeadIntake intake;
  private final Leads leads;
  private final SlaRecords slaRecords;

  public LeadIntakeController(LeadIntake intake, Leads leads, SlaRecords slaRecords) {
    this.intake = intake;
    this.leads = leads;
    this.slaRecords = slaRecords;
  }

  /** A lead and its SLA records: every stage visit with its clock, ladder and outcome. */
  public record LeadView(Lead lead, List<SlaRecord> slaRecords) {}

  @GetMapping(path = "/api/leads/{id}", produces = "application/json")
  public ResponseEntity<LeadView> get(@PathVariable String id) {
    return leads.find(id)
        .map(lead -> ResponseEntity.ok(new LeadView(lead, slaRecords.forRecord(LeadVariables.PROCESS_KEY, id))))
        .orElseThrow(() -> Problems.status(HttpStatus.NOT_FOUND, "No lead with id '" + id + "'"));
  }

  /** 201 with the new lead; a repeat (same Idempotency-Key or external id) returns the first result with 200. */
  @PostMapping(path = "/api/leads", consumes = "application/json", produces = "application/json")
  public ResponseEntity<LeadIntake.Created> create(
      @Valid @RequestBody LeadRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiAuthenticationFilter.USER_ATTRIBUTE) String user) {
    return IdempotentCreate.answer(idempotencyKey, () -> intake.repeatOf(idempotencyKey, request.externalId()),
        () -> intake.create(request, idempotencyKey, user), created -> "/api/leads/" + created.leadId());
  }
}
