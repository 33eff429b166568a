package io.slaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
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
}
