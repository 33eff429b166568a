package io.slaflow.routing;

import io.slaflow.org.Grants;
import io.slaflow.org.IdentitySync;
import io.slaflow.sla.RoutingVariables;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Managers see their own teams' work and no other team's: every process instance routed to a team, and every user
 * task in it, is readable by that team's managers group (see {@link IdentitySync#managersGroup}). Reps see what
 * Camunda grants by assignment and candidate group: their own tasks and their team queue.
 */
@Component
public class TeamAccess extends AbstractProcessEnginePlugin {

  private final Grants grants;
  private final AuthorizationService authorizationService;

  public TeamAccess(Grants grants, @Lazy AuthorizationService authorizationService) {
    this.grants = grants;
    this.authorizationService = authorizationService;
  }

  /**
   * Takes a task away from its previous owner and from the team queue (its managers keep it): the task now belongs
   * to one rep only.
   */
  public void revokeTask(String taskId, String previousOwner, String teamId) {
    Context.getCommandContext().runWithoutAuthorization(() -> {
      List<Authorization> stale = new ArrayList<>();
      if (previousOwner != null) {
        stale.addAll(authorizationService.createAuthorizationQuery().userIdIn(previousOwner)
            .resourceType(Resources.TASK).resourceId(taskId).list());
      }
      stale.addAll(authorizationService.createAuthorizationQuery().groupIdIn(teamId)
          .resourceType(Resources.TASK).resourceId(taskId).list());
      stale.forEach(auth -> authorizationService.deleteAuthorization(auth.getId()));
      return null;
    });
  }

  /** Called when routing has chosen the team: its managers may follow the instance in Cockpit and retry incidents. */
  public void openInstanceToTeam(String processInstanceId, String teamId) {
    grant(IdentitySync.managersGroup(teamId), Resources.PROCESS_INSTANCE, processInstanceId,
        Permissions.READ, ProcessInstancePermissions.RETRY_JOB);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    TaskListener openTaskToTeam = this::openTaskToTeam;
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addTaskListener(TaskListener.EVENTNAME_CREATE, openTaskToTeam);
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }

  /** Every user task of a routed instance: the team's managers may see it and hand it to someone else. */
  private void openTaskToTeam(DelegateTask task) {
    String teamId = RoutingVariables.TEAM_ID.from(task);
    if (teamId != null) {
      grant(IdentitySync.managersGroup(teamId), Resources.TASK, task.getId(),
          Permissions.READ, Permissions.TASK_ASSIGN);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    // Whoever caused the step (a rep completing a task) may not grant anything themselves; the engine does.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      grants.grant(groupId, resource, resourceId, permissions);
      return null;
    });
  }

}
