package io.slaflow.support;

import io.slaflow.calendar.EngineTime;
import io.slaflow.sla.SlaClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The customer-support unit's own steps, called from processes/customer-support.bpmn as {@code ${support.…}}: the
 * silence after which a resolution counts as confirmed, and closing the ticket.
 */
@Component("support")
public class Support {

  /** A row of processes/sla-policy.dmn: how long the customer may stay silent before the resolution counts. */
  static final String SILENCE_RULE = "confirmation-silence";

  private final SlaClock slaClock;
  private final Tickets tickets;

  public Support(SlaClock slaClock, Tickets tickets) {
    this.slaClock = slaClock;
    this.tickets = tickets;
  }

  public void awaitConfirmation(DelegateExecution execution) {
    SupportVariables.AUTO_CONFIRM_AT.set(execution, slaClock.deadline(execution, SILENCE_RULE));
    SupportVariables.CONFIRMED_BY.remove(execution);
  }

  /** The resolution is confirmed: by the customer (the confirm call says so), or by their silence. */
  public void close(DelegateExecution execution) {
    String by = SupportVariables.CONFIRMED_BY.from(execution);
    tickets.closed(execution.getProcessBusinessKey(), by == null ? "silence" : by, EngineTime.now());
  }
}
