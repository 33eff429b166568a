package io.slaflow.sla;

import io.slaflow.calendar.EngineTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler.TimerJobConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerExecuteNestedActivityJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityStartBehavior;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Overdue rungs still run, in order (DESIGN, "The SLA clock"). After an outage, a recompute into the past or a pause
 * resumed late, several rungs of a stage fall due at once and the engine runs their jobs in whatever order it picks
 * them: the interrupting reassignment first would cancel the stage and, with it, the pending timers and alert jobs
 * of every earlier rung; a breach alert could go out before the warning.
 *
 * <p>Chosen mechanism: <b>catch up, don't reorder</b>. Ordering the engine's jobs (holding the reassignment back
 * until the earlier rungs' jobs ran) would need a job to refuse to run without failing, and one rung's alert stuck
 * in an incident would hold the work with its lapsed owner for good. Instead, whichever rung runs first delivers the
 * earlier ones that fell due and were not delivered yet, in ladder order, by running the very steps the model
 * gives each rung (its timer's listeners and the service tasks after it, e.g. "Record SLA breach" and "Remind owner,
 * copy manager"): an alert delivers the earlier rungs' alerts before its own; an interrupting timer (the
 * reassignment, and any other that ends a scope holding the stage) delivers every rung due by its own instant
 * before the scope is cancelled, in the same transaction, so the work never moves ahead of its alerts. Every step is
 * idempotent (records stamp once; each alert has its idempotency key in the notification log), so the rung's own
 * timer or alert job, when it runs later, sends nothing twice.
 *
 * <p>The steps are read from the model, not listed here, so a process owner's change to a rung's path in Modeler is
 * caught up as it is run. A path stops at its first element that is not a service task: a manager's review task
 * cannot be caught up once the stage is cancelled, and the escalation alert says so (see
 * {@link SlaLadder#notifyManagerOfEscalation}).
 */
@Component
public class LadderCatchUp extends AbstractProcessEnginePlugin {

  /** A rung as one stage's model defines it: its timer and the expressions its path runs, in order. */
  record RungPath(SlaRung rung, String timerId, List<String> steps) {}

  /** Set while a catch-up runs its steps: the alert steps it calls must not start a catch-up of their own. */
  private static final ThreadLocal<Boolean> CATCHING_UP = ThreadLocal.withInitial(() -> false);

  private final SlaRecords records;
  private final RepositoryService repositoryService;
  private final Map<String, List<RungPath>> pathsByStage = new ConcurrentHashMap<>();

  public LadderCatchUp(SlaRecords records, @Lazy RepositoryService repositoryService) {
    this.records = records;
    this.repositoryService = repositoryService;
  }

  /**
   * Before a rung's alert goes out: the rungs before it in the ladder that fell due by now and are not delivered
   * yet (their jobs are still waiting, or failed and wait for a retry) are delivered first.
   */
  public void before(DelegateExecution execution, SlaRung rung) {
    Instant now = EngineTime.now();
    catchUp(execution, path -> path.rung().ordinal() < rung.ordinal() && dueBy(execution, path.rung(), now));
  }

  /** Before an interrupting event at {@code at} ends the stage: every rung due by then, in ladder order. */
  public void upTo(DelegateExecution execution, Instant at) {
    catchUp(execution, path -> dueBy(execution, path.rung(), at));
  }

  private void catchUp(DelegateExecution execution, Predicate<RungPath> due) {
    if (CATCHING_UP.get()) {
      return;
    }
    String stageTask = SlaVariables.STAGE_TASK.from(execution);
    String recordId = SlaVariables.RECORD_ID.from(execution);
    if (stageTask == null || recordId == null) {
      return;
    }
    List<RungPath> overdue = paths(execution.getProcessDefinitionId(), stageTask).stream().filter(due).toList();
    // The record is read only when a rung is overdue: an alert on time (nearly all of them) costs no query here.
    if (overdue.isEmpty() || !clockRunning(recordId)) {
      return;
    }
    CATCHING_UP.set(true);
    try {
      var expressions = Context.getProcessEngineConfiguration().getExpressionManager();
      overdue.forEach(path -> path.steps().forEach(step -> expressions.createExpression(step).getValue(execution)));
    } finally {
      CATCHING_UP.set(false);
    }
  }

  /** An open visit whose clock runs: a paused clock's rungs wait for the resume, which moves their instants. */
  private boolean clockRunning(String recordId) {
    return records.find(recordId).map(r -> r.completedAt() == null && r.pausedAt() == null).orElse(false);
  }

  private static boolean dueBy(DelegateExecution execution, SlaRung rung, Instant at) {
    return execution.getVariable(rung.instantVariable()) instanceof Date instant && !instant.toInstant().isAfter(at);
  }

  /** The non-interrupting ladder timers on the stage's task and the steps each one leads to, in ladder order. */
  List<RungPath> paths(String processDefinitionId, String stageTask) {
    return pathsByStage.computeIfAbsent(processDefinitionId + "#" + stageTask, key -> {
      BpmnModelInstance model = repositoryService.getBpmnModelInstance(processDefinitionId);
      List<RungPath> paths = new ArrayList<>();
      for (BoundaryEvent timer : model.getModelElementsByType(BoundaryEvent.class)) {
        if (timer.cancelActivity() || timer.getAttachedTo() == null
            || !stageTask.equals(timer.getAttachedTo().getId())) {
          continue;
        }
        timer.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
            .map(TimerEventDefinition.class::cast).findFirst()
            .flatMap(definition -> SlaRung.ofTimeDate(
                definition.getTimeDate() == null ? null : definition.getTimeDate().getTextContent()))
            .ifPresent(rung -> paths.add(new RungPath(rung, timer.getId(), steps(timer))));
      }
      paths.sort(Comparator.comparing(RungPath::rung));
      return List.copyOf(paths);
    });
  }

  /** The timer's listener expressions, then each service task's expression along its path. */
  private static List<String> steps(BoundaryEvent timer) {
    List<String> steps = new ArrayList<>();
    if (timer.getExtensionElements() != null) {
      timer.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list().stream()
          .map(CamundaExecutionListener::getCamundaExpression).filter(e -> e != null).forEach(steps::add);
    }
    FlowNode next = next(timer);
    while (next instanceof ServiceTask task && task.getCamundaExpression() != null) {
      steps.add(task.getCamundaExpression());
      next = next(task);
    }
    return steps;
  }

  private static FlowNode next(FlowNode node) {
    return node.getOutgoing().stream().findFirst().map(SequenceFlow::getTarget).orElse(null);
  }

  /** Whether an interrupting timer ends a scope the instance's current SLA stage runs in. */
  private static boolean endsTheStage(ActivityImpl timer, ExecutionEntity execution) {
    if (timer.getActivityStartBehavior() != ActivityStartBehavior.CANCEL_EVENT_SCOPE) {
      return false;
    }
    String stageTask = SlaVariables.STAGE_TASK.from(execution);
    ScopeImpl scope = stageTask == null ? null : execution.getProcessDefinition().findActivity(stageTask);
    while (scope instanceof ActivityImpl activity) {
      if (activity == timer.getEventScope()) {
        return true;
      }
      scope = activity.getFlowScope();
    }
    return false;
  }

  /**
   * Boundary timers fire through this job handler in place of the engine's own: an interrupting one that ends the
   * SLA stage first catches the stage's ladder up to the timer's instant (its job's due date), then fires as usual.
   * A job handler, because by the time any listener of the boundary event runs the engine has cancelled the scope
   * and deleted the rungs' pending jobs and the stage's task.
   */
  final class CatchUpBeforeInterrupting extends TimerExecuteNestedActivityJobHandler {
    @Override
    public void execute(TimerJobConfiguration configuration, ExecutionEntity execution, CommandContext commandContext,
        String tenantId) {
      ActivityImpl timer = execution.getProcessDefinition().findActivity(configuration.getTimerElementKey());
      if (timer != null && endsTheStage(timer, execution)) {
        Date dueDate = commandContext.getCurrentJob() == null ? null : commandContext.getCurrentJob().getDuedate();
        upTo(execution, Optional.ofNullable(dueDate).map(Date::toInstant).orElseGet(EngineTime::now));
      }
      super.execute(configuration, execution, commandContext, tenantId);
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<JobHandler> handlers = configuration.getCustomJobHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomJobHandlers());
    handlers.add(new CatchUpBeforeInterrupting());
    configuration.setCustomJobHandlers(handlers);
  }
}
