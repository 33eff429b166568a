package io.slaflow.pipeline;

import io.slaflow.calendar.EngineTime;
import io.slaflow.notify.Message;
import io.slaflow.notify.Notifier;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.SlaVariables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The deal's own clocks beside its stages' SLAs, planned from the policy table and called from
 * processes/sales-pipeline.bpmn as {@code ${dealClocks.…}}: idle (reassign), stalled (pull back), stale (return to
 * marketing) and the prospect follow-up reminders.
 */
@Component("dealClocks")
public class DealClocks {

  /** Rows of processes/sla-policy.dmn that are deadlines on the opportunity rather than a stage's clock. */
  static final String IDLE_RULE = "idle-opportunity";
  static final String STALLED_RULE = "stalled-deal";
  static final String STALE_RULE = "stale-qualified-lead";
  static final String FOLLOW_UP_RULE = "prospect-follow-up";
  static final String STALLED_REVIEW_RULE = "stalled-deal-review";

  private final SlaClock slaClock;
  private final Organisation organisation;
  private final Notifier notifier;
  private final RuntimeService runtimeService;
  private final String baseUrl;

  public DealClocks(SlaClock slaClock, Organisation organisation, Notifier notifier,
      @Lazy RuntimeService runtimeService, @Value("${slaflow.base-url:http://localhost:8080}") String baseUrl) {
    this.slaClock = slaClock;
    this.organisation = organisation;
    this.notifier = notifier;
    this.runtimeService = runtimeService;
    this.baseUrl = baseUrl;
  }

  /**
   * The opportunity phase starts (after acceptance, a handoff, or a manager's reset): plans the 60-day stalled-deal
   * pullback, the idle reassignment and the stale-lead return from now, and chooses the stage to start at.
   */
  public void planDeal(DelegateExecution execution) {
    PipelineVariables.DEAL_STALLED_AT.set(execution, slaClock.deadline(execution, STALLED_RULE));
    PipelineVariables.IDLE_REASSIGN_AT.set(execution, slaClock.deadline(execution, IDLE_RULE));
    PipelineVariables.STALE_AT.set(execution, slaClock.deadline(execution, STALE_RULE));
    String resume = PipelineVariables.STAGE.from(execution);
    String first = Opportunity.HANDOFF.equals(PipelineVariables.KIND.from(execution))
        ? "ae-follow-up" : "schedule-discovery";
    PipelineVariables.NEXT_STAGE.set(execution, resume == null ? first : resume);
    // A reassignment before the deal (an MQL that lapsed) is told already; later stages are not "reassigned from".
    RoutingVariables.PREVIOUS_OWNER.remove(execution);
    RoutingVariables.PREVIOUS_SLA_RECORD_ID.remove(execution);
  }

  /** A stage starts: the deal moved, so its idle and stalled clocks start again. */
  public void stageMoved(DelegateExecution execution, String stage) {
    PipelineVariables.STAGE.set(execution, stage);
    Instant stalled = slaClock.deadline(execution, STALLED_RULE);
    PipelineVariables.DEAL_STALLED_AT.set(execution, stalled);
    slaClock.moveTimer(execution.getProcessInstanceId(), PipelineVariables.STALLED_TIMER, stalled);
    actedOn(execution);
  }

  /** The rep acted on the opportunity (a logged activity or a stage move): the idle clock starts again. */
  public void actedOn(DelegateExecution execution) {
    Instant idle = slaClock.deadline(execution, IDLE_RULE);
    PipelineVariables.IDLE_REASSIGN_AT.set(execution, idle);
    slaClock.moveTimer(execution.getProcessInstanceId(), PipelineVariables.IDLE_TIMER, idle);
  }

  /** An activity was logged through the API: the idle clock starts again. */
  public void actedOn(String processInstanceId) {
    Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
    Instant idle = slaClock.deadline(PipelineVariables.PROCESS_KEY, variables::get, IDLE_RULE, EngineTime.now());
    runtimeService.setVariable(processInstanceId, PipelineVariables.IDLE_REASSIGN_AT.name(), Date.from(idle));
    slaClock.moveTimer(processInstanceId, PipelineVariables.IDLE_TIMER, idle);
  }

  /** The idle clock of an opportunity whose owner changed starts again for the new owner. */
  void restartIdle(DelegateExecution execution) {
    PipelineVariables.IDLE_REASSIGN_AT.set(execution, slaClock.deadline(execution, IDLE_RULE));
  }

  /** The discovery call's date and time from the form, read in the team's time zone unless it names an offset. */
  public void discoveryScheduled(DelegateExecution execution) {
    Object value = PipelineVariables.DISCOVERY_DATE.from(execution);
    ZoneId zone = organisation.calendar(RoutingVariables.TEAM_ID.from(execution)).zone();
    Instant meeting = parseInstant(value, zone);
    PipelineVariables.DISCOVERY_AT.set(execution, meeting);
    // Waiting for the booked call is not idling: the idle clock counts from the call.
    Instant idle = slaClock.deadline(PipelineVariables.PROCESS_KEY, execution::getVariable, IDLE_RULE,
        meeting.isAfter(EngineTime.now()) ? meeting : EngineTime.now());
    PipelineVariables.IDLE_REASSIGN_AT.set(execution, idle);
    slaClock.moveTimer(execution.getProcessInstanceId(), PipelineVariables.IDLE_TIMER, idle);
  }

  static Instant parseInstant(Object value, ZoneId zone) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = String.valueOf(value).trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException noOffset) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeParseException noTime) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
    }
  }

  /** The next reminder to follow up with the prospect, from the policy table (every 2 business days). */
  public void planFollowUp(DelegateExecution execution) {
    PipelineVariables.FOLLOW_UP_AT.set(execution, slaClock.deadline(execution, FOLLOW_UP_RULE));
  }

  /** Reminds the owner to follow up with the prospect, then plans the next reminder. */
  public void followUpReminder(DelegateExecution execution) {
    Instant due = PipelineVariables.FOLLOW_UP_AT.from(execution);
    Person owner = organisation.person(RoutingVariables.OWNER.from(execution)).orElse(null);
    if (owner != null) {
      String title = SlaVariables.RECORD_TITLE.from(execution);
      String key = execution.getProcessBusinessKey() + ":follow-up:" + due;
      notifier.send(new Message(key, "follow-up", SlaVariables.RECORD_ID.from(execution),
          List.of(owner), List.of(), "[Slaflow] Follow up with the prospect: " + title,
          "The proposal is out and the prospect has not answered yet.\n\n"
              + "Record: " + title + "\n\nFollow up today (call or email) and log it: "
              + baseUrl + "/api/opportunities/" + execution.getProcessBusinessKey() + "/activities\n"
              + "The reminders stop when the prospect answers or the deal moves on.\n").withDueAt(due));
    }
    planFollowUp(execution);
  }

  /** The manager's review of a deal pulled back for stalling is due by the policy's stalled-deal-review row. */
  void planStalledReview(DelegateExecution execution) {
    PipelineVariables.STALLED_REVIEW_DUE_AT.set(execution, slaClock.deadline(execution, STALLED_REVIEW_RULE));
  }
}
