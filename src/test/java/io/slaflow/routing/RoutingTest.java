package io.slaflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.SlaflowTest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Routing inside the team on the demo organisation: reps away or at capacity get no new leads. */
class RoutingTest extends SlaflowTest {

  private static final LocalDateTime MONDAY_10 = LocalDateTime.of(2026, 11, 30, 10, 0);

  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void benIsBack() {
    jdbc.update("DELETE FROM out_of_office WHERE user_id = 'ben.keller' AND first_day = ?",
        LocalDate.of(2026, 11, 30));
  }

  @Test
  void aRepOutOfOfficeTodayGetsNoNewLeads() {
    clockAt(MONDAY_10, BERLIN);
    jdbc.update("INSERT INTO out_of_office (user_id, first_day, last_day) VALUES ('ben.keller', ?, ?)",
        LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30));

    for (int i = 0; i < 6; i++) {
      LeadIntake.Created lead = createLead(uniqueName("Away"), "DE", "web-form", "medium", "crm-suite");
      assertThat(lead.owner()).isIn("clara.vogel", "david.wolf");
    }
  }

  @Test
  void aRepAtCapacityGetsNoNewLeads() {
    clockAt(MONDAY_10, BERLIN);
    Integer capacity = jdbc.queryForObject("SELECT capacity FROM org_user WHERE id = 'david.wolf'", Integer.class);
    jdbc.update("UPDATE org_user SET capacity = 0 WHERE id = 'david.wolf'");
    try {
      for (int i = 0; i < 6; i++) {
        assertThat(createLead(uniqueName("Full"), "AT", "web-form", "medium", "crm-suite").owner())
            .isIn("ben.keller", "clara.vogel");
      }
    } finally {
      jdbc.update("UPDATE org_user SET capacity = ? WHERE id = 'david.wolf'", capacity);
    }
  }
}
