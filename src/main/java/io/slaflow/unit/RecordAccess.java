package io.slaflow.unit;

import io.slaflow.org.IdentitySync;
import io.slaflow.sla.StageHistory;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may read and work a business record (a lead, an opportunity, a ticket, a contract) through our API:
 * administrators every record, an intake system the records it created, people the records routed to a team they
 * belong to. Whoever may not gets the same 404 as for a record that does not exist.
 */
@Component
public class RecordAccess {

  private final IdentityService identityService;
  private final JdbcTemplate jdbc;
  private final StageHistory stageHistory;

  public RecordAccess(IdentityService identityService, JdbcTemplate jdbc, StageHistory stageHistory) {
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.stageHistory = stageHistory;
  }

  /**
   * Whether {@code user} may read and work the unit's record {@code id}: as {@link #mayRead(String, String, String,
   * List)}, with the teams the record's stages went to.
   */
  public boolean mayRead(String user, Unit unit, String id) {
    return mayRead(user, unit.table(), id, stageHistory.teamsOf(id, unit.processKeys().toArray(String[]::new)));
  }

  /**
   * @param table the record's table, whose {@code intake_client} names the intake client that created it (null for
   *     records our processes created: administrators and teams only)
   */
  public boolean mayRead(String user, String table, String id, List<String> teamsOfRecord) {
    Set<String> groups = groupsOf(user);
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return true;
    }
    if (groups.contains(IdentitySync.INTAKE) && jdbc.queryForList("SELECT intake_client FROM " + table
        + " WHERE id = ?", String.class, id).contains(user)) {
      return true;
    }
    return teamsOfRecord.stream().anyMatch(groups::contains);
  }

  /**
   * Whether {@code user}, who may read the record, may also change the facts its SLA is planned from (a ticket's
   * priority): administrators, the intake system that sent it, and the managers of its team; not the reps the SLA
   * measures.
   */
  public boolean mayChangeSlaFacts(String user, List<String> teamsOfRecord) {
    Set<String> groups = groupsOf(user);
    return groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains(IdentitySync.INTAKE)
        || teamsOfRecord.stream().map(IdentitySync::managersGroup).anyMatch(groups::contains);
  }

  /**
   * Whether {@code user} may send a record waiting in {@code teamId} to another team: administrators and the managers
   * of that team (the head of sales, for the unrouted queue); not its reps, not other teams' managers.
   */
  public boolean mayRoute(String user, String teamId) {
    Set<String> groups = groupsOf(user);
    return groups.contains(Groups.CAMUNDA_ADMIN)
        || teamId != null && groups.contains(IdentitySync.managersGroup(teamId));
  }

  private Set<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
        .collect(Collectors.toSet());
  }
}
