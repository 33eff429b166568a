package io.slaflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.slaflow.testsupport.Deliveries;
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
import java.util.HashSet;
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
 * warning must be delivered: none lost (the dead node's locked jobs are taken over when their lock expires). Delivery
 * is at least once, and counted physically: a node killed after the mail server accepted an alert but before the
 * notification log recorded it leaves the survivor to send it again (with the same Message-ID, which most mailboxes
 * show once, but a second copy all the same). Every copy is counted, the duplicates are printed, and they are bounded
 * by what can cause them: only an alert in flight at the kill.
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
      Set<String> jobsAtKill = lockedJobs(db);
      Set<List<String>> copiesAtKill = new HashSet<>();
      Deliveries.of(mail).copies().forEach(c -> copiesAtKill.add(List.of(c.mailbox(), c.messageId())));
      int inFlight = lockedAtKill.values().stream().mapToInt(Integer::intValue).sum();
      System.out.println("Jobs locked per node when node-b was killed: " + lockedAtKill);
      assertThat(lockedAtKill).as("both nodes were working the burst").hasSizeGreaterThanOrEqualTo(2);

      Map<String, Set<String>> warnings = awaitWarnings(names, before, Duration.ofMinutes(3));
      System.out.printf("Burst delivered %.0f s after the warnings fell due%n",
          Duration.between(due, Instant.now()).toMillis() / 1e3);
      assertThat(warnings.keySet()).as("a warning for every lead, none lost").containsExactlyInAnyOrderElementsOf(names);
      // A resend comes when the dead node's lock runs out: count only once every job it held has run again.
      long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (lockedJobs(db).stream().anyMatch(jobsAtKill::contains) && System.nanoTime() < until) {
        Thread.sleep(250);
      }
      Thread.sleep(2000); // a late copy would arrive now

      // Each warning goes to one rep: one copy per lead, plus what the survivor sent again.
      Deliveries copies = Deliveries.of(mail).about(subject -> subject.contains("SLA warning")
          && subject.contains("Burst "));
      Map<String, Long> doubled = copies.duplicatedAlerts();
      System.out.printf("%d warnings in %d copies: %d duplicate copies, of alerts %s; %d jobs in flight at the kill%n",
          warnings.size(), copies.size(), copies.duplicateCopies(), doubled.keySet(), inFlight);
      assertThat(copies.size()).isEqualTo(LEADS + copies.duplicateCopies());
      // Only an alert the dead node had handed to the mail server, and not yet logged, can be sent again: it belongs to
      // a job locked at the kill and running on one of the node's job executor threads (max-pool-size 16, each sends
      // one email at a time), its first copy is in the mailbox from before the kill, and the node died once, so it
      // arrives twice at most. Alerts never in flight arrive exactly once.
      assertThat(doubled.size()).as("alerts resent, at most one per job locked at the kill").isLessThanOrEqualTo(
          inFlight);
      assertThat(doubled.size()).as("alerts resent, at most one per job executor thread of the dead node")
          .isLessThanOrEqualTo(16);
      assertThat(doubled.values()).as("copies of one alert in one mailbox").allSatisfy(n -> assertThat(n).isEqualTo(2));
      copies.copies().stream().filter(c -> doubled.containsKey(c.messageId()))
          .forEach(c -> assertThat(copiesAtKill).as("a resent alert had reached " + c.mailbox() + " by the kill")
              .contains(List.of(c.mailbox(), c.messageId())));
      // The log holds one entry per alert delivered (its key is unique, so a count of distinct keys could not fail):
      // every lead's warning is logged as sent, and nothing else is.
      try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM notification_log"
          + " WHERE ladder_step = 'warning' AND status = 'sent' AND subject LIKE '%Burst %'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("warnings logged as sent").isEqualTo(LEADS);
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
    // Read after the kill: the dead node's locks stay in the database until they expire, so its jobs in flight are
    // exactly its locked ones; the survivor's are counted too (an upper bound for what the kill interrupted).
    victim.kill();
    Map<String, Integer> locked = new TreeMap<>();
    try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT lock_owner_, COUNT(*)"
        + " FROM act_ru_job WHERE lock_owner_ IS NOT NULL GROUP BY lock_owner_")) {
      while (rs.next()) {
        locked.put(rs.getString(1), rs.getInt(2));
      }
    }
    return locked;
  }

  /** The jobs some node holds: with a dead node, its jobs in flight, until their locks run out and they run again. */
  private static Set<String> lockedJobs(Connection db) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("SELECT id_ FROM act_ru_job WHERE lock_owner_ IS NOT NULL")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
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
