package io.slaflow.sla;

import io.slaflow.calendar.EngineTime;
import io.slaflow.notify.AlertText;
import io.slaflow.notify.Message;
import io.slaflow.notify.Notifier;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ladder's notification steps, each called from an async service task in the model, e.g.
 * {@code ${ladder.remindOwner(execution, 'warning')}}. A failure throws, so the job retries and ends as an incident.
 */
@Component("ladder")
public class SlaLadder {

  private final SlaRecords records;
  private final Organisation organisation;
  private final Notifier notifier;
  private final LadderCatchUp catchUp;
  private final String baseUrl;

  public SlaLadder(SlaRecords records, Organisation organisation, Notifier notifier, LadderCatchUp catchUp,
      @Value("${slaflow.base-url:http://localhost:8080}") String baseUrl) {
    this.records = records;
    this.organisation = organisation;
    this.notifier = notifier;
    this.catchUp = catchUp;
    this.baseUrl = baseUrl;
  }

  /** An alert later than this after its rung's instant says so: job pick-up and a retry or two stay below it. */
  static final Duration LATE = Duration.ofMinutes(1);

  /** A warning before the due time, to the owner (the manager while the work sits in the team queue). */
  public void remindOwner(DelegateExecution execution, String step) {
    SlaRung rung = "final-warning".equals(step) ? SlaRung.FINAL_WARNING : SlaRung.WARNING;
    String at = rung.instantVariable();
    if (execution.getVariable(at).equals(execution.getVariable(SlaVariables.DUE_AT.name()))) {
      return; // the policy gives no warning before the due time: the breach reminder is the first alert
    }
    catchUp.before(execution, rung);
    String recordId = SlaClock.recordId(execution);
    AlertText.StageFacts facts = facts(execution);
    Optional<SlaRecord> visit = records.find(recordId);
    boolean last = rung == SlaRung.FINAL_WARNING;
    boolean aroundTheClock = visit.map(SlaRecord::clockKind)
        .filter(SlaPolicy.ClockKind.TWENTY_FOUR_SEVEN.label()::equals).isPresent();
    String action = AlertText.dueIn(facts.dueAt(), EngineTime.now())
        + (last ? " This is the last warning before the breach: make the next move now."
            : " Make the next move before the due time.")
        + (aroundTheClock ? " The clock runs around the clock, nights and weekends included."
            : " The clock runs in your team's business hours.");
    deliver(AlertText.compose(recordId + ":" + step, step, recordId, last ? "Final SLA warning" : "SLA warning",
        action, facts, ownerOrManager(execution), List.of(), this::zoneOf).withDueAt(timerInstant(execution, at)),
        visit, rung);
  }

  /**
   * The due time passed: the owner is reminded, with the manager copied when the policy says so. When the record
   * breached before (an earlier visit of the same stage), the manager's manager is copied too.
   */
  public void breachReminder(DelegateExecution execution) {
    catchUp.before(execution, SlaRung.BREACH);
    String recordId = SlaClock.recordId(execution);
    boolean copyManager = Boolean.TRUE.equals(SlaVariables.COPY_MANAGER_ON_BREACH.from(execution));
    List<Person> to = ownerOrManager(execution);
    List<Person> cc = new ArrayList<>();
    if (copyManager && !to.equals(manager(execution))) {
      cc.addAll(manager(execution));
    }
    if (records.breachedBefore(recordId)) {
      cc.addAll(managersManager(execution));
    }
    deliver(AlertText.compose(recordId + ":breach", "breach", recordId, "SLA breached",
        "The due time has passed. Act now; if nothing happens the work is escalated and then reassigned.",
        facts(execution), to, cc, this::zoneOf).withDueAt(timerInstant(execution, SlaVariables.DUE_AT.name())),
        records.find(recordId), SlaRung.BREACH);
  }

  /**
   * The breach went unanswered: the owner is reminded again, this time with the manager copied (the MQL ladder of
   * seed 004, where the next step is reassignment rather than a manager's review).
   */
  public void escalationReminder(DelegateExecution execution) {
    catchUp.before(execution, SlaRung.ESCALATION);
    String recordId = SlaClock.recordId(execution);
    Optional<SlaRecord> visit = records.find(recordId);
    String action = onTheLadder(visit) && reassignmentDue(execution)
        ? "The reassignment time has passed as well: this work is being reassigned to another rep now."
        : "Act now. If nothing happens, this work is reassigned to another rep.";
    deliver(AlertText.compose(recordId + ":escalation", "escalation", recordId,
        "Still overdue, your manager is copied", action,
        facts(execution), ownerOrManager(execution), manager(execution), this::zoneOf)
        .withDueAt(timerInstant(execution, SlaVariables.ESCALATE_AT.name())), visit, SlaRung.ESCALATION);
  }

  /**
   * The breach went unanswered: the manager is told, and gets a task to review it. When this alert is only caught up
   * as the reassignment ends the stage (its instant had passed too: an outage, a recompute into the past), there is
   * no stage left to review and the ladder has made the decision the review would ask for: the alert still goes
   * first, so the escalation on the record is one the manager received, and it says that the work is being
   * reassigned instead of asking for a review. The manager's manager hears of it next, as for any escalation left
   * without a decision until the reassignment.
   */
  public void notifyManagerOfEscalation(DelegateExecution execution) {
    catchUp.before(execution, SlaRung.ESCALATION);
    String recordId = SlaClock.recordId(execution);
    Optional<SlaRecord> visit = records.find(recordId);
    String action = onTheLadder(visit) && reassignmentDue(execution)
        ? "The owner has not acted since the breach, and the reassignment time has passed as well: the work is being"
            + " reassigned to the next eligible owner now, so there is no review task for you."
        : "The owner has not acted since the breach. Review the work in Tasklist: coach the owner or take it over.";
    deliver(AlertText.compose(recordId + ":escalation", "escalation", recordId, "SLA escalated to you", action,
        facts(execution), manager(execution), List.of(), this::zoneOf)
        .withDueAt(timerInstant(execution, SlaVariables.ESCALATE_AT.name())), visit, SlaRung.ESCALATION);
  }

  /**
   * Sends a rung's alert, saying so when it goes out late, and stamps the record with when it went out (the first
   * time only: a rung caught up before and run again by its own job stays as it was). The caller has read the visit
   * once, for its text as for this.
   */
  private void deliver(Message message, Optional<SlaRecord> visit, SlaRung rung) {
    if (!onTheLadder(visit)) {
      // Not a rung of a running stage (a stalled deal's notice reuses the escalation alert after its stage ended).
      notifier.send(message);
      return;
    }
    Instant now = EngineTime.now();
    boolean late = message.dueAt() != null && message.dueAt().plus(LATE).isBefore(now);
    notifier.send(late ? AlertText.sentLate(message, now, this::zoneOf) : message);
    records.alerted(visit.get().id(), rung, now);
  }

  /** Whether the record's stage visit is still open: its alerts are rungs of its ladder. */
  private static boolean onTheLadder(Optional<SlaRecord> visit) {
    return visit.map(record -> record.completedAt() == null).orElse(false);
  }

  /** Whether the reassignment instant has passed: the escalation is caught up as the work moves. */
  private static boolean reassignmentDue(DelegateExecution execution) {
    Instant reassignAt = timerInstant(execution, SlaVariables.REASSIGN_AT.name());
    return reassignAt != null && !reassignAt.isAfter(EngineTime.now());
  }

  /** The work was reassigned: the owner who let it lapse is told where it went. */
  public void tellPreviousOwner(DelegateExecution execution) {
    String previousRecord = RoutingVariables.PREVIOUS_SLA_RECORD_ID.from(execution);
    Optional<Person> previous = organisation.person(RoutingVariables.PREVIOUS_OWNER.from(execution));
    if (previous.isEmpty()) {
      return; // it sat in the team queue: there is no previous owner to tell
    }
    String newOwner = organisation.person(RoutingVariables.OWNER.from(execution))
        .map(Person::displayName).orElse("the team queue");
    SlaRecord lapsed = records.find(previousRecord).orElseThrow();
    AlertText.StageFacts facts = new AlertText.StageFacts(recordTitle(execution), stageName(execution),
        SlaVariables.POLICY.from(execution), lapsed.dueAt(), previous.get().displayName(), null);
    String why = lapsed.awayHandover() != null ? "You are out of office" : "The SLA lapsed without the next move";
    notifier.send(AlertText.compose(previousRecord + ":reassigned", "reassignment", previousRecord,
        "Reassigned to " + newOwner,
        why + ", so this work now belongs to " + newOwner + ". No action needed.",
        facts, List.of(previous.get()), List.of(), this::zoneOf).withDueAt(lapsed.completedAt()));
  }

  /** An escalation went unhandled until the work was reassigned: the manager's own manager hears of it. */
  public void alertManagersManager(DelegateExecution execution) {
    String lapsedRecord = RoutingVariables.PREVIOUS_SLA_RECORD_ID.from(execution);
    SlaRecord lapsed = records.find(lapsedRecord).orElseThrow();
    String previousOwner = organisation.person(lapsed.ownerId()).map(Person::displayName).orElse("the team queue");
    AlertText.StageFacts facts = new AlertText.StageFacts(recordTitle(execution), stageName(execution),
        SlaVariables.POLICY.from(execution), lapsed.dueAt(), previousOwner, null);
    notifier.send(AlertText.compose(lapsedRecord + ":unhandled-escalation", "unhandled-escalation", lapsedRecord,
        "Escalation left unhandled",
        "The SLA was breached, escalated to the manager and left without a decision until the work was reassigned.",
        facts, managersManager(execution), manager(execution), this::zoneOf).withDueAt(lapsed.completedAt()));
  }

  /** One of the SLA clock's stored instants: when the ladder timer that led to this step fired. */
  private static Instant timerInstant(DelegateExecution execution, String variable) {
    return execution.getVariable(variable) instanceof Date date ? date.toInstant() : null;
  }

  private List<Person> managersManager(DelegateExecution execution) {
    return manager(execution).stream()
        .flatMap(manager -> organisation.person(manager.reportsTo()).stream())
        .toList();
  }

  private AlertText.StageFacts facts(DelegateExecution execution) {
    Task task = stageTask(execution);
    String owner = organisation.person(RoutingVariables.OWNER.from(execution))
        .map(Person::displayName).orElse("nobody yet (team queue)");
    return new AlertText.StageFacts(
        recordTitle(execution),
        task == null ? stageName(execution) : task.getName(),
        SlaVariables.POLICY.from(execution),
        SlaVariables.DUE_AT.from(execution),
        owner,
        task == null ? null : baseUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId());
  }

  /**
   * The stage's open task, read by the instance's tasks within the running command: the task query's dynamic SQL
   * cost an eighth of an alert job's CPU in a burst of 10,000 warnings.
   */
  private static Task stageTask(DelegateExecution execution) {
    String key = SlaVariables.STAGE_TASK.from(execution);
    return Context.getCommandContext().getTaskManager()
        .findTasksByProcessInstanceId(execution.getProcessInstanceId()).stream()
        .filter(task -> key != null && key.equals(task.getTaskDefinitionKey())).findFirst().orElse(null);
  }

  private static String stageName(DelegateExecution execution) {
    return SlaVariables.STAGE.from(execution);
  }

  private static String recordTitle(DelegateExecution execution) {
    String title = SlaVariables.RECORD_TITLE.from(execution);
    return title == null ? execution.getProcessBusinessKey() : title;
  }

  private List<Person> ownerOrManager(DelegateExecution execution) {
    Optional<Person> owner = organisation.person(RoutingVariables.OWNER.from(execution));
    return owner.map(List::of).orElseGet(() -> manager(execution));
  }

  private List<Person> manager(DelegateExecution execution) {
    return organisation.person(RoutingVariables.MANAGER_ID.from(execution)).map(List::of)
        .orElse(List.of());
  }

  private ZoneId zoneOf(Person person) {
    return organisation.team(person.teamId()).map(t -> t.zone()).orElse(ZoneId.of("UTC"));
  }
}
