package io.slaflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
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
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one PostgreSQL database: a team's calendar changed through one node is the calendar the other plans
 * its next lead on, without a restart, while the lead it planned before keeps its due time.
 *
 * <p>The nodes run on the real clock, so the team works twelve hours every day, first 00:00-12:00 UTC and then, by a
 * change of zone alone, 12:00-24:00 UTC. The two calendars are open at opposite halves of the day: whatever the time
 * the test runs at, a lead planned on the wrong one falls due hours away from the right one.
 */
class ClusterCalendarTest {

  private static final String DATABASE = TestPostgres.PREFIX + "_calendar";
  private static final String ADMIN_PASSWORD = "calendar-admin-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Midnight to noon UTC; in UTC-12 ("Etc/GMT+12": the sign is POSIX's) the same hours are noon to midnight UTC. */
  private static final String FIRST_ZONE = "UTC";
  private static final String SECOND_ZONE = "Etc/GMT+12";

  @RegisterExtension static final GreenMailExtension mail = new GreenMailExtension(SlaflowTest.SMTP);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aZoneChangedThroughOneNodeIsTheCalendarOfTheOthersNextLead() throws Exception {
    TestPostgres.fresh(DATABASE);
    // One after the other: both would otherwise create the schema at once.
    try (Node one = Node.start("calendar-1", DATABASE, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, Map.of())
        .awaitUp(Duration.ofMinutes(3));
        Node two = Node.start("calendar-2", DATABASE, SlaflowTest.SMTP.getPort(), ADMIN_PASSWORD, Map.of())
            .awaitUp(Duration.ofMinutes(3));
        Connection db = DriverManager.getConnection(TestPostgres.SERVER + DATABASE, "postgres", "")) {
      putBerlinHalfDays(one, FIRST_ZONE);
      // Node two plans on the first calendar and holds it in memory.
      Visit first = firstContact(db, createLead(two, "Calendar First"));
      assertThat(first.dueAt()).as("open 00:00-12:00 UTC").isEqualTo(dueOnHalfDays(first, 0));

      putBerlinHalfDays(one, SECOND_ZONE);
      Visit second = firstContact(db, createLead(two, "Calendar Second"));

      assertThat(second.dueAt()).as("open 12:00-24:00 UTC, as changed through node one")
          .isEqualTo(dueOnHalfDays(second, 12));
      assertThat(firstContact(db, first.leadId()).dueAt()).as("planned before the change")
          .isEqualTo(first.dueAt());

      // A company holiday over the next four days, kept through node one: node two's next lead waits for the day
      // after, whenever in these days it comes.
      LocalDate today = LocalDate.now(ZoneId.of(SECOND_ZONE));
      List<Map<String, String>> closed = List.of(0, 1, 2, 3).stream()
          .map(day -> Map.of("date", today.plusDays(day).toString(), "hours", "closed", "note", "Offsite")).toList();
      putBerlinHalfDays(one, SECOND_ZONE, Map.of("dates", closed));
      Visit third = firstContact(db, createLead(two, "Calendar Third"));
      assertThat(third.dueAt()).as("4 business hours from the first opening after the company holiday")
          .isEqualTo(today.plusDays(4).atStartOfDay(ZoneId.of(SECOND_ZONE)).toInstant().plus(third.target()));
    }
  }

  /** The first-contact visit of a lead as the SLA record has it. */
  private record Visit(String leadId, Instant startedAt, Duration target, Instant dueAt) {}

  /**
   * When a visit falls due on a calendar open twelve hours a day from {@code opensUtc} o'clock UTC, every day, no
   * holidays: its target of business time counted from its start, or from the next opening if closed then, a result
   * at closing time staying there.
   */
  private static Instant dueOnHalfDays(Visit visit, int opensUtc) {
    Instant start = visit.startedAt();
    Instant opening = start.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(opensUtc));
    if (opening.isAfter(start)) {
      opening = opening.minus(Duration.ofDays(1));
    }
    Instant closing = opening.plus(Duration.ofHours(12));
    if (!start.isBefore(closing)) {
      start = opening.plus(Duration.ofDays(1));
      closing = start.plus(Duration.ofHours(12));
    }
    Instant due = start.plus(visit.target());
    return due.isAfter(closing) ? due.plus(Duration.ofHours(12)) : due;
  }

  /** Team Berlin (which routing gives German leads) at work 00:00-12:00 every day in {@code zone}, no holidays. */
  private void putBerlinHalfDays(Node node, String zone) throws Exception {
    putBerlinHalfDays(node, zone, Map.of());
  }

  /** The same, with hours of the team's own. */
  private void putBerlinHalfDays(Node node, String zone, Map<String, ?> ownHours) throws Exception {
    String team = JSON.writeValueAsString(Map.of("name", "EMEA Inside Sales (Berlin)", "timeZone", zone,
        "opens", "00:00", "closes", "12:00", "managerId", "anna.berg", "workingDays",
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"), "ownHours", ownHours));
    HttpResponse<String> answer = http.send(request(node, "/api/org/teams/team-berlin")
        .PUT(HttpRequest.BodyPublishers.ofString(team)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  /** A demo request from Germany; returns the lead's id. */
  private String createLead(Node node, String name) throws Exception {
    String lead = JSON.writeValueAsString(Map.of("name", name, "email", "calendar@cluster.example", "country", "DE",
        "source", "demo-request"));
    HttpResponse<String> answer = http.send(request(node, "/api/leads")
        .POST(HttpRequest.BodyPublishers.ofString(lead)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return JSON.readTree(answer.body()).get("leadId").asText();
  }

  private static Visit firstContact(Connection db, String leadId) throws Exception {
    try (PreparedStatement query = db.prepareStatement("SELECT started_at, target, due_at FROM sla_record"
        + " WHERE unit = 'lead-routing' AND stage = 'first-contact' AND record_id = ?")) {
      query.setString(1, leadId);
      try (ResultSet rs = query.executeQuery()) {
        assertThat(rs.next()).as("the lead's first-contact visit").isTrue();
        Visit visit = new Visit(leadId, rs.getTimestamp("started_at").toInstant(),
            Duration.parse(rs.getString("target")), rs.getTimestamp("due_at").toInstant());
        assertThat(rs.next()).as("one visit").isFalse();
        return visit;
      }
    }
  }

  private static HttpRequest.Builder request(Node node, String path) {
    return HttpRequest.newBuilder(URI.create(node.url(path))).header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }
}
