package io.slaflow.sla;

import io.slaflow.org.Organisation;
import io.slaflow.routing.RoutingVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pauses and resumes the clock of the stage a record is in, for any unit (waiting on the customer, say). Pausing
 * keeps the business time left and holds the stage's ladder timers; resuming gives the stage that time again from
 * now on its own clock, and moves every pending ladder timer, the task's due date and the SLA record's due instant
 * by the business time the clock stood still. The paused time and its reason are kept on the SLA record. Everything
 * is stored (variables, suspended jobs, the record), so a restart in between loses nothing.
 */
@Component
public class SlaPause {

  static final String PAUSED_AT = "slaPausedAt";
  static final String PAUSE_REASON = "slaPauseReason";

  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final LadderTimers timers;
  private final TaskService taskService;
  private final SlaRecords records;
  private final Organisation organisation;

  public SlaPause(@Lazy RuntimeService runtimeService, @Lazy ManagementService managementService,
      LadderTimers timers, @Lazy TaskService taskService, SlaRecords records, Organisation organisation) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.timers = timers;
    this.taskService = taskService;
    this.records = records;
    this.organisation = organisation;
  }

  /** Why a pause or resume cannot be done now; callers answer it as a conflict. */
  public static class NotPossible extends RuntimeException {
    public NotPossible(String message) {
      super(message);
    }
  }

  public boolean isRunning(String processInstanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }

  public boolean isPaused(String processInstanceId) {
    return runtimeService.getVariable(processInstanceId, PAUSED_AT) != null;
  }

  @Transactional
  public void pause(String processInstanceId, String reason) {
    if (isPaused(processInstanceId)) {
      throw new NotPossible("The clock is paused already");
    }
    String recordId = (String) runtimeService.getVariable(processInstanceId, SlaVariables.RECORD_ID);
    if (recordId == null || records.find(recordId).map(r -> r.completedAt() != null).orElse(true)) {
      throw new NotPossible("No stage is on the clock");
    }
    Instant now = SlaClock.now();
    runtimeService.setVariable(processInstanceId, PAUSED_AT, Date.from(now));
    runtimeService.setVariable(processInstanceId, PAUSE_REASON, reason);
    ladderTimers(processInstanceId).keySet().forEach(job -> managementService.suspendJobById(job.getId()));
    records.paused(recordId, now, reason);
  }

  @Transactional
  public void resume(String processInstanceId) {
    Date pausedAt = (Date) runtimeService.getVariable(processInstanceId, PAUSED_AT);
    if (pausedAt == null) {
      throw new NotPossible("The clock is not paused");
    }
    Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
    String recordId = (String) variables.get(SlaVariables.RECORD_ID);
    SlaRecord record = records.find(recordId).orElseThrow();
    BusinessCalendar team = organisation.calendar((String) variables.get(RoutingVariables.TEAM_ID));
    BusinessCalendar clock = SlaPolicy.ClockKind.of(record.clockKind()) == SlaPolicy.ClockKind.BUSINESS
        ? team : BusinessCalendar.twentyFourSeven(team.zone());
    Instant now = SlaClock.now();
    Instant due = ((Date) variables.get(SlaVariables.DUE_AT)).toInstant();
    Instant newDue = pausedAt.toInstant().isBefore(due)
        ? clock.addWorkingTime(now, clock.workingTimeBetween(pausedAt.toInstant(), due)) : due;

    Map<String, Instant> moved = new LinkedHashMap<>();
    for (String name : LadderTimers.INSTANTS) {
      Instant was = ((Date) variables.get(name)).toInstant();
      Instant is;
      if (name.equals(SlaVariables.DUE_AT)) {
        is = newDue;
      } else if (!was.isAfter(due)) {
        is = newDue.minus(Duration.between(was, due)); // warnings: the same wall-clock time before the due time
      } else {
        is = team.addWorkingTime(newDue, team.workingTimeBetween(due, was)); // escalation and reassignment
      }
      moved.put(name, is);
      runtimeService.setVariable(processInstanceId, name, Date.from(is));
    }
    ladderTimers(processInstanceId).forEach((job, name) -> {
      managementService.setJobDuedate(job.getId(), Date.from(moved.get(name)));
      managementService.activateJobById(job.getId());
    });
    taskService.createTaskQuery().processInstanceId(processInstanceId).dueDate(Date.from(due)).list()
        .forEach(task -> {
          task.setDueDate(Date.from(newDue));
          taskService.saveTask(task);
        });
    runtimeService.removeVariable(processInstanceId, PAUSED_AT);
    runtimeService.removeVariable(processInstanceId, PAUSE_REASON);
    records.resumed(recordId, newDue, Duration.between(pausedAt.toInstant(), now).toSeconds());
  }

  private Map<Job, String> ladderTimers(String processInstanceId) {
    return timers.pending(runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getProcessDefinitionId(), processInstanceId);
  }
}
