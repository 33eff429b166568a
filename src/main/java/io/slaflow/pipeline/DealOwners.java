package io.slaflow.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.slaflow.calendar.EngineTime;
import io.slaflow.org.Organisation;
import io.slaflow.routing.OwnerRouting;
import io.slaflow.routing.TeamAccess;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaAudit;
import io.slaflow.sla.SlaLadder;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.sla.StageHistory;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Who owns the deal when it idles or stalls, called from processes/sales-pipeline.bpmn as
 * {@code ${dealOwners.…}}: the idle reassignment to another rep, the manager's pullback of a stalled deal and the
 * reset that gives it a new owner.
 */
@Component("dealOwners")
public class DealOwners {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DealClocks clocks;
  private final SlaLadder ladder;
  private final SlaRecords records;
  private final StageHistory stageHistory;
  private final OwnerRouting routing;
  private final TeamAccess teamAccess;
  private final Organisation organisation;
  private final Opportunities opportunities;
  private final TaskService taskService;

  public DealOwners(DealClocks clocks, SlaLadder ladder, SlaRecords records, StageHistory stageHistory,
      OwnerRouting routing, TeamAccess teamAccess, Organisation organisation, Opportunities opportunities,
      @Lazy TaskService taskService) {
    this.clocks = clocks;
    this.ladder = ladder;
    this.records = records;
    this.stageHistory = stageHistory;
    this.routing = routing;
    this.teamAccess = teamAccess;
    this.organisation = organisation;
    this.opportunities = opportunities;
    this.taskService = taskService;
  }

  /**
   * Nobody acted on the opportunity within the idle period: it goes to another rep of the team (never back to one
   * who let it idle), with its open task, and the idle clock starts again for the new owner.
   */
  public void reassignIdle(DelegateExecution execution) {
    String previous = RoutingVariables.OWNER.from(execution);
    String teamId = RoutingVariables.TEAM_ID.from(execution);
    List<String> lapsed = new ArrayList<>(List.of(
        (RoutingVariables.LAPSED_OWNERS.from(execution) + "").split(",")));
    lapsed.removeIf(id -> id.isBlank() || "null".equals(id));
    if (previous != null && !lapsed.contains(previous)) {
      lapsed.add(previous);
    }
    RoutingVariables.LAPSED_OWNERS.set(execution, String.join(",", lapsed));
    routing.assign(execution);
    String owner = RoutingVariables.OWNER.from(execution);
    TaskQuery open = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId());
    for (Task task : (previous == null ? open.taskUnassigned() : open.taskAssignee(previous)).list()) {
      teamAccess.revokeTask(task.getId(), previous, teamId);
      taskService.setAssignee(task.getId(), owner);
      if (owner == null) {
        taskService.addCandidateGroup(task.getId(), teamId);
      }
    }
    String recordId = SlaVariables.RECORD_ID.from(execution);
    if (recordId != null) {
      records.ownerChanged(recordId, owner);
      records.reassignedTo(recordId, owner);
    }
    stageHistory.ownerChanged(execution, owner);
    opportunities.logActivity(execution.getProcessBusinessKey(), "reassigned",
        "Not acted on within the idle period: " + previous + " -> " + (owner == null ? "team queue" : owner),
        SlaAudit.SLAFLOW, EngineTime.now());
    RoutingVariables.PREVIOUS_OWNER.set(execution, previous);
    RoutingVariables.PREVIOUS_SLA_RECORD_ID.set(execution, recordId);
    clocks.restartIdle(execution);
  }

  /** Tells the rep who let the opportunity idle where it went; the handover facts are not kept for later stages. */
  public void tellIdleOwner(DelegateExecution execution) {
    ladder.tellPreviousOwner(execution);
    RoutingVariables.PREVIOUS_OWNER.remove(execution);
    RoutingVariables.PREVIOUS_SLA_RECORD_ID.remove(execution);
  }

  /** The deal has not moved within the stalled period: it is pulled back to the manager. */
  public void pullBack(DelegateExecution execution) {
    stageHistory.interrupted(execution, "pulled-back");
    String teamId = RoutingVariables.TEAM_ID.from(execution);
    // A JSON variable: Tasklist's form reads the manager's choice of new owner from it.
    ArrayNode reps = JSON.createArrayNode();
    organisation.reps(teamId).forEach(rep -> reps.addObject().put("value", rep.id()).put("label", rep.displayName()));
    PipelineVariables.TEAM_REPS.set(execution, SpinValues.jsonValue(reps.toString()).create());
    clocks.planStalledReview(execution);
    opportunities.logActivity(execution.getProcessBusinessKey(), "pulled-back",
        "Not moved within the stalled period; pulled back to the manager", SlaAudit.SLAFLOW, EngineTime.now());
  }

  /** The manager resets the deal: a new owner and next step; the deal resumes at the stage it was in. */
  public void reset(DelegateExecution execution) {
    // The form's choice of owner is checked against the team's reps by the stage gate.
    String newOwner = PipelineVariables.NEW_OWNER.from(execution);
    RoutingVariables.OWNER.set(execution, newOwner);
    teamAccess.openInstanceToTeam(execution.getProcessInstanceId(),
        RoutingVariables.TEAM_ID.from(execution));
    opportunities.logActivity(execution.getProcessBusinessKey(), "reset",
        "Reset by the manager to " + newOwner + ". Next step: " + PipelineVariables.NEXT_STEP.from(execution),
        SlaAudit.SLAFLOW, EngineTime.now());
  }
}
