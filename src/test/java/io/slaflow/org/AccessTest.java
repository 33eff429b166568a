package io.slaflow.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each role through the engine REST API: reps see their own work, managers their teams', nobody more. */
class AccessTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  private Http http;
  private LeadIntake.Created berlinLead;
  private String taskId;

  @BeforeEach
  void aBerlinLead() {
    http = new Http(port);
    berlinLead = createLead(uniqueName("Access"), "DE", "web-form", "medium", "crm-suite");
    taskId = stageTask(berlinLead.processInstanceId(), "Task_MakeFirstContact").getId();
  }

  private int status(String path, String user) {
    return http.get(path, user, DEMO_PASSWORD).statusCode();
  }

  @Test
  void aRepOfAnotherTeamCannotSeeOrClaimTheTask() {
    assertThat(status("/engine-rest/task/" + taskId, "olivia.reed")).isEqualTo(404);
    HttpResponse<String> claim = http.postJson("/engine-rest/task/" + taskId + "/claim",
        "{\"userId\": \"olivia.reed\"}", "olivia.reed", DEMO_PASSWORD);
    assertThat(claim.statusCode()).isIn(403, 404);
    assertThat(stageTask(berlinLead.processInstanceId(), "Task_MakeFirstContact").getAssignee())
        .isEqualTo(berlinLead.owner());
  }

  @Test
  void aRepOfAnotherTeamCannotCompleteTheTaskNorReadLeadsThroughOurApi() {
    HttpResponse<String> complete = http.postJson("/engine-rest/task/" + taskId + "/complete", "{}",
        "olivia.reed", DEMO_PASSWORD);
    assertThat(complete.statusCode()).isIn(403, 404);
    assertThat(status("/api/leads/" + berlinLead.leadId(), "olivia.reed")).isEqualTo(403);
    assertThat(status("/api/leads/" + berlinLead.leadId(), berlinLead.owner())).as("reps use Tasklist")
        .isEqualTo(403);
  }

  @Test
  void processOwnersDeployThroughTheRestApiAndRepsAndManagersCannot() throws Exception {
    String bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://slaflow.io/probe">
          <process id="access-probe" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="StartEvent_Probe" />
          </process>
        </definitions>""";
    String ownerId = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    org.camunda.bpm.engine.identity.User owner = identityService.newUser(ownerId);
    owner.setPassword(DEMO_PASSWORD);
    identityService.saveUser(owner);
    identityService.createMembership(ownerId, IdentitySync.PROCESS_OWNERS);
    try {
      for (String user : List.of("clara.vogel", "anna.berg")) {
        assertThat(http.postFile("/engine-rest/deployment/create", "probe.bpmn", bpmn, user, DEMO_PASSWORD)
            .statusCode()).as(user).isEqualTo(403);
      }
      HttpResponse<String> deployed = http.postFile("/engine-rest/deployment/create", "probe.bpmn", bpmn, ownerId,
          DEMO_PASSWORD);
      assertThat(deployed.statusCode()).isEqualTo(200);
      // The probe is no process of ours: gone again, so that no other test finds it among the deployed processes.
      repositoryService.deleteDeployment(JSON.readTree(deployed.body()).get("id").asText(), true);
    } finally {
      identityService.deleteUser(ownerId);
    }
  }

  @Test
  void aRepCannotRewriteTheVariablesThatDriveTheLadder() {
    HttpResponse<String> response = http.putJson(
        "/engine-rest/task/" + taskId + "/variables/slaCopyManagerOnBreach",
        "{\"value\": false, \"type\": \"Boolean\"}", berlinLead.owner(), DEMO_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(runtimeService.getVariable(berlinLead.processInstanceId(), "slaCopyManagerOnBreach")).isEqualTo(true);
  }

  @Test
  void aManagerSeesTheirTeamsWorkAndNotAnothers() {
    assertThat(status("/engine-rest/task/" + taskId, "anna.berg")).isEqualTo(200);
    assertThat(status("/engine-rest/process-instance/" + berlinLead.processInstanceId(), "anna.berg"))
        .isEqualTo(200);

    assertThat(status("/engine-rest/task/" + taskId, "maria.lopez")).isEqualTo(404);
    assertThat(status("/engine-rest/process-instance/" + berlinLead.processInstanceId(), "maria.lopez"))
        .isEqualTo(404);
  }

  @Test
  void aManagerHandsTheirTeamsTaskToAnotherRepWhoBecomesItsOwner() {
    String other = berlinLead.owner().equals("clara.vogel") ? "david.wolf" : "clara.vogel";

    HttpResponse<String> handed = http.postJson("/engine-rest/task/" + taskId + "/assignee",
        "{\"userId\": \"" + other + "\"}", "anna.berg", DEMO_PASSWORD);

    assertThat(handed.statusCode()).isEqualTo(204);
    assertThat(status("/engine-rest/task/" + taskId, other)).isEqualTo(200);
    assertThat(status("/engine-rest/task/" + taskId, berlinLead.owner())).as("the previous owner").isEqualTo(404);
    assertThat(runtimeService.getVariable(berlinLead.processInstanceId(), "owner")).isEqualTo(other);
    assertThat(records(berlinLead.leadId()).get(0).ownerId()).isEqualTo(other);
    assertThat(http.postJson("/engine-rest/task/" + taskId + "/assignee", "{\"userId\": \"noah.price\"}",
        "maria.lopez", DEMO_PASSWORD).statusCode()).as("another team's manager").isIn(403, 404);
  }

  @Test
  void onceARepClaimsAQueuedTaskTheirTeammatesNoLongerSeeIt() {
    String pid = berlinLead.processInstanceId();
    for (int lapse = 0; lapse < 3; lapse++) {
      fireTimer(pid, "Timer_Reassign");
    }
    String queued = stageTask(pid, "Task_MakeFirstContact").getId();
    for (String rep : List.of("ben.keller", "clara.vogel", "david.wolf")) {
      assertThat(status("/engine-rest/task/" + queued, rep)).as(rep + " sees the queue").isEqualTo(200);
    }

    HttpResponse<String> claim = http.postJson("/engine-rest/task/" + queued + "/claim",
        "{\"userId\": \"clara.vogel\"}", "clara.vogel", DEMO_PASSWORD);

    assertThat(claim.statusCode()).isEqualTo(204);
    assertThat(status("/engine-rest/task/" + queued, "clara.vogel")).isEqualTo(200);
    assertThat(status("/engine-rest/task/" + queued, "ben.keller")).isEqualTo(404);
    assertThat(http.postJson("/engine-rest/task/" + queued + "/complete", "{}", "ben.keller", DEMO_PASSWORD)
        .statusCode()).isIn(403, 404);
    assertThat(status("/engine-rest/task/" + queued, "anna.berg")).as("the team's manager").isEqualTo(200);
  }

  @Test
  void anIntakeSystemCannotReachTheOrganisationApiByAnyPathSpelling() throws Exception {
    identityService.saveUser(identityService.newUser("webform"));
    org.camunda.bpm.engine.identity.User user = identityService.createUserQuery().userId("webform").singleResult();
    user.setPassword(DEMO_PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership("webform", IdentitySync.INTAKE);

    for (String path : List.of("/api/org/teams", "/api/org;x=1/teams", "/api/%6Frg/teams", "/api/leads/../org/teams")) {
      assertThat(http.get(path, "webform", DEMO_PASSWORD).statusCode()).as(path).isIn(400, 403, 404);
    }
    HttpResponse<String> own = http.postJson("/api/leads", """
        {"name": "Jane Doe", "email": "jane@acme.example", "country": "DE", "source": "web-form"}""", "webform",
        DEMO_PASSWORD);
    assertThat(own.statusCode()).isEqualTo(201);
    assertThat(status("/api/leads/" + JSON.readTree(own.body()).get("leadId").asText(), "webform")).isEqualTo(200);
    assertThat(status("/api/leads/" + berlinLead.leadId(), "webform")).as("not created by it").isEqualTo(404);
  }

  @Test
  void eachRoleSeesItsFilters() throws Exception {
    assertThat(filterNames("ben.keller")).containsExactlyInAnyOrder("My work", "At risk", "Breached", "Team queue");
    assertThat(filterNames("anna.berg"))
        .containsExactlyInAnyOrder("My work", "At risk", "Breached", "Team queue", "Escalations");
  }

  @Test
  void theAtRiskAndBreachedFiltersFollowTheClock() throws Exception {
    String owner = berlinLead.owner();
    assertThat(filterList("At risk", owner)).doesNotContain(taskId);

    fireTimer(berlinLead.processInstanceId(), "Timer_SlaWarning");
    assertThat(filterList("At risk", owner)).contains(taskId);
    assertThat(filterList("At risk", "anna.berg")).as("the team's manager").contains(taskId);
    assertThat(filterList("At risk", "maria.lopez")).as("another team's manager").doesNotContain(taskId);

    fireTimer(berlinLead.processInstanceId(), "Timer_SlaBreach");
    assertThat(filterList("At risk", owner)).doesNotContain(taskId);
    assertThat(filterList("Breached", owner)).contains(taskId);
  }

  @Test
  void repsAndManagersCannotCreateFilters() {
    for (String user : List.of("clara.vogel", "anna.berg")) {
      HttpResponse<String> response = http.postJson("/engine-rest/filter/create",
          "{\"resourceType\": \"Task\", \"name\": \"Mine\", \"query\": {}}", user, DEMO_PASSWORD);
      assertThat(response.statusCode()).as(user).isEqualTo(403);
    }
  }

  @Test
  void expressionsInAdHocTaskQueriesAreRefused() {
    String expression = URLEncoder.encode("${currentUser()}", StandardCharsets.UTF_8);

    HttpResponse<String> response =
        http.get("/engine-rest/task?assigneeExpression=" + expression, "clara.vogel", DEMO_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).containsIgnoringCase("expression");
  }

  private List<String> filterNames(String user) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    JSON.readTree(http.get("/engine-rest/filter", user, DEMO_PASSWORD).body())
        .forEach(filter -> names.add(filter.get("name").asText()));
    return names;
  }

  private List<String> filterList(String filterName, String user) throws Exception {
    String filterId = JSON.readTree(http.get("/engine-rest/filter?name="
        + URLEncoder.encode(filterName, StandardCharsets.UTF_8), user, DEMO_PASSWORD).body()).get(0).get("id").asText();
    return JSON.readTree(http.get("/engine-rest/filter/" + filterId + "/list", user, DEMO_PASSWORD).body())
        .findValuesAsText("id");
  }
}
