package io.slaflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What an operator's Prometheus learns about alerts: how many went out, where, at which step, and how late. */
class AlertMetricsTest extends SlaflowTest {

  @Autowired MeterRegistry meters;

  @Test
  void aWarningSentThreeMinutesAfterItFellDueIsCountedWithThreeMinutesOfLag() {
    String pid = createLead(uniqueName("Metrics"), "DE", "demo-request", "medium", "crm-suite").processInstanceId();
    double lagBefore = emailLag().map(t -> t.totalTime(TimeUnit.SECONDS)).orElse(0.0);
    long countBefore = emailLag().map(Timer::count).orElse(0L);

    // The job executor was busy: the warning goes out three minutes after its timer fell due.
    clockAt(timerJob(pid, "Timer_SlaWarning").getDuedate().toInstant().plus(Duration.ofMinutes(3)));
    runDueJobs(pid);

    assertThat(emailLag().orElseThrow().count() - countBefore).isEqualTo(1);
    assertThat(emailLag().orElseThrow().totalTime(TimeUnit.SECONDS) - lagBefore).isCloseTo(180, within(0.001));
    HttpResponse<String> prometheus = new Http(port).get("/actuator/prometheus", "admin", ADMIN_PASSWORD);
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("slaflow_alerts_sent_total{channel=\"email\",step=\"warning\"}")
        .contains("# TYPE slaflow_alert_lag_seconds histogram")
        .contains("slaflow_alert_lag_seconds_bucket{channel=\"email\",le=\"+Inf\"}")
        .contains("slaflow_alert_lag_seconds_count{channel=\"email\"}");
  }

  private Optional<Timer> emailLag() {
    return Optional.ofNullable(meters.find("slaflow.alert.lag").tag("channel", "email").timer());
  }
}
