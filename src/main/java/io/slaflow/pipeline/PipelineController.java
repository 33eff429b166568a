package io.slaflow.pipeline;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.StageHistory;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/mqls} and {@code /api/opportunities}: marketing automation hands MQLs over, lead qualifiers hand
 * opportunities to account executives, reps log activities, and anyone on the opportunity's team reads its stage
 * history.
 */
@RestController
public class PipelineController {

  private final PipelineIntake intake;
  private final Opportunities opportunities;
  private final StageHistory stageHistory;
  private final SlaRecords slaRecords;
  private final RecordAccess access;
  private final RuntimeService runtimeService;
  private final DealClocks dealClocks;

  public PipelineController(PipelineIntake intake, Opportunities opportunities, StageHistory stageHistory,
      SlaRecords slaRecords, RecordAccess access, RuntimeService runtimeService, DealClocks dealClocks) {
    this.intake = intake;
    this.opportunities = opportunities;
    this.stageHistory = stageHistory;
    this.slaRecords = slaRecords;
    this.access = access;
    this.runtimeService = runtimeService;
    this.dealClocks = dealClocks;
  }

  /** An opportunity with its stage history, SLA records and activities. */
  public record OpportunityView(Opportunity opportunity, List<StageHistory.Entry> stages,
      List<SlaRecord> slaRecords, List<Opportunities.Activity> activities) {}

  @PostMapping(path = "/api/mqls", consumes = "application/json", produces = "application/json")
  public ResponseEntity<PipelineIntake.Created> createMql(
      @Valid @RequestBody OpportunityRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    return create(Opportunity.MQL, request, idempotencyKey, user);
  }

  @PostMapping(path = "/api/opportunities", consumes = "application/json", produces = "application/json")
  public ResponseEntity<PipelineIntake.Created> createOpportunity(
      @Valid @RequestBody OpportunityRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    return create(Opportunity.HANDOFF, request, idempotencyKey, user);
  }

  @GetMapping(path = "/api/opportunities/{id}", produces = "application/json")
  public OpportunityView get(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Opportunity opportunity = readable(id, user);
    return new OpportunityView(opportunity, stageHistory.of(PipelineVariables.PROCESS_KEY, id),
        slaRecords.forRecord(PipelineVariables.PROCESS_KEY, id), opportunities.activities(id));
  }

  /**
   * A call, email, meeting or note counts as acting on the opportunity: its idle clock starts again. A
   * "prospect-replied" also ends the follow-up reminders of the closing stage.
   */
  @PostMapping(path = "/api/opportunities/{id}/activities", consumes = "application/json",
      produces = "application/json")
  @Transactional
  public ResponseEntity<List<Opportunities.Activity>> logActivity(@PathVariable String id,
      @Valid @RequestBody ActivityRequest request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Opportunity opportunity = readable(id, user);
    if (!"open".equals(opportunity.status())) {
      throw Problems.status(HttpStatus.CONFLICT, "Opportunity '" + id + "' is " + opportunity.status()
          + "; activities are logged on open opportunities only");
    }
    opportunities.logActivity(id, request.kind(), request.note(), user, EngineTime.now());
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(opportunity.processInstanceId()).singleResult();
    if (instance != null) {
      dealClocks.actedOn(instance.getId());
      if (ActivityRequest.PROSPECT_REPLIED.equals(request.kind())) {
        runtimeService.createMessageCorrelation(PipelineVariables.PROSPECT_ANSWERED_MESSAGE)
            .processInstanceId(instance.getId()).correlateAll();
      }
    }
    return ResponseEntity.created(URI.create("/api/opportunities/" + id)).body(opportunities.activities(id));
  }

  private ResponseEntity<PipelineIntake.Created> create(String kind, OpportunityRequest request,
      String idempotencyKey, String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> intake.repeatOf(creator, request.externalId()),
        () -> intake.create(kind, request, creator, null),
        created -> "/api/opportunities/" + created.opportunityId());
  }

  /**
   * Admins read every opportunity, intake systems those they created, people those routed to a team they belong to.
   */
  private Opportunity readable(String id, String user) {
    Opportunity opportunity = opportunities.find(id)
        .orElseThrow(() -> Problems.status(HttpStatus.NOT_FOUND, "No opportunity with id '" + id + "'"));
    if (!access.mayRead(user, SalesPipelineUnit.UNIT, id)) {
      throw Problems.status(HttpStatus.NOT_FOUND, "No opportunity with id '" + id + "'");
    }
    return opportunity;
  }
}
