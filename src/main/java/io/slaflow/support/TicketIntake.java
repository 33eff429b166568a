package io.slaflow.support;

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
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a ticket and starts its customer-support unit in one transaction: both exist, or neither. */
@Service
public class TicketIntake {

  private final Tickets tickets;
  private final SlaRecords slaRecords;
  private final RuntimeService runtimeService;

  public TicketIntake(Tickets tickets, SlaRecords slaRecords, @Lazy RuntimeService runtimeService) {
    this.tickets = tickets;
    this.slaRecords = slaRecords;
    this.runtimeService = runtimeService;
  }

  /** What the caller learns: where the ticket went and when its first response is due. */
  public record Created(String ticketId, String processInstanceId, String teamId, String owner,
      Date firstResponseDue) {}

  Optional<Created> repeatOf(Creator creator, String externalId) {
    return tickets.findRepeat(creator, externalId).map(this::describe);
  }

  @Transactional
  public Created create(TicketRequest request, Creator creator) {
    Ticket ticket = new Ticket(UUID.randomUUID().toString(), request.externalId(), request.account().trim(),
        request.contactName().trim(), request.contactEmail().trim(), request.contactPhone(), request.country(),
        request.category(), request.priority(), request.description(), EngineTime.now(), null, "open", null, null, 0);
    tickets.insert(ticket, creator);
    Map<String, Object> variables = new HashMap<>();
    DecisionFacts.PRIORITY.put(variables, ticket.priority());
    SupportVariables.CATEGORY.put(variables, ticket.category());
    DecisionFacts.COUNTRY.put(variables, ticket.country());
    DecisionFacts.PRODUCT.put(variables, null);
    SupportVariables.ACCOUNT.put(variables, ticket.account());
    ContactVariables.NAME.put(variables, ticket.contactName());
    ContactVariables.EMAIL.put(variables, ticket.contactEmail());
    ContactVariables.PHONE.put(variables, ticket.contactPhone());
    SupportVariables.DESCRIPTION.put(variables, ticket.description());
    SlaVariables.RECORD_TITLE.put(variables, ticket.title());
    ProcessInstance instance =
        runtimeService.startProcessInstanceByMessage(SupportVariables.OPENED_MESSAGE, ticket.id(), variables);
    tickets.attachProcess(ticket.id(), instance.getId());
    return describe(tickets.find(ticket.id()).orElseThrow());
  }

  private Created describe(Ticket t) {
    return slaRecords.first(SupportVariables.PROCESS_KEY, t.id())
        .map(first -> new Created(t.id(), t.processInstanceId(), first.teamId(), first.ownerId(),
            Date.from(first.dueAt())))
        .orElseGet(() -> new Created(t.id(), t.processInstanceId(), null, null, null));
  }
}
