package io.slaflow.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete a task while a field its Camunda Form marks as required is empty. The form is the one place a
 * stage's required data is declared; this enforces it on the server, whoever completes the task.
 */
@Component
public class StageGate {

  private final TaskService taskService;
  private final FormService formService;
  /** Required fields per deployed form: a deployed form never changes. */
  private final Map<String, List<String>> requiredByForm = new ConcurrentHashMap<>();

  public StageGate(@Lazy TaskService taskService, @Lazy FormService formService) {
    this.taskService = taskService;
    this.formService = formService;
  }

  /**
   * @param submitted the variables sent with the completion; together with the task's own (local) variables they
   *     must hold the data. Values left in the process by an earlier visit of the stage do not count.
   * @throws RequiredDataMissing naming every empty required field
   */
  public void checkCompletion(String taskId, Map<String, Object> submitted) {
    Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
    if (task == null || task.getCamundaFormRef() == null) {
      return; // not visible to the caller (the command itself will refuse) or a task without a Camunda Form
    }
    List<String> required = requiredByForm.computeIfAbsent(
        task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), k -> requiredFields(taskId));
    if (required.isEmpty()) {
      return;
    }
    Map<String, Object> values = new HashMap<>(taskService.getVariablesLocal(taskId, required));
    if (submitted != null) {
      values.putAll(submitted);
    }
    List<String> missing = new ArrayList<>();
    for (String field : required) {
      Object value = values.get(field);
      if (value instanceof org.camunda.bpm.engine.variable.value.TypedValue typed) {
        value = typed.getValue();
      }
      if (value == null || (value instanceof String text && text.isBlank())) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new RequiredDataMissing(task.getName(), missing);
    }
  }

  private List<String> requiredFields(String taskId) {
    try (InputStream form = formService.getDeployedTaskForm(taskId)) {
      return RequiredFields.of(form);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the form of task " + taskId, e);
    }
  }
}
