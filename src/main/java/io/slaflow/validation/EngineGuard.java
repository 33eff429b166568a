package io.slaflow.validation;

import io.slaflow.sla.RoutingVariables;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.SetJobsRetriesByProcessBatchCmd;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Keeps the ladder's state the engine's. A person reaches the engine through many doors (Tasklist, Cockpit, the
 * engine REST API, the Java API in their name) and every door runs an engine command; this looks at each command a
 * person starts, before it runs, and refuses what would let them move the clock that measures them: write process
 * variables other than their task's form fields, disarm or postpone a ladder timer, modify, migrate, suspend or
 * delete open work, signal or correlate past the process, or hand a task to someone outside its team.
 *
 * <p>Commands started without an authenticated user are the engine's and Slaflow's own (the job executor, our
 * services and listeners) and pass. Administrators may do what Camunda lets them, and each such change of open work
 * is written to the SLA audit trail (see {@link LadderChanges}).
 */
@Component
public class EngineGuard {

  /** What only an administrator may do: each one moves, disarms or rewrites the ladder of open work. */
  private static final List<Class<?>> ADMIN_ONLY = List.of(
      // variables of executions and process instances: the ladder's instants, record ids, owner, team, facts
      AbstractSetVariableCmd.class, AbstractRemoveVariableCmd.class, AbstractPatchVariablesCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class,
      // timers: moved, recalculated, reprioritised, deleted, run early, unlocked
      SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobPriorityCmd.class,
      SetJobDefinitionPriorityCmd.class, DeleteJobCmd.class, DeleteJobsCmd.class, UnlockJobCmd.class,
      // a job run by hand: refused, and so is the failure handling that would then count a retry off the timer
      ExecuteJobsCmd.class, FailedJobListener.class,
      // suspension of jobs, job definitions, instances and definitions: a suspended timer never fires
      AbstractSetStateCmd.class, AbstractUpdateProcessInstancesSuspendStateCmd.class,
      // open work cancelled, moved, migrated, restarted or deleted
      AbstractModificationCmd.class, ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
      AbstractDeleteProcessInstanceCmd.class, DeleteProcessInstanceBatchCmd.class,
      SetProcessDefinitionVersionCmd.class, AbstractMigrationCmd.class, AbstractRestartProcessInstanceCmd.class,
      RestartProcessInstancesBatchCmd.class, AbstractDeleteProcessDefinitionCmd.class,
      // events the process waits for (owner away, resolution confirmed) come from our API, not from a person
      AbstractCorrelateMessageCmd.class, CorrelateAllMessageBatchCmd.class, MessageEventReceivedCmd.class,
      SignalCmd.class, SignalEventReceivedCmd.class,
      // a BPMN error or escalation thrown at a task: an error nobody catches ends the task and the stage without its
      // form (the instance too, with its ladder, and the SLA record stays open for ever); both write any variable
      HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
      // the task itself: its due date, priority and candidates are the ladder's
      SaveTaskCmd.class, SetTaskPriorityCmd.class, DeleteIdentityLinkCmd.class);

  private static final Runnable NOTHING = () -> {};

  private final StageGate gate;
  private final LadderChanges changes;
  /** Set by {@link StageGatePlugin} as the engine is built: the guard runs before the engine bean exists. */
  private volatile ProcessEngineConfigurationImpl configuration;

  public EngineGuard(StageGate gate, LadderChanges changes) {
    this.gate = gate;
    this.changes = changes;
  }

  void guard(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  /**
   * Checks a command a person started; throws what the engine REST API answers 400 or 403.
   *
   * @return what to do once the command succeeded: an administrator's change of open work is audited then
   */
  Runnable check(Command<?> command) {
    if (configuration == null || configuration.getIdentityService() == null) {
      return NOTHING; // the engine is being built
    }
    Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
    if (caller == null) {
      return NOTHING;
    }
    boolean admin = isAdmin(caller);
    if (command instanceof ResolveTaskCmd) {
      checkDelegated(field(command, "taskId"));
    } else if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      if (task(field(command, "taskId")) == null) {
        // the engine REST API answers 400 only for a form's refusal here, and 500 for a task that is not there
        throw new FieldRefused("taskId", noSuchTask(field(command, "taskId")));
      }
    }
    if (command instanceof ClaimTaskCmd || command instanceof DelegateTaskCmd || command instanceof AssignTaskCmd
        || command instanceof SetTaskOwnerCmd) {
      checkAssignee(field(command, "taskId"), field(command, "userId"));
    } else if (command instanceof AbstractAddIdentityLinkCmd) {
      refuseUnlessAdmin(admin, caller, "change who may work a task");
    } else if (command instanceof SetTaskVariablesCmd) {
      checkVariableWrite(field(command, "entityId"), field(command, "variables"), List.of());
    } else if (command instanceof RemoveTaskVariablesCmd) {
      checkVariableWrite(field(command, "entityId"), Map.of(), field(command, "variableNames"));
    } else if (command instanceof PatchTaskVariablesCmd) {
      checkVariableWrite(field(command, "entityId"), field(command, "variables"), field(command, "deletions"));
    } else if (command instanceof SetJobRetriesCmd || command instanceof AbstractSetJobsRetriesBatchCmd
        || command instanceof SetJobsRetriesByProcessBatchCmd) {
      return checkRetries(command, admin, caller);
    } else if (command instanceof DeleteDeploymentCmd) {
      if (Boolean.TRUE.equals(field(command, "cascade"))) {
        refuseUnlessAdmin(admin, caller, "delete a deployment with its running instances");
      } else {
        checkNoRunningInstances(field(command, "deploymentId"));
      }
    } else if (command instanceof DeleteTaskCmd) {
      checkStandalone(field(command, "taskId"), field(command, "taskIds"));
    } else if (command instanceof EvaluateStartConditionCmd) {
      checkConditionalStarts();
    } else if (ADMIN_ONLY.stream().anyMatch(type -> type.isInstance(command))) {
      refuseUnlessAdmin(admin, caller, describe(command));
      return changes.adminChange(configuration, describe(command), command);
    }
    return NOTHING;
  }

  /**
   * Retrying a failed job is every manager's recovery path; setting retries to 0 (the job never runs: a timer
   * disarmed) or a new due date with them (a rung postponed) is not.
   */
  private Runnable checkRetries(Command<?> command, boolean admin, Authentication caller) {
    int retries = field(command, "retries");
    boolean dueDate = Boolean.TRUE.equals(field(command, "isDueDateSet"));
    List<String> healthy = retries >= 1 && !dueDate && !admin ? stillRetrying(command) : List.of();
    if (retries >= 1 && !dueDate && healthy.isEmpty()) {
      return NOTHING;
    }
    String what = retries < 1 ? "set a job's retries to " + retries + " (only 1 or more retries a failed job)"
        : dueDate ? "give a job a new due date"
        // More retries for a job that is still retrying would put its incident, and the manager's alarm, off.
        : "add retries to job " + healthy.get(0) + ", which has not failed (only a job with none left is retried)";
    refuseUnlessAdmin(admin, caller, what);
    return changes.adminChange(configuration, what, command);
  }

  /** The jobs named by id in a retries command that still have retries left: none of them has failed yet. */
  private List<String> stillRetrying(Command<?> command) {
    List<String> ids = new ArrayList<>();
    if (command instanceof SetJobRetriesCmd) {
      String jobId = field(command, "jobId");
      List<String> jobIds = field(command, "jobIds");
      if (jobId != null) {
        ids.add(jobId);
      }
      if (jobIds != null) {
        ids.addAll(jobIds);
      }
    } else if (command instanceof SetJobsRetriesBatchCmd) {
      List<String> jobIds = field(command, "ids");
      if (jobIds != null) {
        ids.addAll(jobIds);
      }
    }
    if (ids.isEmpty()) {
      return List.of(); // by job definition (the engine then retries only failed jobs), or by query
    }
    return privileged(engine -> ids.stream().filter(id -> {
      Job job = engine.getManagementService().createJobQuery().jobId(id)
          .singleResult();
      return job != null && job.getRetries() > 0;
    }).toList());
  }

  /**
   * The engine REST API answers any other refusal of a variable write with 500, so this one is a 403 that names the
   * variable.
   */
  private void checkVariableWrite(String taskId, Map<String, ?> written, Collection<String> removed) {
    try {
      gate.checkVariableWrite(taskId, written, removed);
    } catch (FieldRefused refused) {
      throw new AuthorizationException(refused.getMessage());
    }
  }

  /**
   * A task goes to an active member of the team its record is routed to, or back to the team queue (no one): not
   * to another team's rep nor to a login that does not exist.
   */
  private void checkAssignee(String taskId, String userId) {
    Task task = task(taskId);
    if (task == null) {
      throw new BadUserRequestException(noSuchTask(taskId)); // the engine answers 500
    }
    if (userId == null || task.getExecutionId() == null
        || configuration.getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
      return; // back to the queue, or a task the caller cannot see: the command refuses it without naming its team
    }
    String teamId = privileged(services -> (String) services.getRuntimeService()
        .getVariable(task.getExecutionId(), RoutingVariables.TEAM_ID.name()));
    if (teamId == null) {
      return; // not routed to a team: the command answers for itself
    }
    boolean member = privileged(services -> services.getIdentityService().createUserQuery().userId(userId)
        .memberOfGroup(teamId).count() > 0);
    if (!member) {
      throw new BadUserRequestException("User '" + userId + "' cannot take this task: a task goes only to an"
          + " active member of its team '" + teamId + "' or back to the team queue");
    }
  }

  /** Resolving hands a delegated task back to its owner; the engine answers 500 for a task nobody delegated. */
  private void checkDelegated(String taskId) {
    Task task = task(taskId);
    if (task == null) {
      throw new BadUserRequestException(noSuchTask(taskId)); // the engine answers 500
    }
    if (task.getDelegationState() != DelegationState.PENDING) {
      throw new BadUserRequestException("Task " + taskId + " was not delegated: there is nothing to resolve;"
          + " complete it instead");
    }
  }

  /** The task, whoever may see it; null when there is none. */
  private Task task(String taskId) {
    return taskId == null ? null
        : privileged(engine -> engine.getTaskService().createTaskQuery().taskId(taskId).singleResult());
  }

  private static String noSuchTask(String taskId) {
    return "No task '" + taskId + "': it was completed or never existed";
  }

  /** The engine answers 500 for a deployment whose definitions still have running instances. */
  private void checkNoRunningInstances(String deploymentId) {
    long running = privileged(engine -> engine.getRuntimeService().createProcessInstanceQuery()
        .deploymentId(deploymentId).count());
    if (running > 0) {
      throw new BadUserRequestException("Deployment '" + deploymentId + "' cannot be deleted: " + running
          + " process instance(s) of its definitions are still running; deploy a new version instead");
    }
  }

  /** A task of a process ends when it is completed; the engine answers 500 for deleting one. */
  private void checkStandalone(String taskId, Collection<String> taskIds) {
    List<String> ids = taskId != null ? List.of(taskId) : taskIds == null ? List.of() : List.copyOf(taskIds);
    if (ids.isEmpty()) {
      return;
    }
    List<String> inProcess = privileged(engine -> engine.getTaskService().createTaskQuery()
        .taskIdIn(ids.toArray(String[]::new)).list().stream().filter(task -> task.getExecutionId() != null)
        .map(Task::getId).toList());
    if (!inProcess.isEmpty()) {
      throw new BadUserRequestException("Task " + String.join(", ", inProcess) + " cannot be deleted: it belongs to"
          + " a running process and ends when it is completed");
    }
  }

  /** No Slaflow process starts on a condition; the engine answers 500 when none does. */
  private void checkConditionalStarts() {
    boolean any = privileged(engine -> engine.getRuntimeService().createEventSubscriptionQuery()
        .eventType("conditional").list().stream().map(EventSubscription::getExecutionId)
        .anyMatch(Objects::isNull));
    if (!any) {
      throw new BadUserRequestException("No process starts on a condition: there is nothing to evaluate");
    }
  }

  private static void refuseUnlessAdmin(boolean admin, Authentication caller, String what) {
    if (!admin) {
      throw new AuthorizationException("User '" + caller.getUserId() + "' may not " + what
          + ": the SLA ladder of open work is changed only by Slaflow itself or an administrator");
    }
  }

  private static String describe(Command<?> command) {
    if (command instanceof ExecuteJobsCmd || command instanceof FailedJobListener) {
      // The refused run's failure handling is refused too, and its refusal is the one the caller reads.
      return "run a job by hand";
    }
    String name = command.getClass().getSimpleName().replaceAll("Cmd$", "");
    return "run '" + name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + "' on open work";
  }

  private boolean isAdmin(Authentication caller) {
    List<String> adminUsers = configuration.getAdminUsers();
    List<String> adminGroups = configuration.getAdminGroups();
    return adminUsers != null && adminUsers.contains(caller.getUserId())
        || caller.getGroupIds() != null && adminGroups != null
            && caller.getGroupIds().stream().anyMatch(adminGroups::contains);
  }

  /** Reads what the person may not see themselves (the task's team), in a command of its own without checks. */
  private <T> T privileged(Function<ProcessEngineConfigurationImpl, T> read) {
    return configuration.getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> read.apply(configuration)));
  }

  /**
   * The commands keep what they were asked in protected fields without getters; {@code EngineGuardTest} pins the
   * names for this engine version, so that an engine upgrade that renames one fails the build, not the guard.
   */
  @SuppressWarnings("unchecked")
  static <T> T field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(command);
      } catch (NoSuchFieldException inSuperclass) {
        // look further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("Camunda changed " + command.getClass().getName() + ": no field " + name);
  }
}
