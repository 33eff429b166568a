package io.slaflow.report;

import io.slaflow.sla.SlaRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import javax.sql.DataSource;

/**
 * A year of made-up SLA records and stage history for the report benchmark, shaped like a large organisation's: 20
 * teams of 10 reps; half the records are leads (one first-contact visit, some reassigned), the rest walk the stages of
 * the pipeline, support and onboarding units and stop on the way as a funnel does. About one visit in eight
 * breaches, support visits are sometimes paused, and the visits of the last days are still open.
 */
final class ReportBenchmarkData {

  static final int TEAMS = 20;
  static final int REPS_PER_TEAM = 10;
  private static final String[] SOURCES = {"web-form", "demo-request", "event", "content-download", "referral",
      "partner", "chat"};
  private static final String[][] STAGES = {
      {"first-contact"},
      {"accept-mql", "schedule-discovery", "discovery", "proposal", "closing"},
      {"first-response", "resolution-plan", "resolution"},
      {"kickoff", "configuration", "first-value"}};
  private static final String[] UNITS = {"lead-routing", "sales-pipeline", "customer-support", "onboarding"};
  private static final double[] UNIT_SHARE = {0.5, 0.7, 0.95, 1.0};
  private static final long[] TARGET_MINUTES = {120, 1080, 540, 1080, 1620, 10800};

  private final Random random;
  private final Instant now;
  private final Instant start;
  private int visits;
  private int records;
  private int flushed;

  ReportBenchmarkData(long seed, Instant now, Duration span) {
    this.random = new Random(seed);
    this.now = now;
    this.start = now.minus(span);
  }

  static String team(int t) {
    return String.format("team-%02d", t + 1);
  }

  static String rep(int t, int r) {
    return String.format("rep-%02d-%02d", t + 1, r + 1);
  }

  /** Inserts at least {@code size} SLA records (and a stage-history row for each), in batches; returns the count. */
  int seed(DataSource dataSource, int size) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement sla = c.prepareStatement("INSERT INTO sla_record (id, unit, stage, record_id,"
            + " process_instance_id, owner_id, team_id, source, clock_kind, target, started_at, started_week, due_at,"
            + " first_response_at, completed_at, paused_seconds, breached_at, escalated_at, reassigned_from, outcome)"
            + " VALUES (?,?,?,?,?,?,?,?,'business',?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement history = c.prepareStatement("INSERT INTO stage_history (id, unit, record_id,"
            + " process_instance_id, stage, owner_id, team_id, entered_at, left_at, outcome, seconds_in_stage,"
            + " moved_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      c.setAutoCommit(false);
      while (visits < size) {
        record(sla, history);
        if (visits - flushed >= 5000) {
          sla.executeBatch();
          history.executeBatch();
          c.commit();
          flushed = visits;
        }
      }
      sla.executeBatch();
      history.executeBatch();
      c.commit();
    }
    return visits;
  }

  private void record(PreparedStatement sla, PreparedStatement history) throws SQLException {
    double u = random.nextDouble();
    int unit = 0;
    while (u > UNIT_SHARE[unit]) {
      unit++;
    }
    String recordId = "bench-" + ++records;
    String pid = "pi-" + records;
    int team = random.nextInt(TEAMS);
    int rep = random.nextInt(REPS_PER_TEAM);
    String source = SOURCES[random.nextInt(SOURCES.length)];
    Instant at = start.plusSeconds((long) (random.nextDouble() * Duration.between(start, now).toSeconds()));
    String[] stages = STAGES[unit];
    for (int s = 0; s < stages.length && at.isBefore(now); s++) {
      long target = unit == 0 ? TARGET_MINUTES[0] : TARGET_MINUTES[1 + (s + unit) % 5];
      boolean breached = random.nextDouble() < 0.125;
      long took = breached ? target + 15 + random.nextInt((int) target) : 5 + random.nextInt((int) target - 5);
      long paused = unit == 2 && random.nextDouble() < 0.2 ? 60L * random.nextInt(600) : 0;
      boolean reassigned = random.nextDouble() < 0.05;
      String owner = rep(team, rep);
      String from = null;
      if (reassigned) {
        // The first owner let it breach and it was reassigned: a closed visit, then a new one for the next rep.
        Instant handedOver = at.plus(Duration.ofMinutes(target));
        visit(sla, history, UNITS[unit], stages[s], recordId, pid, owner, team, source, at, target, handedOver,
            paused, true, null, "reassigned", false);
        from = owner;
        rep = (rep + 1) % REPS_PER_TEAM;
        owner = rep(team, rep);
        at = handedOver;
      }
      Instant done = at.plus(Duration.ofMinutes(took + paused / 60));
      boolean open = done.isAfter(now);
      boolean goesOn = random.nextDouble() < 0.7;
      visit(sla, history, UNITS[unit], stages[s], recordId, pid, owner, team, source, at, target,
          open ? null : done, paused, breached && at.plus(Duration.ofMinutes(target)).isBefore(now), from,
          open ? "open" : breached ? "breached" : "met", goesOn && s < stages.length - 1);
      if (open || !goesOn) {
        return;
      }
      at = done;
    }
  }

  private void visit(PreparedStatement sla, PreparedStatement history, String unit, String stage, String recordId,
      String pid, String owner, int team, String source, Instant at, long targetMinutes, Instant done, long paused,
      boolean breached, String reassignedFrom, String outcome, boolean movedOn) throws SQLException {
    visits++;
    Instant due = at.plus(Duration.ofMinutes(targetMinutes));
    String id = String.format("%08x-0000-4000-8000-%012x", visits, records);
    sla.setString(1, id);
    sla.setString(2, unit);
    sla.setString(3, stage);
    sla.setString(4, recordId);
    sla.setString(5, pid);
    sla.setString(6, owner);
    sla.setString(7, team(team));
    sla.setString(8, source);
    sla.setString(9, "PT" + targetMinutes + "M");
    sla.setObject(10, utc(at));
    sla.setObject(11, SlaRecords.weekOf(at));
    sla.setObject(12, utc(due));
    sla.setObject(13, unit.equals("lead-routing") || stage.equals("first-response") ? utc(done) : null);
    sla.setObject(14, utc(done));
    sla.setLong(15, paused);
    sla.setObject(16, breached ? utc(due) : null);
    sla.setObject(17, breached && random.nextDouble() < 0.3 ? utc(due.plusSeconds(86_400)) : null);
    sla.setString(18, reassignedFrom);
    sla.setString(19, outcome);
    sla.addBatch();
    history.setString(1, id);
    history.setString(2, unit);
    history.setString(3, recordId);
    history.setString(4, pid);
    history.setString(5, stage);
    history.setString(6, owner);
    history.setString(7, team(team));
    history.setObject(8, utc(at));
    history.setObject(9, utc(done));
    history.setString(10, done == null ? null : movedOn ? "done" : outcome);
    history.setObject(11, done == null ? null : Duration.between(at, done).toSeconds());
    history.setBoolean(12, movedOn);
    history.addBatch();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
