package io.slaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/** What an operator's monitoring reads: health for the load balancer, metrics for Prometheus. */
class ObservabilityTest extends SlaflowTest {

  @Test
  void healthIsOpenAndNamesTheDatabaseAndTheMailServer() {
    HttpResponse<String> health = new Http(port).get("/actuator/health", null, null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"", "\"db\"", "\"mail\"").doesNotContain("H2", "jdbc");
  }

  @Test
  void prometheusMetricsAreForAdministratorsOnly() {
    Http http = new Http(port);
    assertThat(http.get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    assertThat(http.get("/actuator/prometheus", "ben.keller", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.get("/actuator/metrics", "ben.keller", DEMO_PASSWORD).statusCode()).isEqualTo(403);

    HttpResponse<String> metrics = http.get("/actuator/prometheus", "admin", ADMIN_PASSWORD);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void aBreachShowsInTheMetricsWithTheOpenClocksIncidentsAndBacklog() {
    clockAt(LocalDateTime.of(2026, 11, 27, 16, 30), BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Metric"), "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    double breaches = breachesSoFar();
    double open = sample("slaflow_sla_open");
    double openBreached = sample("slaflow_sla_open_breached");

    // Monday 11:30: the lead's warning, final warning and breach are due and wait for the job executor.
    clockAt(LocalDateTime.of(2026, 11, 30, 11, 30), BERLIN);
    long dueOfThisLead = managementService.createJobQuery().processInstanceId(pid).executable().count();
    double backlog = sample("slaflow_jobs_backlog");
    assertThat(dueOfThisLead).as("warning, final warning and breach").isEqualTo(3);

    runDueJobs(pid);

    assertThat(breachesSoFar()).isEqualTo(breaches + 1);
    assertThat(sample("slaflow_jobs_backlog")).as("the lead's rungs have run").isEqualTo(backlog - dueOfThisLead);
    // The first-contact clock is still open (the reassignment comes later), now past its due time.
    assertThat(sample("slaflow_sla_open")).isEqualTo(open);
    assertThat(sample("slaflow_sla_open_breached")).isEqualTo(openBreached + 1);

    // A job that has given up is an incident an operator must see.
    double incidents = sample("slaflow_incidents");
    Job timer = managementService.createJobQuery().processInstanceId(pid).timers().list().get(0);
    managementService.setJobRetries(timer.getId(), 0);
    assertThat(sample("slaflow_incidents")).isEqualTo(incidents + 1);
  }

  /** A counter appears with its first breach in this JVM: until then it is 0. */
  private double breachesSoFar() {
    String series = "slaflow_breaches_total{unit=\"lead-routing\"}";
    String body = new Http(port).get("/actuator/prometheus", "admin", ADMIN_PASSWORD).body();
    return body.contains(series + " ") ? sample(series) : 0;
  }

  /** One sample of /actuator/prometheus, by its name and labels as Prometheus prints them; a missing one fails. */
  private double sample(String series) {
    String body = new Http(port).get("/actuator/prometheus", "admin", ADMIN_PASSWORD).body();
    return body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("No sample " + series + " in /actuator/prometheus"));
  }
}
