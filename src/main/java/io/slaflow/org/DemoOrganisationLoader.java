package io.slaflow.org;

import io.slaflow.org.OrganisationFile.PersonEntry;
import io.slaflow.org.OrganisationFile.TeamEntry;
import io.slaflow.web.YamlFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Loads the demo organisation from YAML into our tables and Camunda's identity store, once. */
@Component
public class DemoOrganisationLoader {

  private static final Logger log = LoggerFactory.getLogger(DemoOrganisationLoader.class);
  /** Who the teams' calendar history says wrote the organisation file's teams. */
  private static final String LOADER = "organisation-file";

  private final JdbcTemplate jdbc;
  private final Organisation organisation;
  private final IdentitySync identity;
  private final OrgAdmin admin;
  private final boolean enabled;
  private final Resource file;
  private final String configuredPassword;

  public DemoOrganisationLoader(
      JdbcTemplate jdbc,
      Organisation organisation,
      IdentitySync identity,
      OrgAdmin admin,
      @Value("${slaflow.demo.enabled:false}") boolean enabled,
      @Value("${slaflow.demo.organisation:classpath:demo/organisation.yaml}") Resource file,
      @Value("${slaflow.demo.password:${SLAFLOW_DEMO_PASSWORD:}}") String configuredPassword) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.identity = identity;
    this.admin = admin;
    this.enabled = enabled;
    this.file = file;
    this.configuredPassword = configuredPassword;
  }

  @Order(2)
  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void loadOnFirstStart() throws IOException {
    if (!enabled || !organisation.isEmpty()) {
      return;
    }
    OrganisationFile org = YamlFiles.read(file, OrganisationFile.class);
    boolean generated = configuredPassword == null || configuredPassword.isBlank();
    String password = generated ? Passwords.generate() : configuredPassword;
    List<String> userIds = new ArrayList<>();
    // Through the same path as the organisation API: the team first, then its people, then its manager.
    for (TeamEntry team : org.teams()) {
      admin.putTeam(team.id(), teamRequest(team, null), LOADER);
      if (team.manager() != null) {
        addPerson(team.manager(), Person.Role.MANAGER, team.id(), password);
        userIds.add(team.manager().id());
      }
      for (PersonEntry rep : team.reps()) {
        addPerson(rep, Person.Role.REP, team.id(), password);
        userIds.add(rep.id());
      }
    }
    // Managers last: a team may be managed by someone of a team further down the file (managedBy).
    for (TeamEntry team : org.teams()) {
      admin.putTeam(team.id(), teamRequest(team, team.manager() != null ? team.manager().id() : team.managedBy()),
          LOADER);
    }
    identity.synchronise(password);
    log.info("Demo organisation loaded: {} teams, users {}", org.teams().size(), userIds);
    if (generated) {
      // Printed once: the users exist from now on and this branch does not run again.
      System.out.printf(
          "%n=== Slaflow demo users %s%n=== share the generated password: %s%n"
              + "=== (set SLAFLOW_DEMO_PASSWORD before the first start to choose it)%n%n",
          userIds, password);
    }
  }

  private static OrgRequests.TeamRequest teamRequest(TeamEntry team, String managerId) {
    return new OrgRequests.TeamRequest(team.name(), team.timeZone(), team.opens(), team.closes(),
        team.workingDays(), team.holidayCountry(), team.holidayRegion(), managerId, team.slackWebhookUrl(),
        team.ownHours());
  }

  private void addPerson(PersonEntry p, Person.Role role, String teamId, String password) {
    admin.putPerson(p.id(), new OrgRequests.PersonRequest(p.firstName(), p.lastName(), p.email(), role, teamId,
        p.territories(), p.products(), p.capacity(), p.reportsTo()), password);
    if (p.outOfOffice() != null) {
      for (OrganisationFile.Away away : p.outOfOffice()) {
        jdbc.update("INSERT INTO out_of_office (user_id, first_day, last_day) VALUES (?, ?, ?)",
            p.id(), away.from(), away.to());
      }
    }
  }
}
