package io.slaflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.SlaflowTest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Routing inside the team on the demo organisation: reps away or at capacity get no new leads. */
class RoutingTest extends SlaflowTest {

  private static final LocalDateTime MONDAY_10 = LocalDateTime.of(2026, 11, 30, 10, 0);

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

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

  /**
   * Routing decides in a short transaction of its own (RoutingDecision): leads of one team arriving together are
   * shared exactly as if they had come one after the other, because each decision counts the picks whose leads have
   * not committed yet.
   */
  @Test
  void leadsOfOneTeamArrivingTogetherAreSharedAsIfTheyCameOneAfterTheOther() throws Exception {
    clockAt(MONDAY_10, BERLIN);
    Map<String, Long> oneAfterTheOther = owners(1);
    Map<String, Long> together = owners(4);

    assertThat(together).isEqualTo(oneAfterTheOther);
    assertThat(oneAfterTheOther.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
    assertThat(oneAfterTheOther).containsOnlyKeys("ben.keller", "clara.vogel", "david.wolf");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM routing_pick", Integer.class)).as("no pick left").isZero();
  }

  /** The owners of 12 Berlin leads made on a clean desk from {@code threads} threads, by owner. */
  private Map<String, Long> owners(int threads) throws Exception {
    clearOpenWork();
    jdbc.update("UPDATE routing_cursor SET last_owner_id = NULL WHERE team_id = 'team-berlin'");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> owners = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        owners.add(pool.submit(() -> createLead(uniqueName("Together"), "DE", "web-form", "medium", "crm-suite")
            .owner()));
      }
      Map<String, Long> byOwner = new TreeMap<>();
      for (Future<String> owner : owners) {
        byOwner.merge(owner.get(), 1L, Long::sum);
      }
      return byOwner;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLeadWhoseIntakeRollsBackLeavesNoPickAndNoLoadBehind() {
    clockAt(MONDAY_10, BERLIN);
    String name = uniqueName("RolledBack");
    assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      createLead(name, "DE", "web-form", "medium", "crm-suite");
      throw new IllegalStateException("the caller's transaction fails after the intake");
    })).hasMessageContaining("fails after the intake");

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE name = ?", Integer.class, name)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM routing_pick", Integer.class)).isZero();
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
