package io.slaflow.routing;

import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Picks the owner inside the team the assignment table chose, and takes work away from an owner who let it lapse.
 * Called from the model as {@code ${routing.assign(execution)}} and {@code ${routing.releaseLapsedOwner(execution)}}.
 */
@Component("routing")
public class OwnerRouting {

  private final Organisation organisation;
  private final SlaRecords records;
  private final JdbcTemplate jdbc;

  public OwnerRouting(Organisation organisation, SlaRecords records, JdbcTemplate jdbc) {
    this.organisation = organisation;
    this.records = records;
    this.jdbc = jdbc;
  }

  /** Sets {@code owner} (null: nobody eligible, the work goes to the team queue) and {@code managerId}. */
  public void assign(DelegateExecution execution) {
    String teamId = (String) execution.getVariable(RoutingVariables.TEAM_ID);
    List<String> reps = organisation.reps(teamId).stream().map(Person::id).toList();
    Optional<String> owner = RoundRobin.next(reps, lastPicked(teamId), lapsedOwners(execution));
    owner.ifPresent(id -> remember(teamId, id));
    execution.setVariable(RoutingVariables.OWNER, owner.orElse(null));
    execution.setVariable(RoutingVariables.MANAGER_ID, organisation.requireTeam(teamId).managerId());
  }

  /**
   * The candidate groups of a stage task: the team when nobody owns the work (the team queue), otherwise none, so
   * that a rep sees their own work and the queue, not their colleagues' tasks.
   */
  public List<String> teamQueue(DelegateExecution execution) {
    return execution.getVariable(RoutingVariables.OWNER) == null
        ? List.of((String) execution.getVariable(RoutingVariables.TEAM_ID))
        : List.of();
  }

  /** The reassignment timer fired: the current owner is never routed this record again. */
  public void releaseLapsedOwner(DelegateExecution execution) {
    String owner = (String) execution.getVariable(RoutingVariables.OWNER);
    List<String> lapsed = lapsedOwners(execution);
    if (owner != null && !lapsed.contains(owner)) {
      lapsed.add(owner);
    }
    String recordId = (String) execution.getVariable(SlaVariables.RECORD_ID);
    records.reassignedAway(recordId, SlaClock.now());
    execution.setVariable(RoutingVariables.LAPSED_OWNERS, String.join(",", lapsed));
    execution.setVariable(RoutingVariables.PREVIOUS_OWNER, owner);
    execution.setVariable(RoutingVariables.PREVIOUS_SLA_RECORD_ID, recordId);
  }

  private static List<String> lapsedOwners(DelegateExecution execution) {
    String value = (String) execution.getVariable(RoutingVariables.LAPSED_OWNERS);
    return value == null || value.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(value.split(",")));
  }

  private String lastPicked(String teamId) {
    return jdbc.query("SELECT last_owner_id FROM routing_cursor WHERE team_id = ?",
        (rs, i) -> rs.getString(1), teamId).stream().findFirst().orElse(null);
  }

  private void remember(String teamId, String ownerId) {
    if (jdbc.update("UPDATE routing_cursor SET last_owner_id = ? WHERE team_id = ?", ownerId, teamId) == 0) {
      jdbc.update("INSERT INTO routing_cursor (team_id, last_owner_id) VALUES (?, ?)", teamId, ownerId);
    }
  }
}
