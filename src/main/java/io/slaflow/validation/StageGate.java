package io.slaflow.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete a task while a field its Camunda Form marks as required is empty, or a choice field holds a
 * value that is not one of its options. The form is the one place a stage's required data is declared; this
 * enforces it on the server, whoever completes the task. A field the form hides (its {@code conditional.hide}
 * FEEL expression is true for the submitted values) is neither required nor checked, as in the form itself.
 */
@Component
public class StageGate {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskService taskService;
  private final FormService formService;
  private final ProcessEngine engine;
  /** Fields per deployed form: a deployed form never changes. */
  private final Map<String, List<FormFields.Field>> fieldsByForm = new ConcurrentHashMap<>();

  public StageGate(@Lazy TaskService taskService, @Lazy FormService formService, @Lazy ProcessEngine engine) {
    this.taskService = taskService;
    this.formService = formService;
    this.engine = engine;
  }

  /**
   * @param submitted the variables sent with the completion; together with the task's own (local) variables they
   *     must hold the required data. Values left in the process by an earlier visit of the stage do not count.
   * @throws RequiredDataMissing naming every empty required field
   * @throws InvalidChoice naming a field whose value is not one of its options
   */
  public void checkCompletion(String taskId, Map<String, Object> submitted) {
    Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
    if (task == null || task.getCamundaFormRef() == null) {
      return; // not visible to the caller (the command itself will refuse) or a task without a Camunda Form
    }
    List<FormFields.Field> fields = fieldsByForm.computeIfAbsent(
        task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), k -> fields(taskId));
    if (fields.isEmpty()) {
      return;
    }
    Map<String, Object> given = new HashMap<>(taskService.getVariablesLocal(taskId));
    Map<String, Object> all = new HashMap<>(taskService.getVariables(taskId));
    if (submitted != null) {
      given.putAll(submitted);
      all.putAll(submitted);
    }
    given.replaceAll((k, v) -> plain(v));
    all.replaceAll((k, v) -> plain(v));
    List<String> missing = new ArrayList<>();
    for (FormFields.Field field : fields) {
      if (hidden(field, all)) {
        continue;
      }
      Object value = given.get(field.key());
      // A required checkbox is a confirmation: it must be ticked.
      boolean empty = value == null || (value instanceof String text && text.isBlank())
          || (field.checkbox() && !Boolean.TRUE.equals(value) && !"true".equals(value));
      if (empty && field.required()) {
        missing.add(field.key());
      }
      if (!empty) {
        List<String> options = options(field, all);
        if (!options.isEmpty() && !options.contains(value.toString())) {
          throw new InvalidChoice(task.getName(), field.key(), options);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new RequiredDataMissing(task.getName(), missing);
    }
  }

  private boolean hidden(FormFields.Field field, Map<String, Object> values) {
    FeelEngine feel = ((DefaultDmnEngineConfiguration) ((ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration()).getDmnEngineConfiguration()).getFeelEngine();
    for (String condition : field.hideWhen()) {
      try {
        Object hide = feel.evaluateSimpleExpression(condition, Variables.fromMap(values).asVariableContext());
        if (Boolean.TRUE.equals(hide)) {
          return true;
        }
      } catch (RuntimeException unreadable) {
        // An expression the engine cannot evaluate hides nothing: the field stays checked.
      }
    }
    return false;
  }

  /** A choice field's options: its static values, or the list of {value, label} the form reads from a variable. */
  private static List<String> options(FormFields.Field field, Map<String, Object> values) {
    if (field.optionsVariable() == null) {
      return field.options();
    }
    Object dynamic = values.get(field.optionsVariable());
    if (dynamic == null) {
      return List.of();
    }
    // A JSON variable (what Tasklist's forms read) prints as its JSON text.
    List<String> options = new ArrayList<>();
    try {
      for (JsonNode option : JSON.readTree(dynamic.toString())) {
        options.add(option.isObject() ? option.path("value").asText() : option.asText());
      }
    } catch (JsonProcessingException notJson) {
      return List.of();
    }
    return options;
  }

  private static Object plain(Object value) {
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private List<FormFields.Field> fields(String taskId) {
    try (InputStream form = formService.getDeployedTaskForm(taskId)) {
      return FormFields.of(form);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the form of task " + taskId, e);
    }
  }
}
