package io.slaflow.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.intake.LeadIntake;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.SlaflowTest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A team's calendar as another node changed it: written to the team's row with its calendar version bumped, as
 * {@code PUT /api/org/teams/{id}} on another node does, and nothing on this node told. The next SLA is planned on it;
 * plans made before stay as they were.
 */
class TeamCalendarVersionTest extends SlaflowTest {

  private static final String NEW_YORK_TEAM = "team-new-york";
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
  /** A Tuesday without a holiday in New York or Berlin. */
  private static final LocalDateTime TUESDAY_1000 = LocalDateTime.of(2026, 11, 17, 10, 0);

  @Autowired Organisation organisation;
  @Autowired OrgAdmin orgAdmin;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  @BeforeEach
  void emptyDesks() {
    clearOpenWork();
  }

  @AfterEach
  void newYorkBackInItsZone() {
    anotherNodeMoves(NEW_YORK_TEAM, NEW_YORK);
  }

  /** What another node's team change leaves in the shared database: the row, and its calendar version bumped. */
  private void anotherNodeMoves(String teamId, ZoneId zone) {
    jdbc.update("UPDATE team SET time_zone = ?, calendar_version = calendar_version + 1 WHERE id = ?", zone.getId(),
        teamId);
  }

  @Test
  void aZoneChangeMadeOnAnotherNodeIsUsedForTheNextLeadAndEarlierPlansStay() {
    clockAt(TUESDAY_1000, NEW_YORK);
    LeadIntake.Created before = createLead(uniqueName("Before"), "US", "demo-request", "medium", "crm-suite");
    assertThat(firstContact(before).dueAt()).as("4 business hours in New York")
        .isEqualTo(LocalDateTime.of(2026, 11, 17, 14, 0).atZone(NEW_YORK).toInstant());

    anotherNodeMoves(NEW_YORK_TEAM, BERLIN);
    LeadIntake.Created after = createLead(uniqueName("After"), "US", "demo-request", "medium", "crm-suite");

    // 10:00 in New York is 16:00 in Berlin: one hour left on Tuesday, three from Wednesday's 09:00.
    assertThat(firstContact(after).dueAt()).as("4 business hours in Berlin, the team's zone now")
        .isEqualTo(LocalDateTime.of(2026, 11, 18, 12, 0).atZone(BERLIN).toInstant());
    assertThat(firstContact(before).dueAt()).as("planned before the change")
        .isEqualTo(LocalDateTime.of(2026, 11, 17, 14, 0).atZone(NEW_YORK).toInstant());
    assertThat(stageTask(before.processInstanceId(), "Task_MakeFirstContact").getDueDate().toInstant())
        .isEqualTo(LocalDateTime.of(2026, 11, 17, 14, 0).atZone(NEW_YORK).toInstant());
  }

  @Test
  void aCalendarIsBuiltOncePerVersion() {
    BusinessCalendar first = organisation.calendar(NEW_YORK_TEAM);
    assertThat(organisation.calendar(NEW_YORK_TEAM)).as("same version: the one built").isSameAs(first);

    jdbc.update("UPDATE team SET calendar_version = calendar_version + 1 WHERE id = ?", NEW_YORK_TEAM);

    assertThat(organisation.calendar(NEW_YORK_TEAM)).as("another version: built again").isNotSameAs(first);
  }

  @Test
  void aChangeRolledBackIsNotKeptUnderTheVersionTheNextChangeCommits() {
    orgAdmin.putTeam("team-calendar-version", team(UTC), "admin");
    assertThat(organisation.calendar("team-calendar-version").zone()).isEqualTo(UTC);

    new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
      orgAdmin.putTeam("team-calendar-version", team(TOKYO), "admin");
      assertThat(organisation.calendar("team-calendar-version").zone()).as("its own change").isEqualTo(TOKYO);
      transaction.setRollbackOnly();
    });
    // The next change commits the version number the rolled-back one had; nothing read the team in between.
    anotherNodeMoves("team-calendar-version", SAO_PAULO);
    assertThat(organisation.calendar("team-calendar-version").zone()).isEqualTo(SAO_PAULO);
  }

  private static OrgRequests.TeamRequest team(ZoneId zone) {
    return new OrgRequests.TeamRequest("Calendar version", zone.getId(), "09:00", "17:00",
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), null, null, null, null, null);
  }

  private SlaRecord firstContact(LeadIntake.Created lead) {
    return records(lead.leadId()).stream().filter(r -> r.stage().equals("first-contact")).findFirst().orElseThrow();
  }
}
