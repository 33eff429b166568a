package io.slaflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.slaflow.testsupport.Deliveries;
import io.slaflow.testsupport.Node;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application is stopped with ladder timers pending and started again after they were due: the job executor
 * fires every overdue timer at once, none lost, each alert sent once. The node stops gracefully before anything is
 * due, so no alert is in flight at the stop and not a single copy may arrive twice: copies are counted physically,
 * one per recipient mailbox, since two sends of one alert would carry the same Message-ID.
 */
class NodeRestartTest {

  private static final int LEADS = 40;
  private static final String DATABASE = TestPostgres.PREFIX + "_restart";
  private static final String ADMIN_PASSWORD = "restart-admin-secret";

  @RegisterExtension static final GreenMailExtension mail = new GreenMailExtension(SlaflowTest.SMTP);

  @Test
  void timersDueWhileTheApplicationWasDownFireWhenItIsBack() throws Exception {
    TestPostgres.fresh(DATABASE);
    try (Node first = Node.start("restart-1", DATABASE, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, Map.of())
        .awaitUp(Duration.ofMinutes(3))) {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < LEADS; i++) {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(first.url("/api/leads")))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of(
                "name", String.format("Downtime %04d", i), "email", "down@restart.example", "country", "DE",
                "source", "demo-request")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      }
    }

    // While the application is down, the warning, final warning and breach of every lead fall due.
    try (Connection db = DriverManager.getConnection(TestPostgres.SERVER + DATABASE, "postgres", "");
        PreparedStatement overdue = db.prepareStatement("UPDATE act_ru_job SET duedate_ = ? WHERE job_def_id_ IN"
            + " (SELECT id_ FROM act_ru_jobdef WHERE proc_def_key_ = 'lead-routing'"
            + " AND act_id_ IN ('Timer_SlaWarning', 'Timer_SlaFinalWarning', 'Timer_SlaBreach'))")) {
      overdue.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
      assertThat(overdue.executeUpdate()).isGreaterThanOrEqualTo(3 * LEADS);
    }

    try (Node second = Node.start("restart-2", DATABASE, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, Map.of())
        .awaitUp(Duration.ofMinutes(3))) {
      long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (alerts("SLA breached").messageIds().size() < LEADS && System.nanoTime() < until) {
        Thread.sleep(250);
      }
      Thread.sleep(2000); // a late duplicate would arrive now
      Deliveries warnings = alerts("SLA warning");
      Deliveries breaches = alerts("SLA breached");
      System.out.println("After the restart: warnings " + warnings.summary() + "; breaches " + breaches.summary());
      assertThat(warnings.messageIds()).as("warning and final warning of every lead").hasSize(2 * LEADS);
      assertThat(breaches.messageIds()).as("the breach reminder of every lead").hasSize(LEADS);
      // Each warning goes to one reader (the owner, or the manager of a lead in the team queue).
      assertThat(warnings.size()).as("warning copies: one per alert, none twice").isEqualTo(2 * LEADS);
      assertThat(breaches.duplicateCopies()).as("breach copies beyond one per reader").isZero();
    }
  }

  /** Every copy about this test's leads with the headline, each recipient's counted. */
  private static Deliveries alerts(String headline) {
    return Deliveries.of(mail).about(subject -> subject.contains(headline) && subject.contains("Downtime "));
  }
}
