package io.slaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import baseline.BareCamundaApplication;
import io.slaflow.SlaflowApplication;
import io.slaflow.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
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

  record Result(String database, double floorPerSecond, double intakePerSecond) {
    double ratio() {
      return intakePerSecond / floorPerSecond;
    }
  }

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

    List<List<String>> rows = results.stream().map(r -> List.of(r.database(),
        String.format(Locale.ROOT, "%.2f", r.ratio()) + (r.ratio() < 0.8 ? " **under 0.8**" : ""),
        String.format(Locale.ROOT, "%.0f", r.intakePerSecond()),
        String.format(Locale.ROOT, "%.0f", r.floorPerSecond()))).toList();
    Path file = BenchmarkResults.write("intake", "Intake throughput (benchmark 1)", String.format(Locale.ROOT,
        "%,d leads through `POST /api/leads` (German demo requests: validated, assigned by the DMN table, routed to"
        + " the least-loaded rep, SLA looked up and planned, SLA record written, task and six ladder timers"
        + " created), from %d client threads over HTTP, against the floor: %,d instances of a process with one"
        + " user task and three timer boundary events started through the Java API from as many threads, in the"
        + " same application on the same database. Warm-up %d of each; each side measured twice, alternating; the"
        + " better run counts. Target: at least 0.8 of the floor.%n%n", LEADS, BenchLeads.CLIENTS, LEADS, WARM_UP)
        + BenchmarkResults.table(List.of("Database", "Intake ÷ floor", "Leads per second",
            "Floor instances per second"), rows));
    System.out.println("Intake benchmark written to " + file);
    List<List<String>> written = BenchmarkResults.rows(file, "intake");
    assertThat(written).extracting(row -> row.get(0)).containsExactly("H2 (file)", "PostgreSQL");
    written.forEach(row -> BenchmarkResults.assertRatio(row, 1));
  }

  /** Starts the application on one database, measures both sides, and stops it. */
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
      engine.getRepositoryService().createDeployment().name("bench-floor")
          .addModelInstance("bench-floor.bpmn", BareCamundaApplication.floorProcess()).deploy();
      String url = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();

      int[] next = {0};
      Side floor = count -> BenchLeads.parallel(count, i -> engine.getRuntimeService()
          .startProcessInstanceByKey("bench-floor", "floor-" + i).getId());
      Side intake = count -> {
        int from = next[0];
        next[0] += count;
        return BenchLeads.post(url, from, from + count);
      };
      floor.run(WARM_UP);
      intake.run(WARM_UP);
      // The tables grew from empty: fresh statistics, as autovacuum gathers them in production (this machine's
      // PostgreSQL runs with autovacuum off, and a plan made for empty tables reads them whole).
      app.getBean(JdbcTemplate.class).execute("ANALYZE");
      double floorBest = 0;
      double intakeBest = 0;
      for (int round = 0; round < 2; round++) {
        floorBest = Math.max(floorBest, perSecond(floor));
        intakeBest = Math.max(intakeBest, perSecond(intake));
      }
      System.out.printf(Locale.ROOT, "%s: intake %.0f/s, floor %.0f/s%n", database, intakeBest, floorBest);
      return new Result(database, floorBest, intakeBest);
    }
  }

  /** One side of the comparison: starts {@code count} instances. */
  private interface Side {
    List<String> run(int count) throws Exception;
  }

  private static double perSecond(Side side) throws Exception {
    long start = System.nanoTime();
    side.run(LEADS);
    return LEADS / ((System.nanoTime() - start) / 1e9);
  }
}
