package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.EngineTime;
import io.slaflow.org.Organisation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Starts and stops a stage's SLA clock. Called from the model as {@code ${slaClock.start(execution, 'stage',
 * 'Task_Id')}}: it looks the policy up, computes every ladder instant once on the team's calendar, stores them as
 * variables for the timers and the task's due date, and opens the SLA record.
 */
@Component("slaClock")
public class SlaClock {

  /** Record attributes the policy table may key on; absent ones are passed as null. */
  private static final List<ProcessVariable<String>> POLICY_FACTS =
      List.of(DecisionFacts.SOURCE, DecisionFacts.INTENT, DecisionFacts.PRIORITY);

  private final SlaPolicyTable policies;
  private final SlaRecords records;
  private final Organisation organisation;
  private final ManagementService managementService;
  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final TaskService taskService;
  private final LadderTimers ladderTimers;

  public SlaClock(SlaPolicyTable policies, SlaRecords records, Organisation organisation,
      @Lazy ManagementService managementService, @Lazy RuntimeService runtimeService,
      @Lazy RepositoryService repositoryService, @Lazy TaskService taskService, LadderTimers ladderTimers) {
    this.policies = policies;
    this.records = records;
    this.organisation = organisation;
    this.managementService = managementService;
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.taskService = taskService;
    this.ladderTimers = ladderTimers;
  }

  public void start(DelegateExecution execution, String stage, String stageTask) {
    BiConsumer<String, Object> stageVariables = stageVariables(execution);
    stageVariables.accept(SlaVariables.STAGE.name(), stage);
    stageVariables.accept(SlaVariables.STAGE_TASK.name(), stageTask);
    String previousRecord = RoutingVariables.PREVIOUS_SLA_RECORD_ID.from(execution);
    String owner = RoutingVariables.OWNER.from(execution);
    openVisit(execution, stage, RoutingVariables.PREVIOUS_OWNER.from(execution));
    if (previousRecord != null) {
      records.reassignedTo(previousRecord, owner);
    }
  }

  /**
   * A rep claimed the stage from the team queue: the queue visit ends (met or breached by the claim) and the stage
   * goes on under the record's own SLA from now, its pending ladder timers and the task's due date moved. A pause of
   * the queue visit ends with it: the rep's visit starts with its clock running, so its timers run again.
   */
  public void claimedFromQueue(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    records.completed(recordId(execution), EngineTime.now());
    SlaPlan plan = openVisit(execution, SlaVariables.STAGE.from(execution), null);
    moveLadder(execution.getProcessDefinitionId(), execution.getProcessInstanceId(), recordId(execution), plan);
    ladderTimers.pending(execution.getProcessDefinitionId(), execution.getProcessInstanceId()).keySet().stream()
        .filter(Job::isSuspended).forEach(job -> managementService.activateJobById(job.getId()));
    task.setDueDate(Date.from(plan.dueAt()));
  }

  /**
   * The record's facts changed (a ticket's priority, say): the stage's SLA is looked up again and planned from the
   * visit's start, and its variables, pending ladder timers, task due date and SLA record follow. A due time that
   * has passed lets the breach fall due at once. The business time the visit's clock stood still is kept: the new
   * due time moves by each pause that is over, and a clock that stands still now stays so (its timers suspended)
   * until resuming moves them by this pause too.
   */
  public void replan(String processInstanceId) {
    apply(replanning(processInstanceId));
  }

  /** What looking the stage's SLA up again would give, before anything is changed. */
  public record Replanning(String processInstanceId, String processDefinitionId, String slaRecordId,
      String stageTask, String oldPolicy, SlaPolicy policy, SlaPlan plan) {}

  /**
   * Looks the current stage's policy up again for the instance's facts now and plans it from the visit's start,
   * giving back the business time of the visit's pauses on the new policy's clock.
   */
  public Replanning replanning(String processInstanceId) {
    Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
    String recordId = SlaVariables.RECORD_ID.from(variables);
    SlaRecord visit = records.find(recordId).orElseThrow();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult();
    String unit = repositoryService.getProcessDefinition(instance.getProcessDefinitionId()).getKey();
    SlaPolicy policy = policies.lookup(facts(unit, variables::get, visit.stage()));
    SlaPlan plan = SlaPlan.of(policy, organisation.calendar(visit.teamId()), visit.startedAt(),
        records.pauses(recordId));
    return new Replanning(processInstanceId, instance.getProcessDefinitionId(), recordId,
        SlaVariables.STAGE_TASK.from(variables), SlaVariables.POLICY.from(variables), policy, plan);
  }

  /**
   * Stores a replanning: the instants, the pending ladder timers, the stage task's due date and the SLA record. The
   * timers of a clock that stands still move and stay suspended.
   */
  public void apply(Replanning replanning) {
    String processInstanceId = replanning.processInstanceId();
    SlaPlan plan = replanning.plan();
    storeInstants(plan, replanning.policy(), (name, value) -> runtimeService.setVariable(processInstanceId, name,
        value));
    moveLadder(replanning.processDefinitionId(), processInstanceId, replanning.slaRecordId(), plan);
    taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(replanning.stageTask())
        .list().forEach(task -> {
          task.setDueDate(Date.from(plan.dueAt()));
          taskService.saveTask(task);
        });
    records.replanned(replanning.slaRecordId(), replanning.policy(), plan.dueAt());
  }

  private static void storeInstants(SlaPlan plan, SlaPolicy policy, BiConsumer<String, Object> variable) {
    SlaVariables.POLICY.write(variable, policy.name());
    SlaVariables.COPY_MANAGER_ON_BREACH.write(variable, policy.copyManagerOnBreach());
    ladderInstants(plan).forEach((instant, at) -> instant.write(variable, at));
  }

  /** The variable each of the plan's ladder instants is kept in, the ladder's timers read it. */
  private static Map<ProcessVariable<Instant>, Instant> ladderInstants(SlaPlan plan) {
    return Map.of(SlaVariables.WARNING_AT, plan.warningAt(), SlaVariables.FINAL_WARNING_AT, plan.finalWarningAt(),
        SlaVariables.DUE_AT, plan.dueAt(), SlaVariables.ESCALATE_AT, plan.escalateAt(),
        SlaVariables.REASSIGN_AT, plan.reassignAt());
  }

  /**
   * Moves the pending ladder timers of one stage visit: a stage beside it (see {@link #stageVariables}) keeps its own.
   */
  private void moveLadder(String processDefinitionId, String processInstanceId, String recordId, SlaPlan plan) {
    Map<String, Instant> instants = new HashMap<>();
    ladderInstants(plan).forEach((instant, at) -> instants.put(instant.name(), at));
    ladderTimers.pending(processDefinitionId, processInstanceId).forEach((job, name) -> {
      if (recordId.equals(runtimeService.getVariable(job.getExecutionId(), SlaVariables.RECORD_ID.name()))) {
        managementService.setJobDuedate(job.getId(), Date.from(instants.get(name)));
      }
    });
  }

  /** Moves the pending timer jobs of a model element (a boundary or intermediate timer) to a new instant. */
  public void moveTimer(String processInstanceId, String timerActivityId, Instant at) {
    managementService.createJobQuery().processInstanceId(processInstanceId).activityId(timerActivityId).list()
        .forEach(job -> managementService.setJobDuedate(job.getId(), Date.from(at)));
  }

  /**
   * The instant a rule of the policy table falls due if it started now, for rules that are not a stage's clock but
   * a deadline on the record (an idle opportunity, a stale lead): the row of this unit and {@code rule}, its target
   * on its clock.
   */
  public Instant deadline(DelegateExecution execution, String rule) {
    return deadline(unitOf(execution), execution::getVariable, rule, EngineTime.now());
  }

  /**
   * As {@link #deadline(DelegateExecution, String)}, counted from {@code from}, for callers outside the engine's
   * executions too.
   */
  public Instant deadline(String unit, Function<String, Object> variable, String rule, Instant from) {
    SlaPolicy policy = policies.lookup(facts(unit, variable, rule));
    BusinessCalendar team = organisation.calendar(RoutingVariables.TEAM_ID.read(variable));
    BusinessCalendar clock = policy.clock() == SlaPolicy.ClockKind.BUSINESS
        ? team : BusinessCalendar.twentyFourSeven(team.zone());
    return policy.target().after(clock, from);
  }

  private Map<String, Object> facts(String unit, Function<String, Object> variable, String stage) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("unit", unit);
    facts.put("stage", stage);
    for (ProcessVariable<String> fact : POLICY_FACTS) {
      facts.put(fact.name(), fact.read(variable));
    }
    // Work nobody owns runs on the team queue's own SLA.
    facts.put("queued", RoutingVariables.OWNER.read(variable) == null);
    return facts;
  }

  /** Looks the stage's policy up, plans its ladder from now, opens its SLA record and stores the instants. */
  private SlaPlan openVisit(DelegateExecution execution, String stage, String reassignedFrom) {
    String unit = unitOf(execution);
    SlaPolicy policy = policies.lookup(facts(unit, execution::getVariable, stage));
    String teamId = RoutingVariables.TEAM_ID.from(execution);
    SlaPlan plan = SlaPlan.of(policy, organisation.calendar(teamId), EngineTime.now());

    String owner = RoutingVariables.OWNER.from(execution);
    String recordId = records.open(new SlaRecords.Opening(
        unit, stage, execution.getProcessBusinessKey(), execution.getProcessInstanceId(), owner, teamId,
        DecisionFacts.SOURCE.from(execution), policy, plan, reassignedFrom));

    BiConsumer<String, Object> stageVariables = stageVariables(execution);
    stageVariables.accept(SlaVariables.RECORD_ID.name(), recordId);
    stageVariables.accept(SlaVariables.QUEUE_VISIT.name(), owner == null);
    stageVariables.accept(SlaVariables.STATE.name(), SlaVariables.ON_TRACK);
    storeInstants(plan, policy, stageVariables);
    return plan;
  }

  /**
   * Where a stage keeps its clock (record, stage task, instants): on the process instance, where one stage follows
   * another. A stage in an event subprocess (the renewal's recovery plan) runs beside the instance's other stages and
   * keeps its clock in the event subprocess's own scope: sharing the instance's variables, each stage overwrote the
   * other's record and instants, and the earlier stage's rungs went out under the later one's alert keys, found sent
   * already, and were never delivered. Later writes (setVariable from inside the scope) find these local variables.
   */
  private static BiConsumer<String, Object> stageVariables(DelegateExecution execution) {
    ExecutionEntity entity = (ExecutionEntity) execution;
    ScopeImpl scope = entity.getActivity() == null ? null : entity.getActivity().getFlowScope();
    while (scope instanceof ActivityImpl activity) {
      if (activity.isTriggeredByEvent()) {
        ExecutionEntity holder = (ExecutionEntity) entity.findExecutionForFlowScope(activity);
        return holder::setVariableLocal;
      }
      scope = activity.getFlowScope();
    }
    return execution::setVariable;
  }

  /** The stage's work is done: first response and completion are recorded, met or breached. */
  public void stop(DelegateExecution execution) {
    records.completed(recordId(execution), EngineTime.now());
  }

  /** The first warning is due: the stage shows in the "At risk" filter (unless it already breached). */
  public void markAtRisk(DelegateExecution execution) {
    if (SlaVariables.ON_TRACK.equals(SlaVariables.STATE.from(execution))) {
      SlaVariables.STATE.set(execution, SlaVariables.AT_RISK);
    }
  }

  /** The breach is recorded at the due instant, however late the timer job ran. */
  public void recordBreach(DelegateExecution execution) {
    SlaVariables.STATE.set(execution, SlaVariables.BREACHED);
    records.breached(recordId(execution), SlaVariables.DUE_AT.from(execution));
  }

  /** Recorded at the planned instant, like the breach, however late the timer job ran. */
  public void recordEscalation(DelegateExecution execution) {
    records.escalated(recordId(execution), SlaVariables.ESCALATE_AT.from(execution));
  }

  /** The manager's decision on an escalation and why, from the "Review escalated lead" form. */
  public void recordEscalationReview(DelegateExecution execution) {
    records.escalationReviewed(recordId(execution), SlaVariables.ESCALATION_ACTION.from(execution),
        SlaVariables.ESCALATION_NOTE.from(execution));
  }

  /** After a reassignment: the lapsed visit was escalated and the manager never decided. */
  public boolean escalationUnhandled(DelegateExecution execution) {
    return records.find(RoutingVariables.PREVIOUS_SLA_RECORD_ID.from(execution))
        .map(lapsed -> lapsed.escalatedAt() != null && lapsed.escalationAction() == null
            && lapsed.awayHandover() == null)
        .orElse(false);
  }

  static String recordId(DelegateExecution execution) {
    return SlaVariables.RECORD_ID.from(execution);
  }

  /**
   * When work the owner scheduled for a date comes to their desk (the lead's follow-up on its next-step date): the
   * team's first open moment that day, in the team's time zone and hours; now when that date has come, or when the
   * variable holds no date. A form's date field gives {@code 2026-12-04}; a date-time gives its day.
   */
  public Date openingOn(DelegateExecution execution, String dateVariable) {
    Instant now = EngineTime.now();
    BusinessCalendar team = organisation.calendar(RoutingVariables.TEAM_ID.from(execution));
    LocalDate date = dateOf(execution.getVariable(dateVariable), team.zone());
    if (date == null || !date.isAfter(now.atZone(team.zone()).toLocalDate())) {
      return Date.from(now);
    }
    return Date.from(team.nextOpening(date.atStartOfDay(team.zone()).toInstant()));
  }

  private static LocalDate dateOf(Object value, ZoneId zone) {
    if (value instanceof Date date) {
      return date.toInstant().atZone(zone).toLocalDate();
    }
    if (value instanceof String text && text.length() >= 10) {
      try {
        return LocalDate.parse(text.substring(0, 10));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** The process unit is the process definition key, e.g. "lead-routing". */
  static String unitOf(DelegateExecution execution) {
    return execution.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
  }
}
