package io.slaflow.report;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.EngineTime;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Four weeks of made-up past work for the demo, so that the SLA dashboard shows meaningful figures on the first start:
 * first contacts of lead routing and a sales-pipeline funnel for every demo rep, some met, some breached. The rows
 * are SLA records and stage history only (record ids start with {@code demo-history-}); no process runs for them.
 */
@Component
public class DemoHistory {

  static final String PREFIX = "demo-history-";
  private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
  private static final String[] SOURCES = {"web-form", "demo-request", "event", "content-download", "referral"};
  /** The sales-pipeline stages in order, with the share of records that go on from each. */
  private static final String[] STAGES = {"accept-mql", "schedule-discovery", "discovery", "proposal", "closing"};
  private static final double[] GO_ON = {0.85, 0.9, 0.6, 0.9, 0.45};
  private static final Duration[] TARGETS = {Duration.ofHours(18), Duration.ofHours(9), Duration.ofHours(18),
      Duration.ofHours(27), Duration.ofHours(180)};
  private static final String[] TARGET_TEXT = {"P2D", "P1D", "P2D", "P3D", "P20D"};
  private static final String[] WENT_ON = {"accept", "done", "qualified", "done", "won"};
  private static final String[] STOPPED = {"reject", "recycled", "disqualified", "lost", "lost"};

  private final JdbcTemplate jdbc;
  private final Organisation organisation;
  private final boolean enabled;
  private final WeeklyRollup rollup;

  public DemoHistory(JdbcTemplate jdbc, Organisation organisation, WeeklyRollup rollup,
      @Value("${slaflow.demo.enabled:false}") boolean demo,
      @Value("${slaflow.demo.history:true}") boolean history) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.rollup = rollup;
    this.enabled = demo && history;
  }

  /**
   * Transactional here, not only in {@link #generate}: called from this class, generate's own annotation is never seen
   * by Spring's proxy, and the history was written row batch by row batch, half of it left by a failure.
   */
  @Order(5)
  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void createOnFirstStart() {
    if (!enabled) {
      return;
    }
    Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM sla_record WHERE record_id LIKE ?", Integer.class,
        PREFIX + "%");
    if (existing != null && existing == 0) {
      log.info("Demo history: {} stage visits of the last 4 weeks", generate(EngineTime.now(), 4, 20261126L));
    }
  }

  /** Writes {@code weeks} of history before {@code now}; the same seed gives the same history. */
  @Transactional
  public int generate(Instant now, int weeks, long seed) {
    Random random = new Random(seed);
    List<Object[]> visits = new ArrayList<>();
    List<Object[]> stages = new ArrayList<>();
    Instant start = now.minus(Duration.ofDays(7L * weeks));
    for (Person rep : organisation.people()) {
      if (rep.role() != Person.Role.REP) {
        continue;
      }
      // In the rep's team's business hours, as the live clock counts: a Berlin breach never falls on a Sunday night.
      BusinessCalendar calendar = organisation.calendar(rep.teamId());
      for (int i = 0; i < 6 * weeks; i++) {
        Instant at = calendar.nextOpening(start.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60 * weeks
            - 3 * 24 * 60))));
        String source = SOURCES[random.nextInt(SOURCES.length)];
        boolean breached = random.nextDouble() < 0.15 + 0.1 * (rep.id().hashCode() & 1);
        Duration target = Duration.ofHours(2);
        Duration took = breached ? target.plusMinutes(15 + random.nextInt(240)) : Duration.ofMinutes(
            5 + random.nextInt(110));
        Instant done = calendar.addWorkingTime(at, took);
        if (done.isAfter(now)) {
          continue; // would still be open today
        }
        visits.add(visit(calendar, "lead-routing", "first-contact", PREFIX + UUID.randomUUID(), rep, source, "PT2H",
            at, done, breached));
      }
      for (int i = 0; i < 3 * weeks; i++) {
        String record = PREFIX + UUID.randomUUID();
        Instant at = calendar.nextOpening(start.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60 * weeks
            - 14 * 24 * 60))));
        String source = SOURCES[random.nextInt(SOURCES.length)];
        for (int s = 0; s < STAGES.length; s++) {
          boolean breached = random.nextDouble() < 0.12;
          Duration took = breached ? TARGETS[s].plusHours(1 + random.nextInt(20))
              : Duration.ofMinutes((long) (TARGETS[s].toMinutes() * (0.1 + 0.8 * random.nextDouble())));
          Instant done = calendar.addWorkingTime(at, took);
          if (done.isAfter(now)) {
            break; // still in the stage today: the live demo records show open work
          }
          boolean goesOn = random.nextDouble() < GO_ON[s];
          visits.add(visit(calendar, "sales-pipeline", STAGES[s], record, rep, source, TARGET_TEXT[s], at, done,
              breached));
          stages.add(new Object[] {UUID.randomUUID().toString(), "sales-pipeline", record, STAGES[s], rep.id(),
              rep.teamId(), utc(at), utc(done), goesOn ? WENT_ON[s] : STOPPED[s], Duration.between(at, done)
              .toSeconds(), goesOn && s < STAGES.length - 1});
          at = calendar.nextOpening(done); // the next stage's work starts when the team is in
          if (!goesOn) {
            break;
          }
        }
      }
    }
    jdbc.batchUpdate("INSERT INTO sla_record (id, unit, stage, record_id, owner_id, team_id, source, clock_kind,"
        + " target, started_at, started_week, due_at, first_response_at, completed_at, breached_at, outcome)"
        + " VALUES (?,?,?,?,?,?,?,'business',?,?,?,?,?,?,?,?)", visits);
    jdbc.batchUpdate("INSERT INTO stage_history (id, unit, record_id, stage, owner_id, team_id, entered_at, left_at,"
        + " outcome, seconds_in_stage, moved_on) VALUES (?,?,?,?,?,?,?,?,?,?,?)", stages);
    rollup.forgetThrough(SlaRecords.weekOf(now)); // visits written after the fact: weeks sealed before are not
    return visits.size();
  }

  /** A visit from {@code at} to {@code done}, due after its target in the team's business time. */
  private static Object[] visit(BusinessCalendar calendar, String unit, String stage, String record, Person rep,
      String source, String target, Instant at, Instant done, boolean breached) {
    Instant dueAt = SlaSpan.parse(target).after(calendar, at);
    return new Object[] {UUID.randomUUID().toString(), unit, stage, record, rep.id(), rep.teamId(), source, target,
        utc(at), SlaRecords.weekOf(at), utc(dueAt), utc(done), utc(done), breached ? utc(dueAt) : null,
        breached ? "breached" : "met"};
  }

  private static Object utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
