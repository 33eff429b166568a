package io.slaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import baseline.BareCamundaApplication;
import com.sun.management.OperatingSystemMXBean;
import io.slaflow.ProcessOwnerFiles;
import io.slaflow.SlaflowApplication;
import io.slaflow.testsupport.TestPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark 1: leads per second through {@code POST /api/leads} to a routed task with its ladder timers, against the
 * engine's floor on the same database in the same application: a minimal process (one user task, three timer
 * boundary events) started through the Java API. On H2 (a file, as the default start uses) and on PostgreSQL. The
 * application runs in this JVM with its job executor off, so only intake is measured; both sides use the same four
 * client threads. Each side runs twice, alternating, after a warm-up; the better run counts.
 */
class IntakeBenchmark {

  private static final int LEADS = BenchmarkResults.full() ? 2_000 : 40;
  private static final int WARM_UP = BenchmarkResults.full() ? 300 : 10;
  /** The spread intake's teams: one country each, routed by a row of the assignment table the benchmark deploys. */
  private static final List<String> COUNTRIES = List.of("FR", "ES", "IT", "PL", "GB", "US", "JP", "AU");
  private static final int REPS_PER_TEAM = 3;
  /** Linux counts a process's CPU time in ticks of 1/100 s (USER_HZ). */
  private static final long CLOCK_TICK_NANOS = 10_000_000L;

  /**
   * A side's rate in its better run, the rows that run added to the database per instance started, and the CPU time
   * it took per instance: this JVM's (the application, its H2 database and the HTTP clients) and PostgreSQL's.
   */
  record Rate(double perSecond, double rowsPerInstance, double cpuMillisPerInstance) {}

  record Result(String database, Rate floor, Rate oneTeam, Rate eightTeams) {}

  @Test
  void intakeAgainstTheEnginesFloor() throws Exception {
    Path h2 = Path.of("target", "bench", "intake-h2");
    FileSystemUtils.deleteRecursively(h2);
    Files.createDirectories(h2);
    List<Result> results = new ArrayList<>();
    results.add(measure("H2 (file)", List.of(
        "--spring.datasource.url=jdbc:h2:file:" + h2.toAbsolutePath() + "/slaflow;LOCK_TIMEOUT=10000")));
    results.add(measure("PostgreSQL", List.of("--spring.profiles.active=postgres",
        "--spring.datasource.url=" + TestPostgres.fresh(TestPostgres.PREFIX + "_bench_intake"))));

    List<List<String>> rows = new ArrayList<>();
    for (Result r : results) {
      rows.add(row(r.database(), "one (" + REPS_PER_TEAM + " reps)", r.oneTeam(), r.floor()));
      rows.add(row(r.database(), COUNTRIES.size() + " (" + REPS_PER_TEAM + " reps each)", r.eightTeams(),
          r.floor()));
    }
    Path file = BenchmarkResults.write("intake", "Intake throughput (benchmark 1)", String.format(Locale.ROOT,
        "%,d leads through `POST /api/leads` (demo requests: validated, assigned by the DMN table, routed to the"
        + " least-loaded rep, SLA looked up and planned, SLA record written, task and its five ladder timers created),"
        + " from %d client threads over HTTP, against the floor: %,d instances of a process with one user task and"
        + " three timer boundary events started through the Java API from as many threads, in the same application"
        + " on the same database. One team: every lead from Germany, for the Berlin team, whose routing takes its"
        + " leads one at a time. %d teams: the leads spread over %d teams of the benchmark's own (a row of the"
        + " assignment table each). Warm-up %d of each; each side measured twice, alternating; the better run"
        + " counts. Rows: what the side's last run added to the database (every table, Camunda's and ours),"
        + " divided by the instances it started. CPU: the processor time that run took (this JVM, which holds the"
        + " application, H2 and the HTTP clients, and PostgreSQL's processes), divided by the instances it started;"
        + " the floor's CPU over a lead's is what the rate would be if only processor time counted, steadier than the"
        + " rate on a shared machine. Target: at least 0.5 of the floor.%n%n", LEADS,
        BenchLeads.CLIENTS, LEADS, COUNTRIES.size(), COUNTRIES.size(), WARM_UP)
        + BenchmarkResults.table(List.of("Database", "Teams", "Intake ÷ floor", "Leads per second",
            "Floor instances per second", "Floor's CPU ÷ a lead's", "CPU ms per lead", "CPU ms per floor instance",
            "Rows per lead", "Rows per floor instance"), rows));
    System.out.println("Intake benchmark written to " + file);
    List<List<String>> written = BenchmarkResults.rows(file, "intake");
    assertThat(written).extracting(row -> row.get(0))
        .containsExactly("H2 (file)", "H2 (file)", "PostgreSQL", "PostgreSQL");
    written.forEach(row -> {
      BenchmarkResults.assertRatio(row, 2);
      BenchmarkResults.assertRatio(row, 5);
    });
  }

  private static List<String> row(String database, String teams, Rate intake, Rate floor) {
    double ratio = intake.perSecond() / floor.perSecond();
    return List.of(database, teams, String.format(Locale.ROOT, "%.2f", ratio) + (ratio < 0.5 ? " **under 0.5**" : ""),
        String.format(Locale.ROOT, "%.0f", intake.perSecond()), String.format(Locale.ROOT, "%.0f", floor.perSecond()),
        String.format(Locale.ROOT, "%.2f", floor.cpuMillisPerInstance() / intake.cpuMillisPerInstance()),
        String.format(Locale.ROOT, "%.1f", intake.cpuMillisPerInstance()),
        String.format(Locale.ROOT, "%.1f", floor.cpuMillisPerInstance()),
        String.format(Locale.ROOT, "%.0f", intake.rowsPerInstance()),
        String.format(Locale.ROOT, "%.0f", floor.rowsPerInstance()));
  }

  /** Starts the application on one database, measures the three sides, and stops it. */
  private static Result measure(String database, List<String> settings) throws Exception {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        // Its own engine name: other test contexts in this JVM keep the engine called "default".
        "--camunda.bpm.process-engine-name=bench", "--slaflow.admin.password=" + BenchLeads.ADMIN_PASSWORD,
        "--slaflow.demo.enabled=true", "--slaflow.demo.history=false", "--slaflow.demo.password=bench-demo-secret",
        "--spring.mail.port=1", "--logging.level.io.slaflow=WARN"));
    args.addAll(settings);
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SlaflowApplication.class)
        .run(args.toArray(String[]::new))) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      engine.getRepositoryService().createDeployment().name("bench-floor")
          .addModelInstance("bench-floor.bpmn", BareCamundaApplication.floorProcess()).deploy();
      String url = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      eightTeams(url, engine);

      int[] next = {0};
      Side floor = count -> BenchLeads.parallel(count, i -> engine.getRuntimeService()
          .startProcessInstanceByKey("bench-floor", "floor-" + i).getId());
      Side oneTeam = count -> {
        int from = next[0];
        next[0] += count;
        return BenchLeads.post(url, from, from + count);
      };
      Side eightTeams = count -> {
        int from = next[0];
        next[0] += count;
        return BenchLeads.post(url, from, from + count, i -> COUNTRIES.get(i % COUNTRIES.size()));
      };
      floor.run(WARM_UP);
      oneTeam.run(WARM_UP);
      eightTeams.run(WARM_UP);
      // The tables grew from empty: fresh statistics, as autovacuum gathers them in production (this machine's
      // PostgreSQL runs with autovacuum off, and a plan made for empty tables reads them whole).
      jdbc.execute("ANALYZE");
      Rate[] best = new Rate[3];
      Side[] sides = {floor, oneTeam, eightTeams};
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < sides.length; i++) {
          Rate rate = rate(sides[i], jdbc);
          best[i] = best[i] == null || rate.perSecond() > best[i].perSecond() ? rate : best[i];
        }
      }
      System.out.printf(Locale.ROOT, "%s: one team %.0f/s, %d teams %.0f/s, floor %.0f/s; rows per lead %.0f,"
          + " per floor instance %.0f; CPU ms per lead %.1f and %.1f, per floor instance %.1f%n", database,
          best[1].perSecond(), COUNTRIES.size(), best[2].perSecond(), best[0].perSecond(), best[1].rowsPerInstance(),
          best[0].rowsPerInstance(), best[1].cpuMillisPerInstance(), best[2].cpuMillisPerInstance(),
          best[0].cpuMillisPerInstance());
      return new Result(database, best[0], best[1], best[2]);
    }
  }

  /**
   * Eight teams of the benchmark's own, each with a manager and three reps, made through the organisation API, and
   * the process owner's files deployed again with an assignment table whose first rows send each team's country to
   * it (the lead process binds the table of its own deployment).
   */
  private static void eightTeams(String url, ProcessEngine engine) throws Exception {
    for (int team = 0; team < COUNTRIES.size(); team++) {
      String teamId = "team-bench-" + team;
      Map<String, Object> teamBody = new HashMap<>(Map.of("name", "Bench team " + team, "timeZone", "Europe/Berlin",
          "opens", "09:00", "closes", "18:00",
          "workingDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), "holidayCountry", "DE"));
      BenchLeads.put(url, "/api/org/teams/" + teamId, teamBody);
      String manager = "bench.manager" + team;
      BenchLeads.put(url, "/api/org/people/" + manager, person(manager, "MANAGER", teamId));
      teamBody.put("managerId", manager);
      BenchLeads.put(url, "/api/org/teams/" + teamId, teamBody);
      for (int rep = 0; rep < REPS_PER_TEAM; rep++) {
        String id = "bench.rep" + team + "x" + rep;
        BenchLeads.put(url, "/api/org/people/" + id, person(id, "REP", teamId));
      }
    }
    StringBuilder rules = new StringBuilder();
    for (int team = 0; team < COUNTRIES.size(); team++) {
      rules.append(String.format(Locale.ROOT, "<rule id=\"Rule_Bench%1$d\"><inputEntry id=\"Country_Bench%1$d\">"
          + "<text>\"%2$s\"</text></inputEntry><inputEntry id=\"Product_Bench%1$d\"><text></text></inputEntry>"
          + "<outputEntry id=\"Team_Bench%1$d\"><text>\"team-bench-%1$d\"</text></outputEntry></rule>%n", team,
          COUNTRIES.get(team)));
    }
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bench-assignment");
    for (Map.Entry<String, Resource> file : ProcessOwnerFiles.files().entrySet()) {
      String text = file.getValue().getContentAsString(StandardCharsets.UTF_8);
      if (file.getKey().equals("processes/lead-assignment.dmn")) {
        String first = "<rule id=\"Rule_Emea\">";
        assertThat(text).contains(first);
        text = text.replace(first, rules + first);
      }
      deployment.addString(file.getKey(), text);
    }
    deployment.deploy();
  }

  private static Map<String, Object> person(String id, String role, String teamId) {
    return Map.of("firstName", "Bench", "lastName", id, "email", id + "@bench.example", "role", role,
        "teamId", teamId, "capacity", 20);
  }

  /** One side of the comparison: starts {@code count} instances. */
  private interface Side {
    List<String> run(int count) throws Exception;
  }

  private static Rate rate(Side side, JdbcTemplate jdbc) throws Exception {
    long rowsBefore = rows(jdbc);
    long cpuBefore = cpuNanos();
    long start = System.nanoTime();
    side.run(LEADS);
    double perSecond = LEADS / ((System.nanoTime() - start) / 1e9);
    double cpuMillis = (cpuNanos() - cpuBefore) / 1e6 / LEADS;
    return new Rate(perSecond, (rows(jdbc) - rowsBefore) / (double) LEADS, cpuMillis);
  }

  /**
   * Processor time used so far by this JVM and by the machine's PostgreSQL processes (read from /proc; its server
   * keeps one process per connection, and the pool keeps its connections for the whole run).
   */
  private static long cpuNanos() throws Exception {
    long nanos = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        try {
          if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
            String stat = Files.readString(process.resolve("stat"));
            // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            nanos += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_NANOS;
          }
        } catch (IOException | RuntimeException gone) {
          // A process that ended since the directory was listed.
        }
      }
    }
    return nanos;
  }

  /** Every row of every table in the application's schema, Camunda's and ours. */
  private static long rows(JdbcTemplate jdbc) {
    List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE'", String.class);
    long rows = 0;
    for (String table : tables) {
      Long count = jdbc.queryForObject("SELECT COUNT(*) FROM \"" + table + "\"", Long.class);
      rows += count == null ? 0 : count;
    }
    return rows;
  }
}
