package io.slaflow.pipeline;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.Creator;
import io.slaflow.unit.Money;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates an opportunity and starts its sales-pipeline unit in one transaction: both exist, or neither. */
@Service
public class PipelineIntake {

  private final Opportunities opportunities;
  private final SlaRecords slaRecords;
  private final RuntimeService runtimeService;
  private final String currency;

  public PipelineIntake(Opportunities opportunities, SlaRecords slaRecords, @Lazy RuntimeService runtimeService,
      @Value("${slaflow.currency:EUR}") String currency) {
    this.opportunities = opportunities;
    this.slaRecords = slaRecords;
    this.runtimeService = runtimeService;
    this.currency = currency;
  }

  /** What the caller learns: where the opportunity went and what is due first. */
  public record Created(String opportunityId, String kind, String processInstanceId, String teamId, String owner,
      String stage, Date due) {}

  Optional<Created> repeatOf(Creator creator, String externalId) {
    return opportunities.findRepeat(creator, externalId).map(this::describe);
  }

  @Transactional
  public Created create(String kind, OpportunityRequest request, Creator creator, String leadId) {
    Opportunity opportunity = new Opportunity(
        UUID.randomUUID().toString(), request.externalId(), kind, leadId, request.contactName().trim(),
        request.contactEmail().trim(), request.contactPhone(), request.company().trim(), request.country(),
        request.source(), request.product(), request.amount(),
        Money.currencyOf(request.amount(), request.currency(), currency), EngineTime.now(), null, "open", null, null);
    opportunities.insert(opportunity, creator);
    Map<String, Object> variables = new HashMap<>();
    PipelineVariables.KIND.put(variables, kind);
    DecisionFacts.COUNTRY.put(variables, opportunity.country());
    DecisionFacts.PRODUCT.put(variables, opportunity.product());
    DecisionFacts.SOURCE.put(variables, opportunity.source());
    ContactVariables.COMPANY.put(variables, opportunity.company());
    ContactVariables.NAME.put(variables, opportunity.contactName());
    ContactVariables.EMAIL.put(variables, opportunity.contactEmail());
    ContactVariables.PHONE.put(variables, opportunity.contactPhone());
    PipelineVariables.AMOUNT.put(variables, opportunity.amount());
    PipelineVariables.CURRENCY.put(variables, opportunity.currency());
    SlaVariables.RECORD_TITLE.put(variables, opportunity.title());
    String message = Opportunity.MQL.equals(kind)
        ? PipelineVariables.MQL_RECEIVED_MESSAGE : PipelineVariables.HANDED_OVER_MESSAGE;
    ProcessInstance instance = runtimeService.startProcessInstanceByMessage(message, opportunity.id(), variables);
    opportunities.attachProcess(opportunity.id(), instance.getId());
    return describe(opportunities.find(opportunity.id()).orElseThrow());
  }

  /** Built from the first SLA record, so that a repeated request gets the first answer, whatever happened since. */
  private Created describe(Opportunity o) {
    return slaRecords.first(PipelineVariables.PROCESS_KEY, o.id())
        .map(first -> new Created(o.id(), o.kind(), o.processInstanceId(), first.teamId(), first.ownerId(),
            first.stage(), Date.from(first.dueAt())))
        .orElseGet(() -> new Created(o.id(), o.kind(), o.processInstanceId(), null, null, null, null));
  }
}
