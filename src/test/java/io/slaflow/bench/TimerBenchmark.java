package io.slaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.slaflow.testsupport.Node;
import io.slaflow.testsupport.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * Benchmarks 2, 3 and 5, on PostgreSQL with the application in its own JVM as in production, its alerts going to an
 * SMTP server (GreenMail) in this JVM:
 * <ul>
 *   <li>steady state: warnings falling due 10 per second for 2 minutes; lag from each due instant to the mail
 *       server accepting the alert;</li>
 *   <li>timer burst: 10,000 warnings due in the same second; p50, p99 and maximum lag;</li>
 *   <li>both again on the same database after a restart with Camunda's default job-executor settings;</li>
 *   <li>startup time and resident memory against a bare Camunda starter application (same class path, same JVM
 *       settings, its own database).</li>
 * </ul>
 * The leads are created once through the API; each run then moves a distinct set of ladder timers (warnings or final
 * warnings, which send the same alert) to its due instants with SQL, since the clock of another JVM cannot be
 * moved. A lag is the instant the mail server accepted the alert's first copy minus the alert's due instant.
 */
class TimerBenchmark {

  private static final boolean FULL = BenchmarkResults.full();
  // -Dbench.steady and -Dbench.burst size a run for profiling; the published run uses the full sizes.
  private static final int STEADY = Integer.getInteger("bench.steady", FULL ? 1_200 : 20);
  private static final int PER_SECOND = 10;
  private static final int BURST = Integer.getInteger("bench.burst", FULL ? 10_000 : 40);
  /** Each node runs a burst of this many alerts before it is measured: both settings on a JVM as warm. */
  private static final int WARM = FULL ? 1_000 : 10;
  /** Leads 0..WARM warm a node up, then STEADY leads for the steady state, then BURST leads for the burst. */
  private static final int LEADS = WARM + STEADY + BURST;
  /** Restarts of each application for its start-up time. */
  private static final int RESTARTS = FULL ? 5 : 1;
  private static final String DATABASE = TestPostgres.PREFIX + "_bench_timers";
  private static final Pattern LEAD = Pattern.compile("Bench (\\d{5})");

  /** Camunda's own job-executor settings (the starter's defaults), which our application.yaml tunes. */
  private static final Map<String, String> CAMUNDA_DEFAULTS = Map.of(
      "camunda.bpm.job-execution.wait-time-in-millis", "5000",
      "camunda.bpm.job-execution.max-wait", "60000",
      "camunda.bpm.job-execution.max-jobs-per-acquisition", "3",
      "camunda.bpm.job-execution.core-pool-size", "3",
      "camunda.bpm.job-execution.max-pool-size", "10",
      "camunda.bpm.job-execution.queue-capacity", "3",
      "camunda.bpm.job-execution.backoff-time-in-millis", "0",
      "camunda.bpm.job-execution.max-backoff", "0",
      "camunda.bpm.generic-properties.properties.job-executor-acquire-by-due-date", "false",
      "camunda.bpm.generic-properties.properties.job-executor-prefer-timer-jobs", "false");

  record Lags(String run, int jobs, long p50, long p99, long max) {

    /** The percentiles of a run's lags, printed as they are measured. */
    static Lags of(String run, long[] millis) {
      Lags lags = new Lags(run, millis.length, BenchLeads.percentile(millis, 50), BenchLeads.percentile(millis, 99),
          BenchLeads.percentile(millis, 100));
      System.out.println(lags);
      return lags;
    }
  }

  /** Leads per second through the API, and the alert lags of a burst of their warnings. */
  record Scale(double leadsPerSecond, Lags burst) {}

  /** From launching a node's JVM to its first healthy answer, and its resident memory then. */
  record Start(Duration time, double residentMiB) {}

  @Test
  void alertLagStartupAndMemoryAgainstCamundasDefaults() throws Exception {
    int smtpPort;
    try (ServerSocket free = new ServerSocket(0)) {
      smtpPort = free.getLocalPort();
    }
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    String url = TestPostgres.fresh(DATABASE);
    String bareUrl = TestPostgres.fresh(TestPostgres.PREFIX + "_bench_bare");
    // The same connection pool as a Slaflow node (Node.start): neither side waits for connections the other has.
    List<String> bareArgs = List.of("--spring.config.location=classpath:/bench/bare-camunda.yaml",
        "--spring.datasource.url=" + bareUrl, "--spring.datasource.username=postgres",
        "--spring.datasource.hikari.maximum-pool-size=" + Node.POOL);
    // The first start creates Camunda's tables; the restarts below, like ours, find them.
    try (Node first = Node.launch("bench-bare-1", "baseline.BareCamundaApplication", bareArgs, Map.of())) {
      first.awaitUp(Duration.ofMinutes(3));
    }
    List<Lags> lags = new ArrayList<>();
    double oursAfterBurst;
    Start oursStart;
    Start bareStart;
    Scale oneNode;
    Scale twoNodes;
    try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
      List<String> instances;
      try (Node ours = Node.start("bench-ours", DATABASE, smtpPort, BenchLeads.ADMIN_PASSWORD, Map.of())
          .awaitUp(Duration.ofMinutes(3))) {
        instances = new ArrayList<>(BenchLeads.post(ours.url(""), 0, WARM + STEADY));
        long posting = System.nanoTime();
        instances.addAll(BenchLeads.post(ours.url(""), WARM + STEADY, LEADS));
        double intake = BURST / ((System.nanoTime() - posting) / 1e9);
        analyze(db);
        burst("warm-up, Slaflow's settings", mail, db, instances, 0, WARM, "Timer_SlaWarning");
        // Steady: the warnings of the steady leads; burst: the final warnings of the burst leads.
        lags.add(steady("Slaflow's settings", mail, db, instances, WARM, "Timer_SlaWarning"));
        lags.add(burst("Slaflow's settings", mail, db, instances, WARM + STEADY, BURST, "Timer_SlaFinalWarning"));
        oneNode = new Scale(intake, lags.get(1));
        oursAfterBurst = ours.residentMiB();
      }
      try (Node defaults = Node.start("bench-defaults", DATABASE, smtpPort, BenchLeads.ADMIN_PASSWORD,
          CAMUNDA_DEFAULTS).awaitUp(Duration.ofMinutes(3))) {
        // The same work with the other timer of each lead, after the same warm-up.
        burst("warm-up, Camunda's defaults", mail, db, instances, 0, WARM, "Timer_SlaFinalWarning");
        lags.add(steady("Camunda's defaults", mail, db, instances, WARM, "Timer_SlaFinalWarning"));
        lags.add(burst("Camunda's defaults", mail, db, instances, WARM + STEADY, BURST, "Timer_SlaWarning"));
      }
      twoNodes = twoNodes(mail, db, smtpPort, instances);
      // While the mail server runs: a node's health (what "up" waits for) includes its mail server.
      // Restarts on an existing database, ours and the bare app's taking turns, so that both meet the same machine.
      Start[] quickest = quickestAlternating(
          () -> Node.start("bench-restart", DATABASE, smtpPort, BenchLeads.ADMIN_PASSWORD, Map.of()),
          () -> Node.launch("bench-bare-2", "baseline.BareCamundaApplication", bareArgs, Map.of()));
      oursStart = quickest[0];
      bareStart = quickest[1];
    } finally {
      mail.stop();
    }

    // The engine's own burst: as many timers of the floor process, no mail, with our job-executor settings.
    List<String> burstArgs = new ArrayList<>(bareArgs);
    burstArgs.add("--bench.floor.instances=" + BURST);
    slaflowJobExecutor().forEach((key, value) -> burstArgs.add("--" + key + "=" + value));
    Lags bareBurst;
    double bareAfterBurst;
    try (Node bare = Node.launch("bench-bare-3", "baseline.BareCamundaApplication", burstArgs, Map.of());
        Connection db = DriverManager.getConnection(bareUrl, "postgres", "")) {
      bare.awaitUp(Duration.ofMinutes(3));
      bareBurst = floorBurst(db);
      bareAfterBurst = bare.residentMiB();
    }

    Path file = write(lags, bareBurst, oursStart, bareStart, oursAfterBurst, bareAfterBurst, oneNode, twoNodes);
    // Two runs, three startup and memory measures, two bursts, three one-and-two-node measures: each with its ratio.
    List<List<String>> written = BenchmarkResults.rows(file, "timers");
    assertThat(written).hasSize(10);
    written.subList(0, 2).forEach(row -> BenchmarkResults.assertRatio(row, 2));
    written.subList(2, 5).forEach(row -> BenchmarkResults.assertRatio(row, 1));
    written.subList(5, 7).forEach(row -> BenchmarkResults.assertRatio(row, 2));
    written.subList(7, 10).forEach(row -> BenchmarkResults.assertRatio(row, 1));
  }

  /**
   * Two nodes with Slaflow's settings on the same database and mail server: each is warmed up with its own leads and
   * a burst of their warnings, then the burst leads are posted to both at once (each node's share from its own four
   * clients) and their warnings made due in the same second, for both nodes' job executors to share.
   */
  private static Scale twoNodes(GreenMail mail, Connection db, int smtpPort, List<String> instances) throws Exception {
    try (Node a = Node.start("bench-two-a", DATABASE, smtpPort, BenchLeads.ADMIN_PASSWORD, Map.of());
        Node b = Node.start("bench-two-b", DATABASE, smtpPort, BenchLeads.ADMIN_PASSWORD, Map.of())) {
      a.awaitUp(Duration.ofMinutes(3));
      b.awaitUp(Duration.ofMinutes(3));
      int from = instances.size();
      instances.addAll(BenchLeads.post(a.url(""), from, from + WARM));
      instances.addAll(BenchLeads.post(b.url(""), from + WARM, from + 2 * WARM));
      analyze(db);
      burst("warm-up, two nodes", mail, db, instances, from, 2 * WARM, "Timer_SlaWarning");
      int first = from + 2 * WARM;
      int half = first + BURST / 2;
      long posting = System.nanoTime();
      CompletableFuture<List<String>> toB = CompletableFuture.supplyAsync(() -> {
        try {
          return BenchLeads.post(b.url(""), half, first + BURST);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      List<String> toA = BenchLeads.post(a.url(""), first, half);
      instances.addAll(toA);
      instances.addAll(toB.get());
      double intake = BURST / ((System.nanoTime() - posting) / 1e9);
      analyze(db);
      return new Scale(intake, burst("two nodes", mail, db, instances, first, BURST, "Timer_SlaWarning"));
    }
  }

  /**
   * Fresh statistics for the tables the leads filled, as autovacuum gathers them in production. This machine's
   * PostgreSQL runs with autovacuum off; with the statistics of empty tables, the engine's read of an execution's
   * variables scanned an index of all 66,000 variables (2.6 ms instead of 0.05 ms).
   */
  private static void analyze(Connection db) throws Exception {
    try (var sql = db.createStatement()) {
      sql.execute("ANALYZE");
    }
  }

  /** Moves one timer of each lead to fall due 10 per second from 5 s on; returns the alerts' lags. */
  private static Lags steady(String settings, GreenMail mail, Connection db, List<String> instances, int from,
      String timer) throws Exception {
    Instant start = Instant.now().plusSeconds(5);
    Map<Integer, Instant> due = new LinkedHashMap<>();
    for (int i = from; i < from + STEADY; i++) {
      due.put(i, start.plusMillis(1000L * (i - from) / PER_SECOND));
    }
    return run("steady, " + settings, mail, db, instances, timer, due);
  }

  /**
   * Moves one timer of each of {@code count} leads to fall due at the same instant, 10 s from now; returns the alerts'
   * lags.
   */
  private static Lags burst(String settings, GreenMail mail, Connection db, List<String> instances, int from,
      int count, String timer) throws Exception {
    Instant at = Instant.now().plusSeconds(10);
    Map<Integer, Instant> due = new LinkedHashMap<>();
    for (int i = from; i < from + count; i++) {
      due.put(i, at);
    }
    return run("burst, " + settings, mail, db, instances, timer, due);
  }

  private static Lags run(String name, GreenMail mail, Connection db, List<String> instances, String timer,
      Map<Integer, Instant> due) throws Exception {
    db.setAutoCommit(false);
    try (PreparedStatement move = db.prepareStatement("UPDATE act_ru_job SET duedate_ = ?"
        + " WHERE process_instance_id_ = ? AND job_def_id_ IN (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = ?)")) {
      for (Map.Entry<Integer, Instant> job : due.entrySet()) {
        move.setTimestamp(1, Timestamp.from(job.getValue()));
        move.setString(2, instances.get(job.getKey()));
        move.setString(3, timer);
        move.addBatch();
      }
      move.executeBatch();
    }
    db.commit();
    db.setAutoCommit(true);

    // The mail server stamps each message when it accepts it; the first copy of an alert counts for its lag, and
    // every copy is counted (a warning goes to one person). Messages of earlier runs were sent to other leads'
    // timers: their leads are not in {@code due} or were counted then.
    long loggedBefore = count(db, "SELECT COUNT(*) FROM notification_log WHERE channel = 'email'");
    Map<Integer, Long> lagMillis = new LinkedHashMap<>();
    Map<Integer, Integer> copies = new LinkedHashMap<>();
    Set<StoredMessage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Instant last = due.values().stream().max(Instant::compareTo).orElseThrow();
    long until = System.nanoTime() + Duration.between(Instant.now(), last).plusMinutes(10).toNanos();
    while (lagMillis.size() < due.size() && System.nanoTime() < until) {
      collect(mail, due, seen, lagMillis, copies);
      Thread.sleep(200);
    }
    Thread.sleep(1000); // a second copy sent late would be here by now
    collect(mail, due, seen, lagMillis, copies);
    assertThat(lagMillis).as(name + ": every alert arrived").hasSize(due.size());
    assertThat(copies.values()).as(name + ": every alert arrived once").containsOnly(1);
    assertThat(count(db, "SELECT COUNT(*) FROM notification_log WHERE channel = 'email'") - loggedBefore)
        .as(name + ": every alert logged once").isEqualTo(due.size());
    long[] values = lagMillis.values().stream().mapToLong(Long::longValue).toArray();
    return Lags.of(name, values);
  }

  /** Reads the messages the mail server took since the last look: each due lead's first lag, and its copies. */
  private static void collect(GreenMail mail, Map<Integer, Instant> due, Set<StoredMessage> seen,
      Map<Integer, Long> lagMillis, Map<Integer, Integer> copies) throws Exception {
    for (StoredMessage message : mail.getManagers().getImapHostManager().getAllMessages()) {
      if (!seen.add(message)) {
        continue;
      }
      Matcher lead = LEAD.matcher(message.getMimeMessage().getSubject());
      Instant accepted = message.getReceivedDate().toInstant();
      if (lead.find() && due.containsKey(Integer.valueOf(lead.group(1)))
          && !accepted.isBefore(due.get(Integer.valueOf(lead.group(1))))) {
        Integer index = Integer.valueOf(lead.group(1));
        lagMillis.merge(index, Duration.between(due.get(index), accepted).toMillis(), Math::min);
        copies.merge(index, 1, Integer::sum);
      }
    }
  }

  /**
   * The quickest of {@link #RESTARTS} starts of each application (and the memory at that start's ready), the two
   * starting in turn: start-up times vary from run to run, and with the machine's load from minute to minute.
   */
  private static Start[] quickestAlternating(Callable<Node> ours, Callable<Node> bare) throws Exception {
    Start[] best = new Start[2];
    List<Callable<Node>> launches = List.of(ours, bare);
    for (int round = 0; round < RESTARTS; round++) {
      for (int side = 0; side < 2; side++) {
        try (Node node = launches.get(side).call()) {
          node.awaitUp(Duration.ofMinutes(3));
          Start start = new Start(node.startup(), node.residentMiB());
          if (best[side] == null || start.time().compareTo(best[side].time()) < 0) {
            best[side] = start;
          }
        }
      }
    }
    return best;
  }

  /** Slaflow's job-executor settings from application.yaml, as command-line arguments for another application. */
  private static Map<String, String> slaflowJobExecutor() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    Map<String, String> settings = new TreeMap<>();
    yaml.getObject().forEach((key, value) -> {
      if (key.toString().startsWith("camunda.bpm.job-execution.")
          || key.toString().startsWith("camunda.bpm.generic-properties.properties.job-executor-")) {
        settings.put(key.toString(), value.toString());
      }
    });
    return settings;
  }

  /**
   * Waits until the bare app started its floor instances, makes their warning timers due in the same second, 10 s
   * from now, and returns the lag of each from that instant to its successful execution (Camunda's job log).
   */
  private static Lags floorBurst(Connection db) throws Exception {
    String warningTimers = " job_def_id_ IN (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = 'Timer_Warning')";
    String timers = "SELECT COUNT(*) FROM act_ru_job WHERE" + warningTimers;
    long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (count(db, timers) < BURST && System.nanoTime() < until) {
      Thread.sleep(500);
    }
    analyze(db);
    Instant at = Instant.now().plusSeconds(10);
    try (PreparedStatement move = db.prepareStatement("UPDATE act_ru_job SET duedate_ = ? WHERE" + warningTimers)) {
      move.setTimestamp(1, Timestamp.from(at));
      move.executeUpdate();
    }
    while (count(db, timers) > 0 && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    List<Long> lags = new ArrayList<>();
    try (PreparedStatement done = db.prepareStatement("SELECT timestamp_ FROM act_hi_job_log WHERE job_state_ = 2"
        + " AND" + warningTimers);
        ResultSet rows = done.executeQuery()) {
      while (rows.next()) {
        lags.add(Duration.between(at, rows.getTimestamp(1).toInstant()).toMillis());
      }
    }
    assertThat(lags).as("every floor timer fired").hasSize(BURST);
    long[] values = lags.stream().mapToLong(Long::longValue).toArray();
    return Lags.of("burst, bare Camunda app", values);
  }

  private static long count(Connection db, String sql) throws Exception {
    try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Path write(List<Lags> lags, Lags bareBurst, Start oursStart, Start bareStart,
      double oursAfterBurst, double bareAfterBurst, Scale one, Scale two) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Lags ours = lags.get(i);
      Lags defaults = lags.get(i + 2);
      // The burst's target is the engine's own burst on the same machine (the bare app's, below), times 1.5.
      String target = i == 0 ? "p99 under 300 ms" : "p99 at most 1.5 × the bare app's burst";
      long limit = i == 0 ? 300 : Math.round(1.5 * bareBurst.p99());
      rows.add(List.of(ours.run().substring(0, ours.run().indexOf(',')), String.format(Locale.ROOT, "%,d",
              ours.jobs()), ratio(defaults.p99(), ours.p99()), millis(ours.p50()),
          millis(ours.p99()) + (ours.p99() > limit ? " **over target**" : ""), millis(ours.max()),
          millis(defaults.p50()), millis(defaults.p99()), millis(defaults.max()), target));
    }
    String startup = BenchmarkResults.table(List.of("Measure", "Slaflow ÷ bare", "Slaflow", "Bare Camunda app"),
        List.of(
            List.of("time to ready (quickest of " + RESTARTS + " restarts on an existing database, taking turns)",
                atMost(oursStart.time().toMillis(), bareStart.time().toMillis(), 1.3), seconds(oursStart.time()),
                seconds(bareStart.time())),
            List.of("resident memory at ready", atMost(oursStart.residentMiB(), bareStart.residentMiB(), 1.3),
                mib(oursStart.residentMiB()), mib(bareStart.residentMiB())),
            List.of("resident memory after the burst", atMost(oursAfterBurst, bareAfterBurst, 1.3), mib(oursAfterBurst),
                mib(bareAfterBurst))));
    Lags ours = lags.get(1);
    String engine = BenchmarkResults.table(List.of("Burst", "Jobs", "Slaflow's p99 ÷ bare app's", "p50", "p99",
        "max"), List.of(
            List.of("Slaflow: timer with its alert, mail", String.format(Locale.ROOT, "%,d", ours.jobs()),
                atMost(ours.p99(), bareBurst.p99(), 1.5), millis(ours.p50()), millis(ours.p99()), millis(ours.max())),
            List.of("bare Camunda app: floor timer only", String.format(Locale.ROOT, "%,d", bareBurst.jobs()), "1.00",
                millis(bareBurst.p50()), millis(bareBurst.p99()), millis(bareBurst.max()))));
    String nodes = BenchmarkResults.table(List.of("Measure", "Two nodes ÷ one node", "One node", "Two nodes"),
        List.of(
            List.of(String.format(Locale.ROOT, "intake, %,d leads (leads per second; higher is better)", BURST),
                ratio(two.leadsPerSecond(), one.leadsPerSecond()),
                String.format(Locale.ROOT, "%.0f", one.leadsPerSecond()),
                String.format(Locale.ROOT, "%.0f", two.leadsPerSecond())),
            List.of(String.format(Locale.ROOT, "burst of %,d alerts, p50 (lower is better)", BURST),
                ratio(two.burst().p50(), one.burst().p50()), millis(one.burst().p50()), millis(two.burst().p50())),
            List.of(String.format(Locale.ROOT, "burst of %,d alerts, p99 (lower is better)", BURST),
                ratio(two.burst().p99(), one.burst().p99()), millis(one.burst().p99()),
                millis(two.burst().p99()))));
    return BenchmarkResults.write("timers", "Alert lag, startup and memory (benchmarks 2, 3 and 5)", String.format(
        Locale.ROOT, "PostgreSQL; the application in its own JVM (`-Xmx512m -XX:+UseSerialGC`, as `Node` starts it)"
            + " with %,d leads created through the API, alerts sent to an SMTP server in the benchmark's JVM. Lag:"
            + " from a warning's due instant to the mail server accepting the alert. Steady state: %,d warnings"
            + " falling due %d per second; burst: %,d warnings due in the same second. Each is run with Slaflow's"
            + " job-executor settings (application.yaml), then, after a restart on the same database, with Camunda's"
            + " defaults (wait 5 s backing off to 60 s, 3 jobs per acquisition, 3 to 10 threads, queue 3). The"
            + " ratio is Camunda's defaults' p99 over ours (higher is better for us).%n%n", LEADS, STEADY,
        PER_SECOND, BURST)
        + BenchmarkResults.table(List.of("Run", "Alerts", "Defaults' p99 ÷ ours", "p50", "p99", "max",
            "defaults p50", "defaults p99", "defaults max", "Target"), rows)
        + "\nStartup and memory against a bare Camunda starter application (`baseline.BareCamundaApplication`:"
        + " the same class path and JVM settings, Camunda's starter with its defaults, its own PostgreSQL database,"
        + " no Slaflow configuration). Target: within 1.3 times the bare app. After the burst, the bare app has run"
        + " its own burst below.\n\n" + startup
        + "\nThe engine's own burst: the bare app (started with `--bench.floor.instances`) with as many instances of"
        + " the floor process (one user task, three timers), their warning timers made due in the same second, with"
        + " Slaflow's job-executor settings; each timer's lag is from its due instant to its successful execution in"
        + " Camunda's job log. No mail.\n\n" + engine
        + "\nOne node and two on the same PostgreSQL and mail server, both with Slaflow's settings, on this one"
        + " machine (the two nodes share its cores): the burst's leads posted through the API (one node: from 4"
        + " clients; two nodes: half to each, from 4 clients each), then their alerts made due in the same second."
        + " Each node warmed up first with its own burst of " + String.format(Locale.ROOT, "%,d", WARM)
        + " alerts.\n\n" + nodes);
  }

  /** The ratio, marked when it is over its target. */
  private static String atMost(double numerator, double denominator, double target) {
    String ratio = ratio(numerator, denominator);
    return Double.parseDouble(ratio) > target ? ratio + String.format(Locale.ROOT, " **over %.1f**", target) : ratio;
  }

  private static String ratio(double numerator, double denominator) {
    return String.format(Locale.ROOT, "%.2f", numerator / Math.max(denominator, 1));
  }

  private static String millis(long ms) {
    return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String mib(double value) {
    return String.format(Locale.ROOT, "%.0f MiB", value);
  }
}
