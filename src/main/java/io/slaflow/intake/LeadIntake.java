package io.slaflow.intake;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.Creator;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a lead and starts its lead-routing unit in one transaction: both exist, or neither. */
@Service
public class LeadIntake {

  private final Leads leads;
  private final SlaRecords slaRecords;
  private final RuntimeService runtimeService;
  private final LeadVocabulary vocabulary;

  public LeadIntake(Leads leads, SlaRecords slaRecords, RuntimeService runtimeService, LeadVocabulary vocabulary) {
    this.leads = leads;
    this.slaRecords = slaRecords;
    this.runtimeService = runtimeService;
    this.vocabulary = vocabulary;
  }

  /** What the caller learns about a created lead: where it went and when its first contact is due. */
  public record Created(String leadId, String processInstanceId, String teamId, String owner, Date firstContactDue) {}

  public Optional<Created> repeatOf(Creator creator, String externalId) {
    return leads.findRepeat(creator, externalId).map(this::describe);
  }

  @Transactional
  public Created create(LeadRequest request, Creator creator) {
    Lead lead = new Lead(
        UUID.randomUUID().toString(), request.externalId(), request.name().trim(), request.email().trim(),
        request.phone(), request.company(), request.country(), request.source(), request.product(),
        request.intent() == null ? Lead.DEFAULT_INTENT : request.intent(), EngineTime.now(), null);
    leads.insert(lead, creator);
    vocabulary.record(lead);
    Map<String, Object> variables = new HashMap<>();
    DecisionFacts.COUNTRY.put(variables, lead.country());
    DecisionFacts.PRODUCT.put(variables, lead.product());
    DecisionFacts.SOURCE.put(variables, lead.source());
    DecisionFacts.INTENT.put(variables, lead.intent());
    LeadVariables.NAME.put(variables, lead.name());
    LeadVariables.EMAIL.put(variables, lead.email());
    LeadVariables.COMPANY.put(variables, lead.company());
    // The contact as every unit names it, for the record view on the rep's desk.
    ContactVariables.NAME.put(variables, lead.name());
    ContactVariables.EMAIL.put(variables, lead.email());
    ContactVariables.PHONE.put(variables, lead.phone());
    SlaVariables.RECORD_TITLE.put(variables, lead.title());
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(LeadVariables.PROCESS_KEY, lead.id(), variables);
    leads.attachProcess(lead.id(), instance.getId());
    return describe(leads.find(lead.id()).orElseThrow());
  }

  /** Built from the lead's first SLA record, so a repeated request gets the first answer, whatever happened since. */
  private Created describe(Lead lead) {
    return slaRecords.first(LeadVariables.PROCESS_KEY, lead.id())
        .map(first -> new Created(lead.id(), lead.processInstanceId(), first.teamId(), first.ownerId(),
            Date.from(first.dueAt())))
        .orElseGet(() -> new Created(lead.id(), lead.processInstanceId(), null, null, null));
  }
}
