package io.slaflow.contract;

import io.slaflow.org.Organisation;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
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

  static final String RENEWS_ON = "renewsOn";
  /** Days before the renewal date each stage opens, with the timer that waits for it and its variable. */
  private static final Map<String, Object[]> OPENINGS = new LinkedHashMap<>();

  static {
    OPENINGS.put("accountReviewAt", new Object[] {120, "Timer_AccountReview"});
    OPENINGS.put("proposalAt", new Object[] {90, "Timer_RenewalProposal"});
    OPENINGS.put("negotiationAt", new Object[] {60, "Timer_Negotiation"});
  }

  private final Organisation organisation;
  private final SlaClock slaClock;
  private final JdbcTemplate jdbc;

  public Renewal(Organisation organisation, SlaClock slaClock, JdbcTemplate jdbc) {
    this.organisation = organisation;
    this.slaClock = slaClock;
    this.jdbc = jdbc;
  }

  public void plan(DelegateExecution execution) {
    openings(execution::getVariable).forEach((name, at) -> execution.setVariable(name, Date.from(at)));
  }

  /** A new renewal date: the stage openings still to come move with it. */
  void moved(String processInstanceId, Function<String, Object> variable,
      BiConsumer<String, Object> setVariable) {
    openings(variable).forEach((name, at) -> {
      setVariable.accept(name, Date.from(at));
      slaClock.moveTimer(processInstanceId, (String) OPENINGS.get(name)[1], at);
    });
  }

  public void close(DelegateExecution execution) {
    jdbc.update("UPDATE contract SET renewal_outcome = ?, renewal_reason = ? WHERE id = ?",
        execution.getVariable("renewalOutcome"), execution.getVariable("renewalReason"),
        execution.getProcessBusinessKey());
  }

  private Map<String, Instant> openings(Function<String, Object> variable) {
    LocalDate renewsOn = LocalDate.parse(String.valueOf(variable.apply(RENEWS_ON)));
    ZoneId zone = organisation.calendar((String) variable.apply(RoutingVariables.TEAM_ID)).zone();
    Map<String, Instant> at = new LinkedHashMap<>();
    OPENINGS.forEach((name, opening) -> at.put(name,
        renewsOn.minusDays((Integer) opening[0]).atTime(LocalTime.of(9, 0)).atZone(zone).toInstant()));
    return at;
  }
}
