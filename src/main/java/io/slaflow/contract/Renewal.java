package io.slaflow.contract;

import io.slaflow.org.Organisation;
import io.slaflow.sla.ProcessVariable;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The renewal unit's own steps, called from processes/renewal.bpmn as {@code ${renewal.…}}: when its stages open
 * (120, 90 and 60 days before the renewal date, seed 001), and how it closed.
 */
@Component("renewal")
public class Renewal {

  /** A stage of the renewal that opens a number of days before the renewal date, by its timer and variable. */
  private record Opening(ProcessVariable<Instant> at, int daysBefore, String timer) {}

  private static final List<Opening> OPENINGS = List.of(
      new Opening(ContractVariables.ACCOUNT_REVIEW_AT, 120, ContractVariables.ACCOUNT_REVIEW_TIMER),
      new Opening(ContractVariables.PROPOSAL_AT, 90, ContractVariables.PROPOSAL_TIMER),
      new Opening(ContractVariables.NEGOTIATION_AT, 60, ContractVariables.NEGOTIATION_TIMER));

  private final Organisation organisation;
  private final SlaClock slaClock;
  private final JdbcTemplate jdbc;

  public Renewal(Organisation organisation, SlaClock slaClock, JdbcTemplate jdbc) {
    this.organisation = organisation;
    this.slaClock = slaClock;
    this.jdbc = jdbc;
  }

  public void plan(DelegateExecution execution) {
    for (Opening opening : OPENINGS) {
      opening.at().set(execution, openingOf(opening, execution::getVariable));
    }
  }

  /** A new renewal date: the stage openings still to come move with it. */
  void moved(String processInstanceId, Function<String, Object> variables, BiConsumer<String, Object> setVariable) {
    for (Opening opening : OPENINGS) {
      Instant at = openingOf(opening, variables);
      opening.at().write(setVariable, at);
      slaClock.moveTimer(processInstanceId, opening.timer(), at);
    }
  }

  public void close(DelegateExecution execution) {
    jdbc.update("UPDATE contract SET renewal_outcome = ?, renewal_reason = ? WHERE id = ?",
        ContractVariables.RENEWAL_OUTCOME.from(execution), ContractVariables.RENEWAL_REASON.from(execution),
        execution.getProcessBusinessKey());
  }

  /** 09:00 on the team's clock, the opening's number of days before the renewal date. */
  private Instant openingOf(Opening opening, Function<String, Object> variables) {
    LocalDate renewsOn = LocalDate.parse(ContractVariables.RENEWS_ON.read(variables));
    ZoneId zone = organisation.calendar(RoutingVariables.TEAM_ID.read(variables)).zone();
    return renewsOn.minusDays(opening.daysBefore()).atTime(LocalTime.of(9, 0)).atZone(zone).toInstant();
  }
}
