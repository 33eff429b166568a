package io.slaflow.routing;

import io.slaflow.calendar.EngineTime;
import io.slaflow.org.Logins;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.org.Team;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.sla.StageHistory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Picks the owner inside the team the assignment table chose (least loaded against capacity, skipping reps away or
 * full, and reps whose login was deleted or is locked; see {@link WeightedChoice}), and takes work away from an owner
 * who let it lapse.
 * Called from the model as {@code ${routing.assign(execution)}} and {@code ${routing.releaseLapsedOwner(execution)}}.
 */
@Component("routing")
public class OwnerRouting {

  private final Organisation organisation;
  private final SlaRecords records;
  private final TeamAccess teamAccess;
  private final SlaClock slaClock;
  private final StageHistory stageHistory;
  private final Logins logins;
  private final RoutingDecision decision;

  public OwnerRouting(Organisation organisation, SlaRecords records, TeamAccess teamAccess, SlaClock slaClock,
      StageHistory stageHistory, Logins logins, RoutingDecision decision) {
    this.organisation = organisation;
    this.records = records;
    this.teamAccess = teamAccess;
    this.slaClock = slaClock;
    this.stageHistory = stageHistory;
    this.logins = logins;
    this.decision = decision;
  }

  /** Sets {@code owner} (null: nobody eligible, the work goes to the team queue) and {@code managerId}. */
  public void assign(DelegateExecution execution) {
    String teamId = RoutingVariables.TEAM_ID.from(execution);
    Team team = organisation.requireTeam(teamId);
    LocalDate today = EngineTime.now().atZone(team.zone()).toLocalDate();
    List<Person> reps = organisation.reps(teamId);
    Set<String> away = organisation.awayOn(teamId, today);
    Set<String> loggingIn = logins.canLogIn(reps.stream().map(Person::id).toList());
    List<String> lapsed = lapsedOwners(execution);
    // With the team's cursor held (RoutingDecision): the open work committed and the picks not committed yet.
    Optional<String> owner = decision.decide(teamId, (lastPicked, pending) -> {
      Map<String, Integer> openWork = records.openWorkByOwner(teamId);
      pending.forEach((rep, picks) -> openWork.merge(rep, picks, Integer::sum));
      List<WeightedChoice.Candidate> candidates = reps.stream()
          // A rep whose login was deleted (in Admin, or through the engine REST API) or is locked could not see the
          // work: they count as away, and keep their place in the round robin.
          .map(rep -> new WeightedChoice.Candidate(rep.id(), rep.capacity(), openWork.getOrDefault(rep.id(), 0),
              away.contains(rep.id()) || !loggingIn.contains(rep.id())))
          .toList();
      return WeightedChoice.choose(candidates, lastPicked, lapsed);
    });
    RoutingVariables.OWNER.set(execution, owner.orElse(null));
    RoutingVariables.MANAGER_ID.set(execution, team.managerId());
    teamAccess.openInstanceToTeam(execution.getProcessInstanceId(), teamId);
  }

  /**
   * The candidate groups of a stage task: the team when nobody owns the work (the team queue), otherwise none, so
   * that a rep sees their own work and the queue, not their colleagues' tasks.
   */
  public List<String> teamQueue(DelegateExecution execution) {
    return RoutingVariables.OWNER.from(execution) == null
        ? List.of(RoutingVariables.TEAM_ID.from(execution))
        : List.of();
  }

  /**
   * The stage task's assignee changed outside routing (a rep claimed it from the team queue, or it was handed over
   * in Tasklist): the new assignee is the owner the ladder reminds and the SLA record names.
   */
  public void ownerChanged(DelegateTask task) {
    String assignee = task.getAssignee();
    String previous = RoutingVariables.OWNER.from(task);
    if (Objects.equals(assignee, previous)) {
      return; // routing's own assignment
    }
    if (assignee == null) {
      task.addCandidateGroup(RoutingVariables.TEAM_ID.from(task)); // given back: the team may claim it
    } else {
      // Camunda only ever adds task permissions: the previous owner and, after a claim, the rest of the team
      // would keep seeing and completing the task.
      teamAccess.revokeTask(task.getId(), previous, RoutingVariables.TEAM_ID.from(task));
      task.deleteCandidateGroup(RoutingVariables.TEAM_ID.from(task));
    }
    RoutingVariables.OWNER.set(task, assignee);
    // Only a visit opened on the team queue's SLA ends with a claim (met or breached by it). A stage that was given
    // back (unclaimed) and taken again keeps its visit and its clock: a hand-over never closes a visit as met.
    Boolean queueVisit = SlaVariables.QUEUE_VISIT.from(task);
    boolean claimFromQueue = queueVisit == null ? previous == null : queueVisit;
    if (claimFromQueue && assignee != null) {
      slaClock.claimedFromQueue(task);
    } else {
      records.ownerChanged(SlaVariables.RECORD_ID.from(task), assignee);
    }
    stageHistory.ownerChanged(task.getExecution(), assignee);
  }

  /**
   * The reassignment timer fired, or the manager reassigned: the current owner is never routed this record again.
   * An owner who only went out of office is not barred.
   */
  public void releaseLapsedOwner(DelegateExecution execution) {
    String owner = RoutingVariables.OWNER.from(execution);
    String recordId = SlaVariables.RECORD_ID.from(execution);
    boolean away = records.find(recordId)
        .map(r -> OutOfOffice.Handover.REASSIGN.recorded().equals(r.awayHandover())).orElse(false);
    List<String> lapsed = lapsedOwners(execution);
    if (owner != null && !away && !lapsed.contains(owner)) {
      lapsed.add(owner);
    }
    records.reassignedAway(recordId, EngineTime.now());
    RoutingVariables.LAPSED_OWNERS.set(execution, String.join(",", lapsed));
    RoutingVariables.PREVIOUS_OWNER.set(execution, owner);
    RoutingVariables.PREVIOUS_SLA_RECORD_ID.set(execution, recordId);
  }

  private static List<String> lapsedOwners(DelegateExecution execution) {
    String value = RoutingVariables.LAPSED_OWNERS.from(execution);
    return value == null || value.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(value.split(",")));
  }
}
