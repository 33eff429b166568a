package io.slaflow.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
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
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.type.PrimitiveValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete a task while a field its Camunda Form marks as required is empty, or a choice field holds a
 * value that is not one of its options; refuses any variable the form does not declare, and values the form could
 * not produce (a text over its maximum length, a word in a number field). The form is the one place a stage's required data is declared; this
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
   * @throws FieldRefused naming a variable the form does not declare, or a value the form would not produce
   * @throws RequiredDataMissing naming every empty required field
   * @throws InvalidChoice naming a field whose value is not one of its options
   */
  public void checkCompletion(String taskId, Map<String, Object> submitted) {
    Task task = visibleTask(taskId);
    if (task == null) {
      return; // not visible to the caller: the command itself will refuse
    }
    List<FormFields.Field> fields = fields(task);
    checkDeclared(task, fields, submitted == null ? Map.of() : submitted, List.of());
    List<FormFields.Field> writable = fields.stream().filter(f -> !f.readonly()).toList();
    if (writable.isEmpty()) {
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
    for (FormFields.Field field : writable) {
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

  /**
   * A write to a task's variables outside completion (Tasklist's save, the engine REST API's task variables): only
   * the form's own fields, with values the form could produce.
   *
   * @throws FieldRefused naming the first variable that is not one of them
   */
  public void checkVariableWrite(String taskId, Map<String, ?> written, Collection<String> removed) {
    Task task = visibleTask(taskId);
    if (task != null) {
      checkDeclared(task, fields(task), written == null ? Map.of() : written, removed == null ? List.of() : removed);
    }
  }

  /**
   * The form is the whole of what a person may write on a task: the ladder's state (record ids, owner, team,
   * priority, due instants) is read by the process and would otherwise be one request away from anyone who may
   * complete the task. A read-only field may come back only unchanged, as Tasklist sends it.
   */
  private void checkDeclared(Task task, List<FormFields.Field> fields, Map<String, ?> written,
      Collection<String> removed) {
    Map<String, FormFields.Field> byKey = new HashMap<>();
    fields.forEach(field -> byKey.putIfAbsent(field.key(), field));
    for (String name : removed) {
      FormFields.Field field = byKey.get(name);
      if (field == null || field.readonly()) {
        throw FieldRefused.undeclared(task.getName(), name);
      }
    }
    for (String name : written.keySet()) {
      FormFields.Field field = byKey.get(name);
      if (field == null) {
        throw FieldRefused.undeclared(task.getName(), name);
      }
      // A VariableMap (what the engine REST API passes) deserializes an object as it is read: read it typed.
      Object value = written instanceof VariableMap variables ? variables.getValueTyped(name) : written.get(name);
      // An untyped value (the engine REST API's, with no "type") has no type yet and is taken as it is.
      if (value instanceof TypedValue typed && typed.getType() != null
          && !(typed.getType() instanceof PrimitiveValueType)) {
        throw new FieldRefused(field.key(), "'" + field.key() + "' of '" + task.getName()
            + "' must be a plain value, not " + typed.getType().getName());
      }
      value = plain(value);
      if (field.readonly()) {
        Object current = taskService.getVariable(task.getId(), field.key());
        if (!String.valueOf(value).equals(String.valueOf(current))) {
          throw new FieldRefused(field.key(), "'" + field.key() + "' is shown read-only on '" + task.getName()
              + "' and cannot be changed there");
        }
      } else {
        String problem = FieldValues.problem(field, value);
        if (problem != null) {
          throw new FieldRefused(field.key(), "'" + field.key() + "' of '" + task.getName() + "' " + problem);
        }
      }
    }
  }

  private Task visibleTask(String taskId) {
    return taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
  }

  /** The fields of the task's Camunda Form; none for a task without one (it then takes no variables at all). */
  private List<FormFields.Field> fields(Task task) {
    if (task.getCamundaFormRef() == null) {
      return List.of();
    }
    return fieldsByForm.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
        k -> readForm(task.getId()));
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

  private List<FormFields.Field> readForm(String taskId) {
    try (InputStream form = formService.getDeployedTaskForm(taskId)) {
      return FormFields.of(form);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the form of task " + taskId, e);
    }
  }
}
