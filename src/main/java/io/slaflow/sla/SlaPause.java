package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.EngineTime;
import io.slaflow.org.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * is stored (the record, suspended jobs), so a restart in between loses nothing.
 *
 * <p>A pause belongs to one stage visit, so it lives on that visit's SLA record ({@code paused_at}, and each interval
 * in {@code sla_pause}), found through the record id the instance holds for its current stage: when the stage ends
 * (done, reassigned, withdrawn) the record ends the pause with it, and the next stage's new record starts with its
 * clock running. A variable on the instance would outlive the stage and pause the next one.
 */
@Component
public class SlaPause {

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
    return currentVisit(processInstanceId).map(visit -> visit.pausedAt() != null).orElse(false);
  }

  @Transactional
  public void pause(String processInstanceId, String reason) {
    SlaRecord visit = currentVisit(processInstanceId)
        .orElseThrow(() -> new NotPossible("No stage is on the clock"));
    if (!records.paused(visit.id(), EngineTime.now(), reason)) {
      throw new NotPossible("The clock is paused already");
    }
    ladderTimers(processInstanceId).keySet().forEach(job -> managementService.suspendJobById(job.getId()));
  }

  @Transactional
  public void resume(String processInstanceId) {
    SlaRecord visit = currentVisit(processInstanceId).filter(v -> v.pausedAt() != null)
        .orElseThrow(() -> new NotPossible("The clock is not paused"));
    Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
    BusinessCalendar team = organisation.calendar(RoutingVariables.TEAM_ID.from(variables));
    BusinessCalendar clock = SlaPolicy.ClockKind.of(visit.clockKind()) == SlaPolicy.ClockKind.BUSINESS
        ? team : BusinessCalendar.twentyFourSeven(team.zone());
    Instant now = EngineTime.now();
    Instant due = SlaVariables.DUE_AT.from(variables);
    Instant newDue = SlaPlan.resumedDue(clock, due, visit.pausedAt(), now);
    if (!records.resumed(visit.id(), now, newDue)) {
      throw new NotPossible("The clock is not paused");
    }

    Map<String, Instant> moved = new LinkedHashMap<>();
    for (String name : LadderTimers.INSTANTS) {
      Instant was = ((Date) variables.get(name)).toInstant();
      Instant is;
      if (name.equals(SlaVariables.DUE_AT.name())) {
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
  }

  /** The SLA record of the stage the instance is in, while that visit is open. */
  private Optional<SlaRecord> currentVisit(String processInstanceId) {
    String recordId = (String) runtimeService.getVariable(processInstanceId, SlaVariables.RECORD_ID.name());
    return recordId == null ? Optional.empty()
        : records.find(recordId).filter(visit -> visit.completedAt() == null);
  }

  private Map<Job, String> ladderTimers(String processInstanceId) {
    return timers.pending(runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getProcessDefinitionId(), processInstanceId);
  }
}
