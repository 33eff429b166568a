package io.slaflow.validation;

import io.slaflow.sla.SlaAudit;
import io.slaflow.sla.SlaVariables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * An administrator's change of open work through the engine (a variable rewritten, a timer moved or disarmed, an
 * instance modified) goes to the SLA audit trail of the stage it touched, with the values before and after.
 */
@Component
class LadderChanges {

  private final SlaAudit audit;

  LadderChanges(SlaAudit audit) {
    this.audit = audit;
  }

  /**
   * Reads, before the command runs, which stage it touches and what stood there.
   *
   * @return writes the audit rows; run once the command succeeded
   */
  Runnable adminChange(ProcessEngineConfigurationImpl engine, String what, Command<?> command) {
    List<String[]> rows = new ArrayList<>(); // field, old value, new value
    String slaRecordId = engine.getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> touchedRecord(engine, command, rows)));
    if (slaRecordId == null) {
      return () -> {};
    }
    if (rows.isEmpty()) {
      rows.add(new String[] {null, null, null});
    }
    return () -> rows.forEach(row -> audit.write(slaRecordId, "administrator: " + what, row[0], row[1], row[2]));
  }

  /** The SLA record of the stage the command touches, if any; adds what it changes to {@code rows}. */
  private static String touchedRecord(ProcessEngineConfigurationImpl engine, Command<?> command,
      List<String[]> rows) {
    String processInstanceId = optional(command, "processInstanceId");
    String jobId = optional(command, "jobId");
    String entityId = optional(command, "entityId");
    String taskId = optional(command, "taskId");
    if (jobId != null) {
      Job job = engine.getManagementService().createJobQuery().jobId(jobId).singleResult();
      if (job != null) {
        processInstanceId = job.getProcessInstanceId();
        rows.add(new String[] {"job " + job.getId(), "due " + job.getDuedate() + ", retries " + job.getRetries()
            + (job.isSuspended() ? ", suspended" : ""), describeNew(command)});
      }
    } else if (entityId != null) {
      Execution execution = engine.getRuntimeService().createExecutionQuery().executionId(entityId).singleResult();
      if (execution != null) {
        processInstanceId = execution.getProcessInstanceId();
        Map<String, Object> written = optional(command, "variables");
        Collection<String> removed = optional(command, "variableNames");
        Map<String, String> changed = new LinkedHashMap<>();
        if (written != null) {
          written.keySet().forEach(name -> changed.put(name, text(written instanceof VariableMap typed
              ? typed.getValueTyped(name) : written.get(name))));
        }
        if (removed != null) {
          removed.forEach(name -> changed.put(name, null));
        }
        changed.forEach((name, value) -> rows.add(new String[] {name,
            text(engine.getRuntimeService().getVariableTyped(entityId, name, false)), value}));
      }
    } else if (taskId != null) {
      Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
      processInstanceId = task == null ? null : task.getProcessInstanceId();
    }
    return processInstanceId == null ? null
        : (String) engine.getRuntimeService().getVariable(processInstanceId, SlaVariables.RECORD_ID.name());
  }

  /** A value as the audit shows it; an object as its serialized form, never deserialized here. */
  private static String text(Object value) {
    if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
      return serialized.getValueSerialized();
    }
    return String.valueOf(value instanceof TypedValue typed ? typed.getValue() : value);
  }

  private static String describeNew(Command<?> command) {
    Object dueDate = optional(command, "newDuedate");
    Object retries = optional(command, "retries");
    return dueDate != null ? "due " + dueDate : retries != null ? "retries " + retries : command.getClass()
        .getSimpleName();
  }

  private static <T> T optional(Object command, String name) {
    try {
      return EngineGuard.field(command, name);
    } catch (IllegalStateException absent) {
      return null;
    }
  }
}
