package io.slaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
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
    double before = sample("slaflow_breaches_total{unit=\"lead-routing\"}");

    clockAt(LocalDateTime.of(2026, 11, 30, 11, 30), BERLIN);
    runDueJobs(lead.processInstanceId());

    assertThat(sample("slaflow_breaches_total{unit=\"lead-routing\"}")).isEqualTo(before + 1);
    assertThat(sample("slaflow_sla_open_breached")).isGreaterThanOrEqualTo(1);
    assertThat(sample("slaflow_sla_open")).isGreaterThanOrEqualTo(1);
    assertThat(sample("slaflow_incidents")).isGreaterThanOrEqualTo(0);
    assertThat(sample("slaflow_jobs_backlog")).isGreaterThanOrEqualTo(0);
  }

  /** One sample of /actuator/prometheus, by its name and labels as Prometheus prints them; 0 when absent. */
  private double sample(String series) {
    String body = new Http(port).get("/actuator/prometheus", "admin", ADMIN_PASSWORD).body();
    return body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(0.0);
  }
}
