package io.slaflow.desk;

import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaStanding;
import io.slaflow.sla.SlaVariables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What a person's task cards say about the record behind each task and its SLA: the record's current title and the
 * visit's standing. Only for tasks the engine lets that person read; the variables behind a card stay unreadable to
 * reps, who get the card's words, not the process data.
 */
@Component
public class Desk {

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final SlaRecords records;

  public Desk(TaskService taskService, RuntimeService runtimeService, IdentityService identityService,
      SlaRecords records) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.records = records;
  }

  /**
   * One task card's words: the record it is for, the SLA standing (key and label), the due time, and while the clock
   * stands still since when and why. A task outside an SLA stage has no standing.
   */
  public record Card(String taskId, String record, String standing, String standingLabel, Instant dueAt,
      Instant pausedAt, String pauseReason) {}

  /** The cards of those of {@code taskIds} that {@code user} may read, in the order asked; others are left out. */
  public List<Card> cards(String user, List<String> taskIds) {
    List<Card> cards = new ArrayList<>();
    for (Task task : readableBy(user, taskIds)) {
      Map<String, Object> variables = taskService.getVariables(task.getId(),
          List.of(SlaVariables.RECORD_TITLE, SlaVariables.RECORD_ID, SlaVariables.STATE));
      Optional<SlaRecord> visit = Optional.ofNullable((String) variables.get(SlaVariables.RECORD_ID))
          .flatMap(records::find).filter(record -> record.completedAt() == null);
      SlaStanding standing = visit.map(v -> SlaStanding.of(v, variables.get(SlaVariables.STATE))).orElse(null);
      cards.add(new Card(task.getId(), (String) variables.get(SlaVariables.RECORD_TITLE),
          standing == null ? null : standing.key(), standing == null ? null : standing.label(),
          visit.map(SlaRecord::dueAt).orElse(null), visit.map(SlaRecord::pausedAt).orElse(null),
          visit.map(SlaRecord::pauseReason).orElse(null)));
    }
    cards.sort((a, b) -> Integer.compare(taskIds.indexOf(a.taskId()), taskIds.indexOf(b.taskId())));
    return cards;
  }

  /**
   * The record titles of running process instances, by instance id: how alerts, cards and the manager's room name
   * them.
   */
  public Map<String, String> titlesOf(Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> titles = new HashMap<>();
    runtimeService.createVariableInstanceQuery().variableName(SlaVariables.RECORD_TITLE)
        .processInstanceIdIn(processInstanceIds.toArray(String[]::new)).list()
        .forEach(variable -> titles.putIfAbsent(variable.getProcessInstanceId(), (String) variable.getValue()));
    return titles;
  }

  /** The tasks among {@code taskIds} the engine's authorization lets {@code user} read, as Tasklist would list them. */
  private List<Task> readableBy(String user, List<String> taskIds) {
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
        .toList();
    identityService.setAuthentication(user, groups);
    try {
      return taskService.createTaskQuery().taskIdIn(taskIds.toArray(String[]::new)).list();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
