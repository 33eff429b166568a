package io.slaflow.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Mirrors our teams and people into Camunda users, groups and authorizations so Tasklist and Cockpit follow. */
@Component
public class IdentitySync {

  public static final String REPS = "reps";
  public static final String MANAGERS = "managers";
  public static final String INTAKE = "slaflow-intake";
  /** Change stages, SLAs, routing and forms in Camunda Modeler and deploy them. */
  public static final String PROCESS_OWNERS = "process-owners";

  private final IdentityService identityService;
  private final Grants grants;
  private final Organisation organisation;

  public IdentitySync(
      IdentityService identityService,
      Grants grants,
      Organisation organisation) {
    this.identityService = identityService;
    this.grants = grants;
    this.organisation = organisation;
  }

  /** Ids a team may not take: they are (or end like) the role groups' ids. */
  public static boolean isReservedGroupId(String id) {
    return List.of(REPS, MANAGERS, INTAKE, PROCESS_OWNERS, "camunda-admin").contains(id)
        || id.endsWith(MANAGERS_SUFFIX);
  }

  private static final String MANAGERS_SUFFIX = "-managers";

  /** The group of a team's managers: they see that team's work and nothing of other teams. */
  public static String managersGroup(String teamId) {
    return teamId + MANAGERS_SUFFIX;
  }

  /** The team whose managers group this is, if it is one. */
  public static Optional<String> teamManagedThrough(String groupId) {
    return groupId.endsWith(MANAGERS_SUFFIX)
        ? Optional.of(groupId.substring(0, groupId.length() - MANAGERS_SUFFIX.length()))
        : Optional.empty();
  }

  /** Creates every missing group, user and membership; new users get {@code initialPassword}. */
  public void synchronise(String initialPassword) {
    ensureRoleGroups();
    for (Team team : organisation.teams()) {
      syncTeam(team);
    }
    for (Person person : organisation.people()) {
      syncPerson(person, initialPassword);
    }
  }

  /** Every start, with or without the demo: the role groups and what they may do. */
  @Order(1)
  @EventListener(ApplicationReadyEvent.class)
  public void ensureRoles() {
    ensureRoleGroups();
    grants.limitOwnUserGrants(IdentityGuardPlugin.SELF_PERMISSIONS);
  }

  /** The groups of each role and what they may do in the webapps; existing ones are left as they are. */
  private void ensureRoleGroups() {
    ensureGroup(REPS, "Sales reps");
    ensureGroup(MANAGERS, "Sales managers");
    ensureGroup(INTAKE, "Systems that create leads through the API");
    ensureGroup(PROCESS_OWNERS, "Process owners");
    grants.grant(PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grants.grant(PROCESS_OWNERS, Resources.DEPLOYMENT, "*",
        Permissions.CREATE, Permissions.READ, Permissions.DELETE);
    grants.grant(PROCESS_OWNERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.UPDATE);
    grants.grant(PROCESS_OWNERS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.UPDATE);
    grants.grant(PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    grants.grant(REPS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grants.grant(MANAGERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grants.grant(MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    // Tasklist shows the process name next to a task and needs to read the definition for that.
    grants.grant(REPS, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    // Tasklist and Cockpit show colleagues' names instead of their ids.
    grants.grant(REPS, Resources.USER, "*", Permissions.READ);
    grants.grant(MANAGERS, Resources.USER, "*", Permissions.READ);
    // Definitions only: instances and tasks are opened to a team's managers one by one (routing.TeamAccess).
    grants.grant(MANAGERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    grants.grant(MANAGERS, Resources.DECISION_DEFINITION, "*", Permissions.READ);
  }

  /** A team's two groups: its members, and its managers. */
  public void syncTeam(Team team) {
    ensureGroup(team.id(), team.name());
    ensureGroup(managersGroup(team.id()), "Managers of " + team.name());
  }

  /**
   * A person's Camunda user and memberships follow our tables: a new user gets {@code initialPassword}; a person
   * who changed team or role leaves the groups of their old team and role.
   */
  public void syncPerson(Person person, String initialPassword) {
    ensureUser(person, initialPassword);
    List<String> groups = new ArrayList<>(switch (person.role()) {
      case REP -> List.of(person.teamId(), REPS);
      case MANAGER -> List.of(person.teamId(), MANAGERS, managersGroup(person.teamId()));
      // Not in the team's group: the team's tasks are offered to that group, and a process owner works none.
      case PROCESS_OWNER -> List.of(PROCESS_OWNERS);
    });
    List<String> teamAndRoleGroups = new ArrayList<>(List.of(REPS, MANAGERS, PROCESS_OWNERS));
    for (Team team : organisation.teams()) {
      teamAndRoleGroups.add(team.id());
      teamAndRoleGroups.add(managersGroup(team.id()));
      if (person.id().equals(team.managerId())) {
        groups.add(managersGroup(team.id())); // the manager of another team too, or of several
      }
    }
    for (String group : teamAndRoleGroups) {
      boolean member = identityService.createUserQuery().userId(person.id()).memberOfGroup(group).count() > 0;
      if (groups.contains(group) && !member) {
        identityService.createMembership(person.id(), group);
      } else if (!groups.contains(group) && member) {
        identityService.deleteMembership(person.id(), group);
      }
    }
  }

  boolean isUser(String id) {
    return identityService.createUserQuery().userId(id).count() > 0;
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  private void ensureUser(Person person, String initialPassword) {
    User user = identityService.createUserQuery().userId(person.id()).singleResult();
    if (user == null) {
      user = identityService.newUser(person.id());
      user.setPassword(initialPassword);
    }
    user.setFirstName(person.firstName());
    user.setLastName(person.lastName());
    user.setEmail(person.email());
    identityService.saveUser(user);
  }

}
