package io.slaflow.intake;

import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
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
  private final RecordAccess access;
  private final LeadVocabulary vocabulary;

  public LeadIntakeController(LeadIntake intake, Leads leads, SlaRecords slaRecords, RecordAccess access,
      LeadVocabulary vocabulary) {
    this.intake = intake;
    this.leads = leads;
    this.slaRecords = slaRecords;
    this.access = access;
    this.vocabulary = vocabulary;
  }

  /**
   * A lead and its SLA records: every stage visit with its clock, ladder and outcome; and its facts that neither the
   * policy nor the administrators name (it runs on the fallback policy until they do).
   */
  public record LeadView(Lead lead, List<SlaRecord> slaRecords, List<LeadVocabulary.Undeclared> undeclared) {}

  /** For administrators and the intake client that created the lead; to anyone else it does not exist. */
  @GetMapping(path = "/api/leads/{id}", produces = "application/json")
  public ResponseEntity<LeadView> get(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    return leads.find(id).filter(lead -> access.mayRead(user, Leads.TABLE, id, List.of()))
        .map(lead -> ResponseEntity.ok(new LeadView(lead, slaRecords.forRecord(LeadVariables.PROCESS_KEY, id),
            vocabulary.of(id))))
        .orElseThrow(() -> Problems.status(HttpStatus.NOT_FOUND, "No lead with id '" + id + "'"));
  }

  /**
   * 201 with the new lead; a repeat (same Idempotency-Key or external id from the same client) returns the first
   * result with 200.
   */
  @PostMapping(path = "/api/leads", consumes = "application/json", produces = "application/json")
  public ResponseEntity<LeadIntake.Created> create(
      @Valid @RequestBody LeadRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> intake.repeatOf(creator, request.externalId()),
        () -> intake.create(request, creator), created -> "/api/leads/" + created.leadId());
  }
}
