package io.slaflow.realclock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.slaflow.notify.Notifier;
import io.slaflow.testsupport.Deliveries;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.Node;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ladder on a real clock, in a JVM of its own: the application on PostgreSQL with its job executor, a real SMTP
 * server, and an SLA policy measured in seconds deployed as a process owner deploys one. No ClockUtil, no job run by
 * hand: what arrives in the mailboxes is what a team would get. Every copy is counted (one per recipient mailbox),
 * so an alert sent twice counts twice although both copies carry one Message-ID.
 */
class RealClockTest {

  private static final String ADMIN_PASSWORD = "realclock-admin-secret";
  private static final String OWNER = "olga.owner";
  private static final String OWNER_PASSWORD = "realclock-owner-secret";
  /** Notifier's sender address when none is configured: part of every alert's Message-ID. */
  private static final String FROM = "slaflow@localhost";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The ladder's rungs as alert keys name them, in the order they must arrive. */
  private static final List<String> LADDER = List.of("warning", "final-warning", "breach", "escalation", "reassigned",
      "unhandled-escalation");

  /**
   * The deal's own clocks (policy rows that are not a stage's ladder). The stale-lead return runs inside the test,
   * after the AE follow-up's whole ladder, so that the interrupting timer that ends that stage after an outage must
   * first deliver the ladder it cuts off. The idle reassignment and the stalled-deal pullback stay beyond the test:
   * after the outage they would be due together with the stale return and race it for the same deal, and which one
   * wins is the engine's choice, not a rule a test could state.
   */
  private static final Map<String, String> DEAL_CLOCKS = Map.of(
      "stale-qualified-lead", "PT28S", "idle-opportunity", "PT3600S", "stalled-deal", "PT7200S",
      "stalled-deal-review", "PT7200S", "prospect-follow-up", "PT7200S", "confirmation-silence", "PT7200S");

  @RegisterExtension static final GreenMailExtension mail = new GreenMailExtension(SlaflowTest.SMTP);

  /** A stage's ladder in seconds: the target, the two warnings before the due time, escalation and reassignment after. */
  record Ladder(int target, int firstWarning, int finalWarning, int escalateAfter, int reassignAfter) {}

  /** One stage visit on the clock: its SLA record, unit, stage, record and owner (null in the team queue). */
  record Visit(String id, String unit, String stage, String recordId, String owner) {

    /** The alerts the visit's ladder sends, in ladder order, as their keys name them. */
    List<String> steps() {
      List<String> steps = new ArrayList<>();
      if (!stage.equals("accept-mql")) {
        steps.addAll(List.of("warning", "final-warning")); // the MQL row gives no warning before the due time
      }
      steps.addAll(List.of("breach", "escalation"));
      boolean reassigned = stage.equals("first-contact") || stage.equals("accept-mql");
      if (reassigned && owner != null) {
        steps.add("reassigned"); // the owner who let it lapse is told; the team queue has nobody to tell
      }
      if (stage.equals("first-contact")) {
        steps.add("unhandled-escalation"); // the manager's review was left open until the reassignment
      }
      return steps;
    }

    Map<String, String> messageIds() {
      Map<String, String> ids = new LinkedHashMap<>();
      steps().forEach(step -> ids.put(Notifier.messageId(id + ":" + step, FROM), step));
      return ids;
    }
  }

  /**
   * One record in every unit with a ladder, created through /api; a support ticket paused at once and resumed after
   * its first due time had passed. The node is killed with SIGKILL while rungs are pending and started again once every
   * rung is overdue. Every rung of every stage visit opened before the kill must arrive, in ladder order in each
   * mailbox; no incident, no failed job; duplicates are counted, printed and bounded by the jobs in flight at the kill.
   */
  @Test
  void everyRungOfEveryUnitArrivesInOrderAfterAKillAndALateRestart() throws Exception {
    String database = TestPostgres.PREFIX + "_realclock";
    TestPostgres.fresh(database);
    // A short lock so that the jobs the killed node held are taken over within seconds (production: 3 minutes).
    Map<String, String> settings = Map.of("camunda.bpm.job-execution.lock-time-in-millis", "10000");
    long testStarted = System.nanoTime();
    Instant deployed;
    Instant resumedAt;
    Instant killedAt;
    Set<String> jobsInFlight;
    Set<List<String>> copiesAtKill = new HashSet<>();
    Set<String> arrivedWhilePaused;
    String pausedTicket;
    String backToNurture;
    try (Node first = Node.start("realclock-1", database, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, settings)
        .awaitUp(Duration.ofMinutes(3))) {
      Http http = new Http(first.port);
      alwaysOpen(http);
      deployed = Instant.now();
      deploy(http, secondsPolicy(new Ladder(16, 10, 6, 4, 8)));

      // Rungs at 6, 10, 16 (due), 20 and 24 s after a stage starts. The paused ticket first, so that it waits on the
      // customer before its first warning.
      pausedTicket = created(http, "/api/tickets", ticket("Paused")).get("ticketId").asText();
      Instant pausedTicketCreated = Instant.now();
      retried(http, "/api/tickets/" + pausedTicket + "/waiting-on-customer", "{\"reason\":\"Asked for the logs\"}");
      created(http, "/api/leads", """
          {"name":"Realclock Lead","email":"lead@realclock.example","company":"Realclock GmbH","country":"DE",
           "source":"web-form"}""");
      Instant leadCreated = Instant.now();
      created(http, "/api/mqls", """
          {"contactName":"Realclock Mql","contactEmail":"mql@realclock.example","company":"Realclock Mql GmbH",
           "country":"DE","source":"content-download","product":"crm-suite","amount":48000}""");
      String deal = created(http, "/api/opportunities", """
          {"contactName":"Realclock Deal","contactEmail":"deal@realclock.example","company":"Realclock Deal GmbH",
           "country":"DE","source":"demo-request","product":"crm-suite","amount":36000}""").get("opportunityId")
          .asText();
      // The deal's stale-lead clock: back to marketing after the AE follow-up's ladder, marketing told.
      backToNurture = Notifier.messageId(deal + ":recycled", FROM);
      created(http, "/api/tickets", ticket("Running"));
      String contract = created(http, "/api/contracts", """
          {"account":"Realclock Contract AG","contactName":"Lena Berg","contactEmail":"lena@contract.example",
           "country":"DE","product":"crm-suite","amount":24000,"renewsOn":"%s"}"""
          .formatted(LocalDate.now(ZoneOffset.UTC).plusDays(30))).get("contractId").asText();
      created(http, "/api/signals", """
          {"account":"Realclock Signal AB","contactName":"Sven Signal","contactEmail":"sven@signal.example",
           "country":"DE","kind":"usage","strength":"high"}""");
      // The renewal's account review opens as its (past) opening timer fires; the risk needs the renewal running.
      retried(http, "/api/contracts/" + contract + "/risk", "{\"reason\":\"Champion left\"}");
      System.out.printf("Records created %.1f s after the policy was deployed%n",
          Duration.between(deployed, Instant.now()).toMillis() / 1e3);

      // Resumed late: after the paused ticket's first due time (16 s) had passed while it waited.
      sleepUntil(pausedTicketCreated.plusSeconds(19));
      arrivedWhilePaused = Deliveries.of(mail).messageIds();
      created(http, "/api/tickets/" + pausedTicket + "/customer-replied", "", 200);
      resumedAt = Instant.now();

      // Killed as the first escalations fall due (20 s after the lead), with later rungs of every record pending, the
      // moment the mail server takes an alert: the node is then likely between sending it and logging it, the one
      // moment that can make it send an alert twice.
      sleepUntil(leadCreated.plusMillis(19_500));
      int arrived = received();
      long killBy = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (received() == arrived && System.nanoTime() < killBy) {
        Thread.onSpinWait();
      }
      first.kill();
      killedAt = Instant.now();
      Deliveries.of(mail).copies().forEach(c -> copiesAtKill.add(List.of(c.mailbox(), c.messageId())));
    }

    List<Visit> visits;
    Instant lastRung;
    try (Connection db = DriverManager.getConnection(TestPostgres.SERVER + database, "postgres", "")) {
      jobsInFlight = strings(db, "SELECT id_ FROM act_ru_job WHERE lock_owner_ IS NOT NULL");
      System.out.println("Jobs locked by the killed node (in flight at the kill): " + jobsInFlight.size());
      visits = visits(db, "started_at >= " + sql(deployed) + " AND started_at <= " + sql(killedAt));
      // The last rung of the seconds policy still to fall due; the hour-long clocks of the deal and the demo data are
      // beyond the test.
      try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT MAX(duedate_) FROM act_ru_job"
          + " WHERE duedate_ < " + sql(Instant.now().plusSeconds(600)))) {
        rs.next();
        lastRung = rs.getTimestamp(1).toInstant();
      }
    }
    assertThat(visits).extracting(Visit::stage).as("a ladder of every unit on the clock at the kill")
        .contains("first-contact", "accept-mql", "ae-follow-up", "first-response", "kickoff", "account-review",
            "recovery-plan", "qualify-signal");
    System.out.printf("Killed with %d stage visits on the clock; every rung overdue %.1f s after the kill%n",
        visits.size(), Duration.between(killedAt, lastRung).toMillis() / 1e3);
    sleepUntil(lastRung.plusSeconds(1));

    Map<String, Visit> expected = expected(visits);
    Set<String> awaited = new HashSet<>(expected.keySet());
    awaited.add(backToNurture);
    Deliveries delivered;
    try (Node second = Node.start("realclock-2", database, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, settings)
        .awaitUp(Duration.ofMinutes(3));
        Connection db = DriverManager.getConnection(TestPostgres.SERVER + database, "postgres", "")) {
      long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      // Every expected alert arrived and every job the dead node held was run again (or it may still resend).
      while (!(Deliveries.of(mail).messageIds().containsAll(awaited)
          && strings(db, "SELECT id_ FROM act_ru_job").stream().noneMatch(jobsInFlight::contains))
          && System.nanoTime() < until) {
        Thread.sleep(250);
      }
      Thread.sleep(2000); // a late copy would arrive now
      delivered = Deliveries.of(mail);
      assertThat(strings(db, "SELECT id_ || ': ' || incident_msg_ FROM act_ru_incident")).as("incidents").isEmpty();
      assertThat(strings(db, "SELECT id_ || ': ' || exception_msg_ FROM act_ru_job WHERE exception_msg_ IS NOT NULL"
          + " OR exception_stack_id_ IS NOT NULL")).as("failed jobs").isEmpty();
      assertThat(strings(db, "SELECT id FROM sla_record WHERE id IN (" + quoted(visits) + ") AND breached_at IS NULL"))
          .as("every visit breached and recorded so").isEmpty();
    }
    System.out.println("Real-clock restart: " + delivered.summary() + "; " + jobsInFlight.size()
        + " jobs in flight at the kill; test took " + (System.nanoTime() - testStarted) / 1_000_000_000 + " s");

    assertThat(expected.keySet()).as("every rung of every visit, none lost")
        .allSatisfy(id -> assertThat(delivered.messageIds()).as(expected.get(id) + " " + stepOf(id, expected))
            .contains(id));
    assertLadderOrder(delivered, expected);
    assertThat(delivered.messageIds()).as("the stale deal's return to marketing").contains(backToNurture);

    // The paused ticket's ladder stood still while it waited: nothing of it went out before the customer replied.
    Visit paused = visits.stream().filter(v -> v.recordId().equals(pausedTicket)).findFirst().orElseThrow();
    assertThat(paused.stage()).isEqualTo("first-response");
    assertThat(paused.messageIds().keySet()).as("alerts of the paused ticket that went out while it waited")
        .doesNotContainAnyElementsOf(arrivedWhilePaused);

    // At least once, measured: a copy can be sent again only for an alert the mail server had accepted from the dead
    // node when it died (sent, its notification log entry not yet committed). Such an alert belongs to a job that was
    // locked at the kill, each job sends one alert at a time, and the node died once, so: every duplicated alert's
    // first copy is in that mailbox from before the kill, no mailbox holds an alert more than twice, and no more alerts
    // are doubled than jobs were in flight. With no job in flight, that is zero.
    Map<String, Long> doubled = delivered.duplicatedAlerts();
    System.out.println("Alerts delivered twice after the kill: " + doubled);
    assertThat(doubled.size()).as("alerts resent, at most one per job in flight at the kill")
        .isLessThanOrEqualTo(jobsInFlight.size());
    assertThat(doubled.values()).as("copies of one alert in one mailbox").allSatisfy(n -> assertThat(n).isEqualTo(2));
    delivered.copies().stream().filter(c -> doubled.containsKey(c.messageId()))
        .forEach(c -> assertThat(copiesAtKill).as("a resent alert had reached " + c.mailbox() + " before the kill")
            .contains(List.of(c.mailbox(), c.messageId())));
    assertThat(resumedAt).isBefore(killedAt);
  }

  /**
   * Recipe 5 with a real clock: open clocks recomputed under a policy that puts every rung in the past. Each rung is
   * delivered once, in ladder order, and the work moves only after them.
   */
  @Test
  void recomputingIntoThePastDeliversEveryRungOnceInOrderBeforeTheWorkMoves() throws Exception {
    String database = TestPostgres.PREFIX + "_recompute";
    TestPostgres.fresh(database);
    try (Node node = Node.start("recompute", database, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, Map.of())
        .awaitUp(Duration.ofMinutes(3));
        Connection db = DriverManager.getConnection(TestPostgres.SERVER + database, "postgres", "")) {
      Http http = new Http(node.port);
      alwaysOpen(http);
      // Under the repository's policy: hours to the first rung.
      String leadId = created(http, "/api/leads", """
          {"name":"Recompute Lead","email":"lead@recompute.example","company":"Recompute GmbH","country":"DE",
           "source":"web-form"}""").get("leadId").asText();
      String mqlId = created(http, "/api/mqls", """
          {"contactName":"Recompute Mql","contactEmail":"mql@recompute.example","company":"Recompute Mql GmbH",
           "country":"DE","source":"content-download","product":"crm-suite","amount":48000}""")
          .get("opportunityId").asText();
      Instant created = Instant.now();
      int before = Deliveries.of(mail).size();

      // A policy of seconds: the open clocks' every rung, reassignment included, lies 4 s after their start.
      deploy(http, secondsPolicy(new Ladder(2, 1, 1, 1, 2)));
      sleepUntil(created.plusSeconds(5));
      assertThat(Deliveries.of(mail).size()).as("the new policy alone moves no open clock").isEqualTo(before);
      String request = "{\"unit\":\"%s\",\"stage\":\"%s\",\"reason\":\"Seconds policy, real-clock test\"}";
      JsonNode leads = json(http.postJson("/api/sla/recompute", request.formatted("lead-routing", "first-contact"),
          OWNER, OWNER_PASSWORD), 200);
      JsonNode mqls = json(http.postJson("/api/sla/recompute", request.formatted("sales-pipeline", "accept-mql"),
          OWNER, OWNER_PASSWORD), 200);
      assertThat(leads.get("skipped")).isEmpty();
      assertThat(mqls.get("skipped")).isEmpty();
      Instant recomputed = Instant.now();

      // Every open clock of both stages moved into the past: this test's and the demo data's.
      List<String> changed = new ArrayList<>();
      Stream.of(leads, mqls).forEach(run -> run.get("changed").forEach(c -> changed.add(c.get("slaRecordId").asText())));
      List<Visit> visits = visits(db, "id IN (" + String.join(",", changed.stream().map(id -> "'" + id + "'").toList())
          + ")");
      assertThat(visits).extracting(Visit::stage).contains("first-contact", "accept-mql");
      assertThat(strings(db, "SELECT record_id FROM sla_record WHERE id IN (" + quoted(visits) + ")"))
          .contains(leadId, mqlId);

      Map<String, Visit> expected = expected(visits);
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Deliveries.of(mail).messageIds().containsAll(expected.keySet()) && System.nanoTime() < until) {
        Thread.sleep(250);
      }
      Thread.sleep(2000); // a late copy would arrive now
      Deliveries delivered = Deliveries.of(mail);
      System.out.println("Recompute into the past: " + delivered.summary() + " for " + visits.size()
          + " recomputed visits, " + Duration.between(recomputed, Instant.now()).toSeconds() + " s after the run");

      assertThat(expected.keySet()).as("every rung of every recomputed visit")
          .allSatisfy(id -> assertThat(delivered.messageIds()).as(expected.get(id) + " " + stepOf(id, expected))
              .contains(id));
      assertThat(delivered.duplicatedAlerts()).as("no node died: nothing may arrive twice").isEmpty();
      assertLadderOrder(delivered, expected);
      // The work moved after its alerts went out: each rung stamped when its alert went, before the visit ended.
      for (Visit visit : visits) {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT outcome, completed_at,"
            + " warning_alerted_at, final_warning_alerted_at, breach_alerted_at, escalation_alerted_at"
            + " FROM sla_record WHERE id = '" + visit.id() + "'")) {
          rs.next();
          assertThat(rs.getString("outcome")).as(visit.toString()).isEqualTo("reassigned");
          List<Instant> stamps = new ArrayList<>();
          for (String column : List.of("warning_alerted_at", "final_warning_alerted_at", "breach_alerted_at",
              "escalation_alerted_at", "completed_at")) {
            Timestamp at = rs.getTimestamp(column);
            if (at != null) {
              stamps.add(at.toInstant());
            }
          }
          assertThat(stamps).as(visit + ": alerts stamped in ladder order, the visit closed after them")
              .hasSize(visit.stage().equals("accept-mql") ? 3 : 5).isSortedAccordingTo(Comparator.naturalOrder());
        }
      }
      assertThat(strings(db, "SELECT id_ || ': ' || incident_msg_ FROM act_ru_incident")).as("incidents").isEmpty();
      assertThat(strings(db, "SELECT id_ || ': ' || exception_msg_ FROM act_ru_job WHERE exception_msg_ IS NOT NULL"))
          .as("failed jobs").isEmpty();
    }
  }

  /** In every mailbox, the alerts of one visit arrived in ladder order (first copies; a resent copy may follow). */
  private static void assertLadderOrder(Deliveries delivered, Map<String, Visit> expected) {
    for (String mailbox : delivered.mailboxes()) {
      Map<Visit, List<Map.Entry<String, Integer>>> byVisit = new LinkedHashMap<>();
      delivered.firstArrivals(mailbox).forEach((id, position) -> {
        Visit visit = expected.get(id);
        if (visit != null) {
          byVisit.computeIfAbsent(visit, v -> new ArrayList<>()).add(Map.entry(stepOf(id, expected), position));
        }
      });
      byVisit.forEach((visit, arrivals) -> {
        List<String> inArrivalOrder = arrivals.stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
            .toList();
        assertThat(inArrivalOrder).as(mailbox + " got the alerts of " + visit + " in ladder order")
            .isSortedAccordingTo(Comparator.comparing(LADDER::indexOf));
      });
    }
  }

  private static String stepOf(String messageId, Map<String, Visit> expected) {
    return expected.get(messageId).messageIds().get(messageId);
  }

  private static Map<String, Visit> expected(List<Visit> visits) {
    Map<String, Visit> expected = new LinkedHashMap<>();
    visits.forEach(visit -> visit.messageIds().keySet().forEach(id -> expected.put(id, visit)));
    return expected;
  }

  private static List<Visit> visits(Connection db, String where) throws SQLException {
    List<Visit> visits = new ArrayList<>();
    try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(
        "SELECT id, unit, stage, record_id, owner_id FROM sla_record WHERE " + where + " ORDER BY visit_no")) {
      while (rs.next()) {
        visits.add(new Visit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
    return visits;
  }

  /**
   * The demo sales teams work around the clock, in a zone where it is midday now: escalation and reassignment count
   * the team's business hours after the due time (also for a 24x7 target), and the test must not wait for a Monday,
   * nor meet the minute before midnight that a working day of 00:00 to 23:59 leaves out. Then a process owner.
   */
  private static void alwaysOpen(Http http) throws IOException {
    int hours = 12 - Instant.now().atZone(ZoneOffset.UTC).getHour();
    String zone = ZoneOffset.ofHours(hours).getId();
    Map<String, List<String>> teams = Map.of(
        "team-berlin", List.of("EMEA Inside Sales (Berlin)", "anna.berg"),
        "team-new-york", List.of("Americas Inside Sales (New York)", "maria.lopez"));
    for (var team : teams.entrySet()) {
      json(http.putJson("/api/org/teams/" + team.getKey(), """
          {"name":"%s","timeZone":"%s","opens":"00:00","closes":"23:59",
           "workingDays":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],
           "managerId":"%s"}""".formatted(team.getValue().get(0), zone, team.getValue().get(1)), "admin",
          ADMIN_PASSWORD), 200);
    }
    HttpResponse<String> user = http.postJson("/engine-rest/user/create", """
        {"profile":{"id":"%s","firstName":"Olga","lastName":"Owner","email":"olga@realclock.example"},
         "credentials":{"password":"%s"}}""".formatted(OWNER, OWNER_PASSWORD), "admin", ADMIN_PASSWORD);
    assertThat(user.statusCode()).as(user.body()).isEqualTo(204);
    HttpResponse<String> member = http.putJson("/engine-rest/group/process-owners/members/" + OWNER, "", "admin",
        ADMIN_PASSWORD);
    assertThat(member.statusCode()).as(member.body()).isEqualTo(204);
  }

  /**
   * processes/sla-policy.dmn with every rule's durations rewritten to seconds on a 24x7 clock: a stage's ladder as
   * given, a deal clock as {@link #DEAL_CLOCKS} says; a duration of zero (no warning before the due time) stays zero.
   */
  static String secondsPolicy(Ladder ladder) throws IOException {
    DmnModelInstance policy = Dmn.readModelFromStream(new ByteArrayInputStream(
        Files.readAllBytes(Path.of("processes/sla-policy.dmn"))));
    DecisionTable table = policy.getModelElementsByType(DecisionTable.class).iterator().next();
    List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
    for (Rule rule : table.getRules()) {
      String stage = rule.getInputEntries().stream().skip(1).findFirst().orElseThrow().getTextContent()
          .replace("\"", "");
      Map<String, String> seconds = new LinkedHashMap<>();
      seconds.put("clock", "24x7");
      if (DEAL_CLOCKS.containsKey(stage)) {
        seconds.put("target", DEAL_CLOCKS.get(stage));
      } else {
        seconds.put("target", "PT" + ladder.target() + "S");
        seconds.put("firstWarning", "PT" + ladder.firstWarning() + "S");
        seconds.put("finalWarning", "PT" + ladder.finalWarning() + "S");
        seconds.put("escalateAfter", "PT" + ladder.escalateAfter() + "S");
        seconds.put("reassignAfter", "PT" + ladder.reassignAfter() + "S");
      }
      var entries = new ArrayList<>(rule.getOutputEntries());
      seconds.forEach((output, value) -> {
        var entry = entries.get(outputs.indexOf(output));
        if (!entry.getTextContent().equals("\"PT0S\"")) {
          entry.getText().setTextContent("\"" + value + "\"");
        }
      });
    }
    return Dmn.convertToString(policy);
  }

  /** Deploys processes/ and forms/ with the policy in place of the repository's, as docs/process-owners.md says. */
  private static void deploy(Http http, String policy) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    for (String folder : List.of("processes", "forms")) {
      try (Stream<Path> paths = Files.list(Path.of(folder))) {
        paths.sorted().forEach(path -> files.put(folder + "/" + path.getFileName(), read(path)));
      }
    }
    files.put("processes/sla-policy.dmn", policy);
    HttpResponse<String> deployed = http.postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", "slaflow", "deployment-source", "Camunda Modeler"), files, OWNER, OWNER_PASSWORD);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
  }

  /** A call on a record whose process may still be running its first asynchronous steps (409 until it waits). */
  private static void retried(Http http, String path, String body) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HttpResponse<String> answer;
    do {
      answer = http.postJson(path, body, "admin", ADMIN_PASSWORD);
      if (answer.statusCode() / 100 == 2) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < until);
    throw new AssertionError(path + " refused: " + answer.statusCode() + " " + answer.body());
  }

  /** Copies the mail server holds now, read while the node keeps sending. */
  private static int received() {
    while (true) {
      try {
        return mail.getReceivedMessages().length;
      } catch (java.util.ConcurrentModificationException arriving) {
        // read again
      }
    }
  }

  private static String ticket(String name) {
    return """
        {"priority":"high","category":"outage","account":"Realclock %s AS","contactName":"Ole Hansen",
         "contactEmail":"ole@%s.example","country":"DE","description":"Nothing loads (%s)"}"""
        .formatted(name, name.toLowerCase(), name);
  }

  private static JsonNode created(Http http, String path, String body) throws IOException {
    return created(http, path, body, 201);
  }

  private static JsonNode created(Http http, String path, String body, int status) throws IOException {
    return json(http.postJson(path, body, "admin", ADMIN_PASSWORD), status);
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private static Set<String> strings(Connection db, String query) throws SQLException {
    Set<String> values = new HashSet<>();
    try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static String quoted(List<Visit> visits) {
    return String.join(",", visits.stream().map(v -> "'" + v.id() + "'").toList());
  }

  private static String sql(Instant instant) {
    return "TIMESTAMP WITH TIME ZONE '" + instant + "'";
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
