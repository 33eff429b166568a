package io.slaflow.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TaskReportImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskCountByCandidateGroupResultEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskCountByCandidateGroupResult;

/**
 * Cockpit's Human Tasks page for a manager: the engine's count of open tasks by candidate group needs READ on every
 * task, which a manager, who reads the tasks of their own teams only, does not have, so the page showed an error.
 * For anyone without that permission the report counts the unassigned tasks they may read, by candidate group (tasks
 * with no group under none), as the engine's report counts all of them; anyone with it gets the engine's own report.
 */
final class ReadableTaskReport implements Command<List<TaskCountByCandidateGroupResult>> {

  private static final String REPORT_COMMAND = TaskReportImpl.class.getName() + "$TaskCountByCandidateGroupCmd";

  /**
   * {@code command} as it runs for its caller: the engine's report stands aside for this one when the caller may not
   * read every task (decided in the command's context, where the caller's authentication is); any other command is
   * returned as it is.
   */
  @SuppressWarnings("unchecked")
  static <T> Command<T> forCaller(Command<T> command) {
    if (!command.getClass().getName().equals(REPORT_COMMAND)) {
      return command;
    }
    return context -> context.getAuthentication() != null && context.isAuthorizationCheckEnabled()
        && !context.getAuthorizationManager().isAuthorized(Permissions.READ, Resources.TASK, "*")
        ? (T) new ReadableTaskReport().execute(context) : command.execute(context);
  }

  @Override
  public List<TaskCountByCandidateGroupResult> execute(CommandContext context) {
    // The engine's report counts the tasks nobody has taken yet. The task query checks the caller's authorization as
    // Tasklist's and the REST API's do.
    TaskQueryImpl unassigned = new TaskQueryImpl();
    unassigned.taskUnassigned();
    List<Task> readable = unassigned.executeList(context, null);
    Map<String, Integer> counts = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    for (Task task : readable) {
      List<String> groups = context.getIdentityLinkManager().findIdentityLinksByTaskId(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLinkEntity::getGroupId).distinct().toList();
      (groups.isEmpty() ? Collections.<String>singletonList(null) : groups)
          .forEach(group -> counts.merge(group, 1, Integer::sum));
    }
    List<TaskCountByCandidateGroupResult> report = new ArrayList<>();
    counts.forEach((group, count) -> {
      TaskCountByCandidateGroupResultEntity row = new TaskCountByCandidateGroupResultEntity();
      row.setGroupName(group);
      row.setTaskCount(count);
      report.add(row);
    });
    return report;
  }
}
