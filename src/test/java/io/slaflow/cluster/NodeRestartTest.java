package io.slaflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.slaflow.testsupport.Node;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.TestPostgres;
import jakarta.mail.internet.MimeMessage;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application is stopped with ladder timers pending and started again after they were due: the job executor
 * fires every overdue timer at once, none lost, each alert sent once.
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
    int before = mail.getReceivedMessages().length;

    try (Node second = Node.start("restart-2", DATABASE, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, Map.of())
        .awaitUp(Duration.ofMinutes(3))) {
      long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (alerts(before, "SLA breached") < LEADS && System.nanoTime() < until) {
        Thread.sleep(250);
      }
      Thread.sleep(2000); // a late duplicate would arrive now
      assertThat(alerts(before, "SLA warning")).as("warning and final warning of every lead").isEqualTo(2 * LEADS);
      assertThat(alerts(before, "SLA breached")).as("the breach reminder of every lead").isEqualTo(LEADS);
    }
  }

  /** Alerts about this test's leads with the headline: messages, each counted once however many recipients. */
  private static long alerts(int before, String headline) throws Exception {
    Set<String> messages = new HashSet<>();
    MimeMessage[] received = mail.getReceivedMessages();
    for (int i = before; i < received.length; i++) {
      String subject = received[i].getSubject();
      if (subject.contains(headline) && subject.contains("Downtime ")) {
        messages.add(received[i].getMessageID());
      }
    }
    return messages.size();
  }
}
