package io.slaflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.slaflow.testsupport.Node;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.TestPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two application nodes (separate JVMs) on one PostgreSQL database, both running the job executor. 2,000 leads get
 * their SLA warnings due in the same second; in the middle of the burst one node is killed with SIGKILL. Every
 * warning must be delivered exactly once: none lost (the dead node's locked jobs are taken over when their lock
 * expires), none twice. An alert is one message, identified by its Message-ID: a node killed after the mail server
 * accepted an alert but before the notification log recorded it leaves the survivor to send it again, as the same
 * message, which mailboxes show once. How often that happened is printed; nothing else may repeat.
 */
class ClusterTest {

  private static final int LEADS = Integer.getInteger("slaflow.test.cluster-leads", 2000);
  private static final String DATABASE = TestPostgres.PREFIX + "_cluster";
  private static final String ADMIN_PASSWORD = "cluster-admin-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final GreenMailExtension mail = new GreenMailExtension(SlaflowTest.SMTP);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void twoNodesDeliverEveryWarningExactlyOnceWhenOneIsKilledMidBurst() throws Exception {
    TestPostgres.fresh(DATABASE);
    // A short lock so the test sees the dead node's jobs taken over within seconds (production: 3 minutes).
    Map<String, String> settings = Map.of("camunda.bpm.job-execution.lock-time-in-millis", "15000");
    try (Node a = Node.start("node-a", DATABASE, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, settings)
        .awaitUp(Duration.ofMinutes(3));
        Node b = Node.start("node-b", DATABASE, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, settings)
            .awaitUp(Duration.ofMinutes(3));
        Connection db = DriverManager.getConnection(TestPostgres.SERVER + DATABASE, "postgres", "")) {
      long started = System.nanoTime();
      List<String> names = createLeads(List.of(a, b));
      System.out.printf("%d leads created through both nodes in %.0f s%n", LEADS, (System.nanoTime() - started) / 1e9);
      int before = mail.getReceivedMessages().length;

      // Time travel across JVMs: ClockUtil cannot reach the nodes, so the warning timers are moved to fall due
      // together, 10 seconds from now, as a Monday 9:00 would make them.
      Instant due = Instant.now().plusSeconds(10);
      try (PreparedStatement move = db.prepareStatement("UPDATE act_ru_job SET duedate_ = ? WHERE job_def_id_ IN"
          + " (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = 'Timer_SlaWarning' AND proc_def_key_ = 'lead-routing')")) {
        move.setTimestamp(1, Timestamp.from(due));
        assertThat(move.executeUpdate()).isGreaterThanOrEqualTo(LEADS);
      }

      // Kill node B once a quarter of the warnings went out, while it holds locked jobs.
      Map<String, Integer> lockedAtKill = awaitThenKill(b, db, before);
      System.out.println("Jobs locked per node when node-b was killed: " + lockedAtKill);
      assertThat(lockedAtKill).as("both nodes were working the burst").hasSizeGreaterThanOrEqualTo(2);

      Map<String, Set<String>> warnings = awaitWarnings(names, before, Duration.ofMinutes(3));
      System.out.printf("Burst delivered %.0f s after the warnings fell due%n",
          Duration.between(due, Instant.now()).toMillis() / 1e3);
      assertThat(warnings.keySet()).as("a warning for every lead").containsExactlyInAnyOrderElementsOf(names);
      assertThat(warnings).as("one message per lead's warning")
          .allSatisfy((name, messageIds) -> assertThat(messageIds).hasSize(1));
      System.out.printf("%d warnings; %d copies resent by the surviving node after the kill%n", warnings.size(),
          mail.getReceivedMessages().length - before - warnings.size());
      try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(
          "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM notification_log WHERE ladder_step = 'warning'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(LEADS);
      }
    }
  }

  /** Creates the leads through the API of both nodes, four at a time; returns their names. */
  private List<String> createLeads(List<Node> nodes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < LEADS; i++) {
        String name = String.format("Burst %04d", i);
        Node node = nodes.get(i % nodes.size());
        created.add(pool.submit(() -> {
          HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(node.url("/api/leads")))
              .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name,
                  "email", "burst@cluster.example", "country", "DE", "source", "demo-request")))).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
          return name;
        }));
      }
      List<String> names = new ArrayList<>();
      for (Future<String> name : created) {
        names.add(name.get());
      }
      return names;
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, Integer> awaitThenKill(Node victim, Connection db, int before) throws Exception {
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (mail.getReceivedMessages().length - before < LEADS / 4) {
      assertThat(System.nanoTime()).as("the burst started").isLessThan(until);
      Thread.sleep(20);
    }
    Map<String, Integer> locked = new TreeMap<>();
    try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT lock_owner_, COUNT(*)"
        + " FROM act_ru_job WHERE lock_owner_ IS NOT NULL GROUP BY lock_owner_")) {
      victim.kill();
      while (rs.next()) {
        locked.put(rs.getString(1), rs.getInt(2));
      }
    }
    return locked;
  }

  /** Waits until every lead has its warning, or the timeout; returns the Message-IDs received per lead name. */
  private static Map<String, Set<String>> awaitWarnings(List<String> names, int before, Duration timeout)
      throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    Map<String, Set<String>> warnings = Map.of();
    while (System.nanoTime() < until) {
      warnings = warningsPerLead(before);
      if (warnings.size() >= names.size()) {
        Thread.sleep(2000); // a late duplicate would arrive now
        return warningsPerLead(before);
      }
      Thread.sleep(250);
    }
    return warnings;
  }

  private static Map<String, Set<String>> warningsPerLead(int before) throws MessagingException {
    MimeMessage[] received = mail.getReceivedMessages();
    Map<String, Set<String>> warnings = new TreeMap<>();
    for (int i = before; i < received.length; i++) {
      String subject = received[i].getSubject();
      if (subject.contains("SLA warning") && subject.contains("Burst ")) {
        String lead = subject.substring(subject.indexOf("Burst "), subject.indexOf("Burst ") + 10);
        warnings.computeIfAbsent(lead, l -> new TreeSet<>()).add(received[i].getMessageID());
      }
    }
    return warnings;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
