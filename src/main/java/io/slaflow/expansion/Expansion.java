package io.slaflow.expansion;

import io.slaflow.calendar.EngineTime;
import io.slaflow.org.Organisation;
import io.slaflow.pipeline.Opportunity;
import io.slaflow.pipeline.OpportunityRequest;
import io.slaflow.pipeline.PipelineIntake;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaVariables;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The expansion unit: {@code POST /api/signals} records a signal and starts processes/expansion.bpmn, whose steps
 * call this bean as {@code ${expansion.…}}: recording the outcome and handing an upsell or cross-sell to the sales
 * pipeline.
 */
@Component("expansion")
public class Expansion {

  static final String TABLE = "expansion_signal";

  private final JdbcTemplate jdbc;
  private final PipelineIntake pipeline;
  private final Organisation organisation;
  private final RuntimeService runtimeService;

  public Expansion(JdbcTemplate jdbc, PipelineIntake pipeline, Organisation organisation,
      @Lazy RuntimeService runtimeService) {
    this.jdbc = jdbc;
    this.pipeline = pipeline;
    this.organisation = organisation;
    this.runtimeService = runtimeService;
  }

  /** What the caller learns: the signal and its process instance. */
  public record Created(String signalId, String processInstanceId) {}

  Optional<Created> repeatOf(Creator creator, String externalId) {
    return IdempotentCreate.earlier(jdbc, TABLE, creator, externalId).map(found -> new Created(found,
        jdbc.queryForObject("SELECT process_instance_id FROM expansion_signal WHERE id = ?", String.class, found)));
  }

  @Transactional
  public Created create(SignalRequest request, Creator creator) {
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO expansion_signal (id, external_id, idempotency_key, account, contact_name,"
            + " contact_email, country, product, kind, strength, note, created_at, created_by, intake_client)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        id, request.externalId(), creator.idempotencyKey(), request.account().trim(), request.contactName().trim(),
        request.contactEmail().trim(), request.country(), request.product(), request.kind(), request.strength(),
        request.note(), EngineTime.now().atOffset(ZoneOffset.UTC), creator.createdBy(), creator.intakeClient());
    Map<String, Object> variables = new HashMap<>();
    ContactVariables.COMPANY.put(variables, request.account().trim());
    ContactVariables.NAME.put(variables, request.contactName().trim());
    ContactVariables.EMAIL.put(variables, request.contactEmail().trim());
    DecisionFacts.COUNTRY.put(variables, request.country());
    DecisionFacts.PRODUCT.put(variables, request.product());
    ExpansionVariables.SIGNAL_KIND.put(variables, request.kind());
    ExpansionVariables.SIGNAL_NOTE.put(variables, request.note());
    // The policy table keys the qualification SLA on the signal's strength, in its "intent" column.
    DecisionFacts.INTENT.put(variables, request.strength());
    SlaVariables.RECORD_TITLE.put(variables,
        "Expansion " + request.account().trim() + " (" + request.kind() + ", " + request.strength() + ")");
    ProcessInstance instance =
        runtimeService.startProcessInstanceByMessage(ExpansionVariables.RECEIVED_MESSAGE, id, variables);
    jdbc.update("UPDATE expansion_signal SET process_instance_id = ? WHERE id = ?", instance.getId(), id);
    return new Created(id, instance.getId());
  }

  /** The qualification's outcome; a hold waits until 09:00 of the revisit date in the team's time zone. */
  public void qualified(DelegateExecution execution) {
    String outcome = ExpansionVariables.SIGNAL_OUTCOME.from(execution);
    LocalDate revisitOn = null;
    if ("hold".equals(outcome)) {
      Object revisit = ExpansionVariables.REVISIT_ON.from(execution);
      revisitOn = LocalDate.parse(String.valueOf(revisit).substring(0, 10));
      ExpansionVariables.REVISIT_AT.set(execution, revisitOn.atTime(LocalTime.of(9, 0))
          .atZone(organisation.calendar(RoutingVariables.TEAM_ID.from(execution)).zone())
          .toInstant());
    }
    jdbc.update("UPDATE expansion_signal SET outcome = ?, hold_reason = ?, revisit_on = ? WHERE id = ?", outcome,
        "hold".equals(outcome) ? ExpansionVariables.HOLD_REASON.from(execution) : null, revisitOn,
        execution.getProcessBusinessKey());
  }

  /** An upsell or cross-sell is handed to the sales pipeline as a qualified opportunity. */
  public void openOpportunity(DelegateExecution execution) {
    OpportunityRequest request = new OpportunityRequest(ContactVariables.NAME.from(execution),
        ContactVariables.EMAIL.from(execution), ContactVariables.PHONE.from(execution),
        ContactVariables.COMPANY.from(execution), DecisionFacts.COUNTRY.from(execution), "expansion",
        DecisionFacts.PRODUCT.from(execution), null, null, null);
    PipelineIntake.Created opportunity =
        pipeline.create(Opportunity.HANDOFF, request, Creator.process(ExpansionVariables.PROCESS_KEY), null);
    jdbc.update("UPDATE expansion_signal SET opportunity_id = ? WHERE id = ?", opportunity.opportunityId(),
        execution.getProcessBusinessKey());
  }
}
