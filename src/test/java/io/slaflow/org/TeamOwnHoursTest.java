package io.slaflow.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A team's hours of its own, as an administrator keeps them in {@code /api/org}: a short Friday, a half day on
 * Christmas Eve, a company holiday on New Year's Eve, on top of Berlin's public holidays; each change in the team's
 * calendar history, and the resulting days shown for checking.
 */
class TeamOwnHoursTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWN_HOURS = """
      {"weekdays": {"FRIDAY": "09:00-13:00"},
       "dates": [{"date": "2026-12-24", "hours": "09:00-12:00", "note": "Christmas Eve"},
                 {"date": "2026-12-31", "hours": "closed", "note": "New Year's Eve"}%s]}""";

  @Autowired Organisation organisation;
  private Http http;
  private String teamId;

  @BeforeEach
  void client() {
    http = new Http(port);
    teamId = "team-hours-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String team(String ownHours) {
    return """
        {"name": "Own hours", "timeZone": "Europe/Berlin", "opens": "09:00", "closes": "18:00",
         "workingDays": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "holidayCountry": "DE",
         "holidayRegion": "be", "ownHours": %s}""".formatted(ownHours);
  }

  private HttpResponse<String> put(String body, String user, String password) {
    return http.putJson("/api/org/teams/" + teamId, body, user, password);
  }

  private List<String> days(String from, String to) throws Exception {
    HttpResponse<String> answer = http.get("/api/org/teams/" + teamId + "/calendar?from=" + from + "&to=" + to,
        "admin", ADMIN_PASSWORD);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<String> days = new ArrayList<>();
    JSON.readTree(answer.body()).get("days").forEach(day -> days.add(day.get("date").asText() + " "
        + (day.has("opens") ? day.get("opens").asText() + "-" + day.get("closes").asText() : "closed")
        + " (" + day.get("why").asText() + ")"));
    return days;
  }

  @Test
  void anAdministratorKeepsATeamsOwnHoursAndChecksTheDaysTheyMake() throws Exception {
    assertThat(put(team(OWN_HOURS.formatted("")), "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);

    assertThat(days("2026-12-21", "2027-01-01")).containsExactly(
        "2026-12-21 09:00-18:00 (standard hours)",
        "2026-12-22 09:00-18:00 (standard hours)",
        "2026-12-23 09:00-18:00 (standard hours)",
        "2026-12-24 09:00-12:00 (hours of its own: Christmas Eve)",
        "2026-12-25 closed (public holiday)",
        "2026-12-26 closed (public holiday)",
        "2026-12-27 closed (day off)",
        "2026-12-28 09:00-18:00 (standard hours)",
        "2026-12-29 09:00-18:00 (standard hours)",
        "2026-12-30 09:00-18:00 (standard hours)",
        "2026-12-31 closed (company holiday: New Year's Eve)",
        "2027-01-01 closed (public holiday)");
    JsonNode week = JSON.readTree(http.get("/api/org/teams/" + teamId + "/calendar?from=2026-11-23&to=2026-11-29",
        "admin", ADMIN_PASSWORD).body());
    assertThat(week.get("workingTime").asText()).as("four days of 9 h and a Friday of 4 h").isEqualTo("PT40H");
    assertThat(week.get("days").get(4).get("why").asText()).isEqualTo("weekday hours");
    // The SLA clock plans on the same calendar.
    assertThat(organisation.calendar(teamId).hoursOn(LocalDate.of(2026, 12, 31))).isEmpty();

    // Each change is in the team's history, newest first; writing the same calendar again is no change.
    assertThat(put(team(OWN_HOURS.formatted(", {\"date\": \"2026-12-30\", \"hours\": \"closed\"}")), "admin",
        ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(put(team(OWN_HOURS.formatted(", {\"date\": \"2026-12-30\", \"hours\": \"closed\"}")), "admin",
        ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    JsonNode changes = JSON.readTree(http.get("/api/org/teams/" + teamId + "/calendar/changes", "admin",
        ADMIN_PASSWORD).body());
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).get("changedBy").asText()).isEqualTo("admin");
    assertThat(changes.get(0).get("version").asLong()).isGreaterThan(changes.get(1).get("version").asLong());
    assertThat(changes.get(0).at("/calendar/ownHours/dates")).hasSize(3);
    assertThat(changes.get(1).at("/calendar/ownHours/dates")).hasSize(2);
    assertThat(days("2026-12-30", "2026-12-30")).containsExactly("2026-12-30 closed (company holiday)");
  }

  @Test
  void hoursThatCannotBeAreRefusedFieldByFieldAndOnlyAdministratorsChangeThem() throws Exception {
    assertThat(put(team(OWN_HOURS.formatted("")), "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);
    String before = http.get("/api/org/teams/" + teamId + "/calendar/changes", "admin", ADMIN_PASSWORD).body();

    HttpResponse<String> refused = put(team("""
        {"weekdays": {"FRIDAY": "13:00-09:00", "SATURDAY": "noon"},
         "dates": [{"date": "2026-12-24", "hours": "09:00-12:00"}, {"date": "2026-12-24", "hours": "closed"},
                   {"date": "2026-12-31", "hours": "all day"}]}"""), "admin", ADMIN_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("errors").findValuesAsText("field"))
        .containsExactly("ownHours.dates[2].hours", "ownHours.weekdays[SATURDAY]");
    HttpResponse<String> clash = put(team("""
        {"weekdays": {"FRIDAY": "13:00-09:00"},
         "dates": [{"date": "2026-12-24", "hours": "09:00-12:00"}, {"date": "2026-12-24", "hours": "closed"}]}"""),
        "admin", ADMIN_PASSWORD);
    assertThat(clash.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(clash.body()).get("errors").findValuesAsText("field"))
        .containsExactly("ownHours.weekdays.FRIDAY", "ownHours.dates[1].date");

    // The people the calendar measures do not move it, nor do their managers.
    assertThat(put(team("null"), "ben.keller", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(put(team("null"), "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/org/teams/" + teamId + "/calendar", "anna.berg", DEMO_PASSWORD).statusCode())
        .isEqualTo(403);
    assertThat(http.get("/api/org/teams/" + teamId + "/calendar/changes", "admin", ADMIN_PASSWORD).body())
        .isEqualTo(before);
    assertThat(days("2026-12-24", "2026-12-24")).containsExactly(
        "2026-12-24 09:00-12:00 (hours of its own: Christmas Eve)");
    assertThat(http.get("/api/org/teams/" + teamId + "/calendar?from=2026-01-01&to=2027-06-01", "admin",
        ADMIN_PASSWORD).statusCode()).isEqualTo(400);
    assertThat(http.get("/api/org/teams/no-such-team/calendar", "admin", ADMIN_PASSWORD).statusCode())
        .isEqualTo(404);
  }
}
