package io.slaflow.support;

import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.SlaPause;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tickets}: the support desk opens tickets; the ticket's team reads them and stops the clock while the
 * ticket waits on the customer.
 */
@RestController
public class TicketController {

  private final TicketIntake intake;
  private final Tickets tickets;
  private final SlaRecords slaRecords;
  private final SlaPause pause;
  private final RecordAccess access;
  private final SlaClock slaClock;
  private final RuntimeService runtimeService;

  public TicketController(TicketIntake intake, Tickets tickets, SlaRecords slaRecords, SlaPause pause,
      RecordAccess access, SlaClock slaClock, RuntimeService runtimeService) {
    this.intake = intake;
    this.tickets = tickets;
    this.slaRecords = slaRecords;
    this.pause = pause;
    this.access = access;
    this.slaClock = slaClock;
    this.runtimeService = runtimeService;
  }

  /** A ticket with its SLA records, pauses included. */
  public record TicketView(Ticket ticket, boolean waitingOnCustomer, List<SlaRecord> slaRecords) {}

  /** A new priority for the ticket. */
  public record PriorityRequest(
      @NotBlank @Pattern(regexp = TicketRequest.PRIORITIES, message = "must be one of critical, high, normal, low")
          String priority) {}

  /** Why the ticket waits on the customer. */
  public record WaitingRequest(@NotBlank @Size(max = 500) String reason) {}

  @PostMapping(path = "/api/tickets", consumes = "application/json", produces = "application/json")
  public ResponseEntity<TicketIntake.Created> create(@Valid @RequestBody TicketRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> intake.repeatOf(creator, request.externalId()),
        () -> intake.create(request, creator), created -> "/api/tickets/" + created.ticketId());
  }

  @GetMapping(path = "/api/tickets/{id}", produces = "application/json")
  public TicketView get(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Ticket ticket = readable(id, user);
    boolean running = ticket.processInstanceId() != null && isRunning(ticket);
    return new TicketView(ticket, running && pause.isPaused(ticket.processInstanceId()),
        slaRecords.forRecord(SupportVariables.PROCESS_KEY, id));
  }

  /** The ticket waits on the customer: the stage's clock and its ladder stop until the customer replies. */
  @PostMapping(path = "/api/tickets/{id}/waiting-on-customer", consumes = "application/json",
      produces = "application/json")
  public TicketView waitingOnCustomer(@PathVariable String id, @Valid @RequestBody WaitingRequest request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Ticket ticket = open(id, user);
    try {
      pause.pause(ticket.processInstanceId(), request.reason());
    } catch (SlaPause.NotPossible conflict) {
      throw Problems.status(HttpStatus.CONFLICT, conflict.getMessage());
    }
    return get(id, user);
  }

  /** The customer replied: the clock runs again, its due time moved by the business time it stood still. */
  @PostMapping(path = "/api/tickets/{id}/customer-replied", produces = "application/json")
  public TicketView customerReplied(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Ticket ticket = open(id, user);
    try {
      pause.resume(ticket.processInstanceId());
    } catch (SlaPause.NotPossible conflict) {
      throw Problems.status(HttpStatus.CONFLICT, conflict.getMessage());
    }
    return get(id, user);
  }

  /**
   * The priority changed: the current stage's SLA is looked up again and planned from the stage's start, keeping the
   * business time the clock stood still; while the ticket waits on the customer, its clock stays paused.
   */
  @PutMapping(path = "/api/tickets/{id}/priority", consumes = "application/json", produces = "application/json")
  @Transactional
  public TicketView changePriority(@PathVariable String id, @Valid @RequestBody PriorityRequest request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Ticket ticket = open(id, user);
    if (!access.mayChangeSlaFacts(user, tickets.teamsOf(id))) {
      throw Problems.status(HttpStatus.FORBIDDEN, "A ticket's priority sets its SLA: the support desk that sent it,"
          + " the team's managers and administrators change it, not the reps it measures");
    }
    tickets.changePriority(id, request.priority());
    runtimeService.setVariable(ticket.processInstanceId(), DecisionFacts.PRIORITY.name(), request.priority());
    // Cards and alerts name the ticket by its title, which says its priority.
    runtimeService.setVariable(ticket.processInstanceId(), SlaVariables.RECORD_TITLE.name(),
        tickets.find(id).orElseThrow().title());
    slaClock.replan(ticket.processInstanceId());
    return get(id, user);
  }

  /** The customer confirms the resolution: the ticket closes. */
  @PostMapping(path = "/api/tickets/{id}/confirm", produces = "application/json")
  public TicketView confirm(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Ticket ticket = awaitingConfirmation(id, user, SupportVariables.CONFIRMED_MESSAGE);
    runtimeService.createMessageCorrelation(SupportVariables.CONFIRMED_MESSAGE)
        .processInstanceId(ticket.processInstanceId())
        .setVariable(SupportVariables.CONFIRMED_BY.name(), "customer").correlate();
    return get(id, user);
  }

  /** The customer says it is not resolved, within the confirmation window: the resolution stage starts again. */
  @PostMapping(path = "/api/tickets/{id}/reopen", consumes = "application/json", produces = "application/json")
  @Transactional
  public TicketView reopen(@PathVariable String id, @Valid @RequestBody WaitingRequest request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Ticket ticket = awaitingConfirmation(id, user, SupportVariables.REOPENED_MESSAGE);
    tickets.reopened(id);
    runtimeService.createMessageCorrelation(SupportVariables.REOPENED_MESSAGE)
        .processInstanceId(ticket.processInstanceId())
        .setVariable(SupportVariables.REOPEN_REASON.name(), request.reason()).correlate();
    return get(id, user);
  }

  private Ticket awaitingConfirmation(String id, String user, String message) {
    Ticket ticket = open(id, user);
    if (runtimeService.createEventSubscriptionQuery().processInstanceId(ticket.processInstanceId())
        .eventType("message").eventName(message).count() == 0) {
      throw Problems.status(HttpStatus.CONFLICT, "Ticket '" + id + "' is not resolved and awaiting the customer's"
          + " confirmation");
    }
    return ticket;
  }

  private Ticket open(String id, String user) {
    Ticket ticket = readable(id, user);
    if (!isRunning(ticket)) {
      throw Problems.status(HttpStatus.CONFLICT, "Ticket '" + id + "' is closed");
    }
    return ticket;
  }

  private boolean isRunning(Ticket ticket) {
    return pause.isRunning(ticket.processInstanceId());
  }

  /** Admins read every ticket, intake systems those they created, people those routed to a team they belong to. */
  private Ticket readable(String id, String user) {
    Ticket ticket = tickets.find(id)
        .orElseThrow(() -> Problems.status(HttpStatus.NOT_FOUND, "No ticket with id '" + id + "'"));
    if (!access.mayRead(user, Tickets.TABLE, id, tickets.teamsOf(id))) {
      throw Problems.status(HttpStatus.NOT_FOUND, "No ticket with id '" + id + "'");
    }
    return ticket;
  }
}
