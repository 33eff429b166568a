package io.slaflow.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /api/org}: an administrator manages teams and people, and Camunda's users and groups follow. */
class OrgApiTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LONDON = """
      {"name": "UK Inside Sales", "timeZone": "Europe/London", "opens": "08:30", "closes": "17:30",
       "workingDays": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "holidayCountry": "GB"}""";

  @Autowired IdentityService identityService;
  @Autowired Organisation organisation;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private HttpResponse<String> put(String path, String json) {
    return http.putJson(path, json, "admin", ADMIN_PASSWORD);
  }

  @Test
  void anAdministratorCreatesATeamAndARepWhoCanLogInAtOnce() throws Exception {
    assertThat(put("/api/org/teams/team-london", LONDON).statusCode()).isIn(200, 201);

    HttpResponse<String> created = put("/api/org/people/liam.hughes", """
        {"firstName": "Liam", "lastName": "Hughes", "email": "liam.hughes@slaflow.example", "role": "REP",
         "teamId": "team-london", "territories": ["GB"], "capacity": 12}""");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    assertThat(body.at("/person/capacity").asInt()).isEqualTo(12);
    String password = body.get("initialPassword").asText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(identityService.checkPassword("liam.hughes", password)).isTrue();
    assertThat(identityService.createGroupQuery().groupMember("liam.hughes").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("team-london", IdentitySync.REPS);

    HttpResponse<String> teams = http.get("/api/org/teams", "admin", ADMIN_PASSWORD);
    assertThat(teams.body()).contains("\"id\":\"team-london\"").contains("liam.hughes");
  }

  @Test
  void changingAPersonsTeamAndRoleMovesTheirGroups() throws Exception {
    put("/api/org/teams/team-london", LONDON);
    put("/api/org/people/ella.shaw", """
        {"firstName": "Ella", "lastName": "Shaw", "email": "ella.shaw@slaflow.example", "role": "REP",
         "teamId": "team-berlin"}""");

    HttpResponse<String> updated = put("/api/org/people/ella.shaw", """
        {"firstName": "Ella", "lastName": "Shaw", "email": "ella.shaw@slaflow.example", "role": "MANAGER",
         "teamId": "team-london", "reportsTo": "sofia.klein"}""");

    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(updated.body()).has("initialPassword")).as("shown only once").isFalse();
    assertThat(identityService.createGroupQuery().groupMember("ella.shaw").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("team-london", "team-london-managers", IdentitySync.MANAGERS);
  }

  @Test
  void aProcessOwnerIsAPersonOfTheOrganisationWhoReadsReportsAndWorksNoQueue() throws Exception {
    String id = "owner-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = put("/api/org/people/" + id, """
        {"firstName": "Olga", "lastName": "Owner", "email": "olga.owner@slaflow.example", "role": "PROCESS_OWNER",
         "teamId": "team-leadership"}""");
    try {
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String password = JSON.readTree(created.body()).get("initialPassword").asText();
      // Not in the team's group: the team's tasks are offered to it.
      assertThat(identityService.createGroupQuery().groupMember(id).list()).extracting(Group::getId)
          .containsExactly(IdentitySync.PROCESS_OWNERS);
      assertThat(http.get("/api/reports/adherence?groupBy=team", id, password).statusCode()).isEqualTo(200);
      assertThat(http.get("/engine-rest/deployment?sortBy=deploymentTime&sortOrder=desc&maxResults=1", id, password)
          .statusCode()).as("reads the deployments in Cockpit and the Modeler").isEqualTo(200);
      assertThat(put("/api/org/people/" + id, """
          {"firstName": "Olga", "lastName": "Owner", "email": "olga.owner@slaflow.example", "role": "REP",
           "teamId": "team-berlin"}""").statusCode()).isEqualTo(200);
      assertThat(identityService.createGroupQuery().groupMember(id).list()).as("a process owner no more")
          .extracting(Group::getId).containsExactlyInAnyOrder("team-berlin", IdentitySync.REPS);
    } finally {
      forgetPerson(id);
      identityService.deleteUser(id);
    }
  }

  @Test
  void theManagersGroupFollowsWhoManagesTheTeam() {
    put("/api/org/teams/team-dublin", LONDON.replace("UK Inside Sales", "Dublin"));
    put("/api/org/people/niamh.byrne", """
        {"firstName": "Niamh", "lastName": "Byrne", "email": "niamh@slaflow.example", "role": "MANAGER",
         "teamId": "team-dublin"}""");
    put("/api/org/teams/team-dublin", LONDON.replace("UK Inside Sales", "Dublin")
        .replace("\"holidayCountry\": \"GB\"", "\"holidayCountry\": \"GB\", \"managerId\": \"niamh.byrne\""));
    assertThat(members("team-dublin-managers")).containsExactly("niamh.byrne");

    put("/api/org/teams/team-dublin", LONDON.replace("UK Inside Sales", "Dublin")
        .replace("\"holidayCountry\": \"GB\"", "\"holidayCountry\": \"GB\", \"managerId\": \"anna.berg\""));

    assertThat(members("team-dublin-managers")).as("anna manages Dublin too").contains("anna.berg");
    assertThat(members("team-berlin-managers")).contains("anna.berg");
  }

  private java.util.List<String> members(String group) {
    return identityService.createUserQuery().memberOfGroup(group).list().stream()
        .map(org.camunda.bpm.engine.identity.User::getId).toList();
  }

  @Test
  void invalidTeamsAndPeopleAreRefusedNamingEachField() throws Exception {
    HttpResponse<String> team = put("/api/org/teams/team-mars", """
        {"name": "x", "timeZone": "Mars/Olympus", "opens": "18:00", "closes": "09:00", "workingDays": ["FUNDAY"],
         "holidayCountry": "DE", "holidayRegion": "xx"}""");
    assertThat(team.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(team.body()).get("errors").findValuesAsText("field"))
        .contains("workingDays[0]");

    HttpResponse<String> semantic = put("/api/org/teams/team-mars", """
        {"name": "x", "timeZone": "Mars/Olympus", "opens": "18:00", "closes": "09:00", "workingDays": ["MONDAY"],
         "holidayCountry": "DE", "holidayRegion": "xx"}""");
    assertThat(semantic.statusCode()).isEqualTo(400);
    assertThat(semantic.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(semantic.body()).get("errors").findValuesAsText("field"))
        .containsExactly("timeZone", "closes", "holidayRegion");

    HttpResponse<String> person = put("/api/org/people/Bad.Id", """
        {"firstName": "", "lastName": "X", "email": "nope", "role": "REP", "teamId": "team-nowhere"}""");
    assertThat(person.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(person.body()).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("email", "firstName");

    HttpResponse<String> unknown = put("/api/org/people/Bad.Id", """
        {"firstName": "A", "lastName": "X", "email": "a@x.example", "role": "REP", "teamId": "team-nowhere"}""");
    assertThat(JSON.readTree(unknown.body()).get("errors").findValuesAsText("field"))
        .containsExactly("id", "teamId");

    assertThat(put("/api/org/teams/managers", LONDON).statusCode()).as("a role group's id").isEqualTo(400);
    HttpResponse<String> admin = put("/api/org/people/admin", """
        {"firstName": "A", "lastName": "X", "email": "a@x.example", "role": "REP", "teamId": "team-berlin"}""");
    assertThat(admin.statusCode()).isEqualTo(400);
    assertThat(admin.body()).contains("outside the organisation");

    HttpResponse<String> role = put("/api/org/people/bad.role", """
        {"firstName": "A", "lastName": "X", "email": "a@x.example", "role": "BOSS", "teamId": "team-berlin"}""");
    assertThat(role.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(role.body()).get("errors").findValuesAsText("field")).containsExactly("role");
  }

  @Test
  void aTeamsSlackWebhookMustBeHttpsAndIsNeverShownBack() throws Exception {
    String webhook = "https://hooks.slack.com/services/T0001/B0001/s3cr3tT0k3n";
    String withWebhook = LONDON.replace("UK Inside Sales", "Oslo").replace("\"holidayCountry\": \"GB\"",
        "\"holidayCountry\": \"GB\", \"slackWebhookUrl\": \"%s\"");

    for (String bad : new String[] {"http://hooks.slack.com/services/x", "hooks.slack.com/services/x",
        "ftp://localhost/x", "https://user:pw@hooks.slack.com/x"}) {
      HttpResponse<String> refused = put("/api/org/teams/team-oslo", withWebhook.formatted(bad));
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readTree(refused.body()).get("errors").findValuesAsText("field"))
          .containsExactly("slackWebhookUrl");
    }

    HttpResponse<String> created = put("/api/org/teams/team-oslo", withWebhook.formatted(webhook));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).at("/team/slackWebhook").asText())
        .as("scheme and host only").isEqualTo("https://hooks.slack.com/...");
    assertThat(created.body()).doesNotContain("s3cr3t");
    assertThat(http.get("/api/org/teams", "admin", ADMIN_PASSWORD).body()).doesNotContain("s3cr3t");
    assertThat(organisation.requireTeam("team-oslo").slackWebhookUrl()).isEqualTo(webhook);

    put("/api/org/teams/team-oslo", LONDON.replace("UK Inside Sales", "Oslo Sales"));
    assertThat(organisation.requireTeam("team-oslo").slackWebhookUrl()).as("left out: kept").isEqualTo(webhook);
    put("/api/org/teams/team-oslo", withWebhook.formatted(""));
    assertThat(organisation.requireTeam("team-oslo").slackWebhookUrl()).as("empty: removed").isNull();
    assertThat(put("/api/org/teams/team-oslo", withWebhook.formatted("http://127.0.0.1:8099/hook")).statusCode())
        .as("a receiver on this machine").isEqualTo(200);
  }

  @Test
  void onlyAdministratorsMayChangeTheOrganisation() {
    assertThat(http.get("/api/org/teams", null, null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/org/teams", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.putJson("/api/org/teams/team-berlin", LONDON, "ben.keller", DEMO_PASSWORD).statusCode())
        .isEqualTo(403);
  }
}
