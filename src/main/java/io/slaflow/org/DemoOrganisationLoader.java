package io.slaflow.org;

import io.slaflow.YamlFiles;
import io.slaflow.org.OrganisationFile.PersonEntry;
import io.slaflow.org.OrganisationFile.TeamEntry;
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

  private static final int DEFAULT_CAPACITY = 20;

  private final JdbcTemplate jdbc;
  private final Organisation organisation;
  private final IdentitySync identity;
  private final boolean enabled;
  private final Resource file;
  private final String configuredPassword;

  public DemoOrganisationLoader(
      JdbcTemplate jdbc,
      Organisation organisation,
      IdentitySync identity,
      @Value("${slaflow.demo.enabled:false}") boolean enabled,
      @Value("${slaflow.demo.organisation:classpath:demo/organisation.yaml}") Resource file,
      @Value("${slaflow.demo.password:${SLAFLOW_DEMO_PASSWORD:}}") String configuredPassword) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.identity = identity;
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
    for (TeamEntry team : org.teams()) {
      jdbc.update(
          "INSERT INTO team (id, name, time_zone, opens, closes, working_days, holiday_country, holiday_region, manager_id)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          team.id(), team.name(), team.timeZone(), team.opens(), team.closes(),
          String.join(",", team.workingDays()), team.holidayCountry(), team.holidayRegion(), team.manager().id());
      jdbc.update("INSERT INTO routing_cursor (team_id) VALUES (?)", team.id());
      insertPerson(team.manager(), Person.Role.MANAGER, team.id());
      userIds.add(team.manager().id());
      for (PersonEntry rep : team.reps()) {
        insertPerson(rep, Person.Role.REP, team.id());
        userIds.add(rep.id());
      }
    }
    organisation.forgetCalendars();
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

  private void insertPerson(PersonEntry p, Person.Role role, String teamId) {
    jdbc.update(
        "INSERT INTO org_user (id, first_name, last_name, email, role, team_id, territories, products, capacity,"
            + " reports_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.id(), p.firstName(), p.lastName(), p.email(), role.name(), teamId,
        Organisation.join(p.territories()), Organisation.join(p.products()),
        p.capacity() == null ? DEFAULT_CAPACITY : p.capacity(), p.reportsTo());
    if (p.outOfOffice() != null) {
      for (OrganisationFile.Away away : p.outOfOffice()) {
        jdbc.update("INSERT INTO out_of_office (user_id, first_day, last_day) VALUES (?, ?, ?)",
            p.id(), away.from(), away.to());
      }
    }
  }
}
