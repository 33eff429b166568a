package io.slaflow.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.IdentitySync;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaVariables;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.WebappSession;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The people an SLA measures cannot move it: each role tries, through every door (the engine REST API, the API the
 * Tasklist and Cockpit pages call, our JSON API, the Java API in their name), what it must not do to a lead's first
 * contact stage, and each attempt is refused with nothing changed: not the process variables, not the SLA records,
 * not the task's owner, not the ladder's timers.
 */
class LadderIntegrityTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FULL_FORM = """
      "channel": {"value": "phone"}, "outcome": {"value": "connected"},
      "nextStep": {"value": "Send the pricing sheet"}, "nextStepDate": {"value": "2026-12-04"}""";

  @Autowired IdentityService identityService;
  private Http http;
  private LeadIntake.Created lead;
  private LeadIntake.Created colleaguesLead;
  private String taskId;
  private String processOwner;

  @BeforeEach
  void aBerlinLeadOnATuesdayMorning() {
    clearOpenWork();
    clockAt(LocalDateTime.of(2026, 11, 24, 10, 0), BERLIN);
    http = new Http(port);
    lead = createLead(uniqueName("Integrity"), "DE", "web-form", "medium", "crm-suite");
    colleaguesLead = createLead(uniqueName("Integrity"), "DE", "web-form", "medium", "crm-suite");
    assertThat(colleaguesLead.owner()).as("round robin").isNotEqualTo(lead.owner());
    taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
    processOwner = "owner-" + uniqueName("p").substring(2).toLowerCase();
    User owner = identityService.newUser(processOwner);
    owner.setPassword(DEMO_PASSWORD);
    identityService.saveUser(owner);
    identityService.createMembership(processOwner, IdentitySync.PROCESS_OWNERS);
  }

  @AfterEach
  void forgetProcessOwner() {
    identityService.clearAuthentication();
    identityService.deleteUser(processOwner);
  }

  /** What a manager reading the lead later would see: variables, SLA records, owner, timers. */
  private record State(Map<String, Object> variables, List<SlaRecord> records, List<SlaRecord> colleagues,
      String assignee, List<String> jobs) {}

  private State state() {
    return new State(new TreeMap<>(runtimeService.getVariables(lead.processInstanceId())), records(lead.leadId()),
        records(colleaguesLead.leadId()), stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getAssignee(),
        managementService.createJobQuery().processInstanceId(lead.processInstanceId()).orderByJobId().asc().list()
            .stream().map(j -> j.getId() + " " + j.getDuedate().toInstant() + " retries " + j.getRetries()
                + (j.isSuspended() ? " suspended" : "")).toList());
  }

  private String anotherBerlinRep() {
    return Stream.of("ben.keller", "clara.vogel", "david.wolf").filter(r -> !r.equals(lead.owner())).findFirst()
        .orElseThrow();
  }

  // ---- the rep whose task it is -------------------------------------------------------------------------------

  @Test
  void aRepCannotCompleteTheirTaskWithTheLaddersVariables() {
    State before = state();
    String colleaguesRecord = records(colleaguesLead.leadId()).get(0).id();
    Map<String, String> attempts = Map.of(
        SlaVariables.RECORD_ID.name(), "\"" + colleaguesRecord + "\"",
        RoutingVariables.OWNER.name(), "\"olivia.reed\"",
        RoutingVariables.TEAM_ID.name(), "\"team-new-york\"",
        RoutingVariables.MANAGER_ID.name(), "\"" + lead.owner() + "\"",
        "priority", "\"low\"",
        SlaVariables.DUE_AT.name(), "\"2099-01-01T00:00:00.000+0000\"");
    for (Map.Entry<String, String> attempt : attempts.entrySet()) {
      for (String door : List.of("complete", "submit-form")) {
        HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/" + door,
            "{\"variables\": {" + FULL_FORM + ", \"" + attempt.getKey() + "\": {\"value\": " + attempt.getValue()
                + "}}}", lead.owner(), DEMO_PASSWORD);
        assertThat(refused.statusCode()).as(door + " with " + attempt.getKey()).isEqualTo(400);
        assertThat(message(refused)).endsWith(": '" + attempt.getKey()
            + "' is not a field of the form of 'Make first contact': a task takes only the fields its form shows");
      }
    }
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aRepCannotSetOrRemoveTheLaddersVariablesOnTheirTask() {
    State before = state();
    assertThat(http.putJson("/engine-rest/task/" + taskId + "/variables/" + SlaVariables.DUE_AT.name(),
        "{\"value\": \"2099-01-01T00:00:00.000+0000\", \"type\": \"Date\"}", lead.owner(), DEMO_PASSWORD)
        .statusCode()).isEqualTo(403);
    assertThat(http.postJson("/engine-rest/task/" + taskId + "/variables",
        "{\"modifications\": {\"owner\": {\"value\": \"olivia.reed\"}}, \"deletions\": [\"slaRecordId\"]}",
        lead.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.delete("/engine-rest/task/" + taskId + "/variables/" + SlaVariables.RECORD_ID.name(), lead.owner(),
        DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.putJson("/engine-rest/task/" + taskId + "/localVariables/" + RoutingVariables.TEAM_ID.name(),
        "{\"value\": \"team-new-york\"}", lead.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aRepCannotSendValuesTheFormWouldNotProduce() {
    State before = state();
    HttpResponse<String> tooLong = http.postJson("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {" + FULL_FORM.replace("Send the pricing sheet", "x".repeat(4001)) + "}}", lead.owner(),
        DEMO_PASSWORD);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(message(tooLong))
        .endsWith(": 'nextStep' of 'Make first contact' must be at most 500 characters (4001 given)");
    HttpResponse<String> object = http.postJson("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {" + FULL_FORM.replace("{\"value\": \"Send the pricing sheet\"}",
            "{\"value\": \"{}\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \"java.util.HashMap\","
                + " \"serializationDataFormat\": \"application/json\"}}") + "}}", lead.owner(), DEMO_PASSWORD);
    assertThat(object.statusCode()).isEqualTo(400);
    assertThat(message(object)).endsWith(": 'nextStep' of 'Make first contact' must be a plain value, not object");
    HttpResponse<String> notADate = http.postJson("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {" + FULL_FORM.replace("2026-12-04", "next week") + "}}", lead.owner(), DEMO_PASSWORD);
    assertThat(notADate.statusCode()).isEqualTo(400);
    assertThat(message(notADate)).endsWith(": 'nextStepDate' of 'Make first contact' must be a date in ISO 8601");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void resolvingATaskNobodyDelegatedIsABadRequestNotAServerError() {
    State before = state();
    HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/resolve",
        "{\"variables\": {" + FULL_FORM + "}}", lead.owner(), DEMO_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(message(refused)).isEqualTo("Task " + taskId + " was not delegated: there is nothing to resolve;"
        + " complete it instead");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void tasklistsOwnApiRefusesTheSameAndTakesTheFormAsItIs() {
    State before = state();
    WebappSession tasklist = new WebappSession(port, "127.0.0.1");
    assertThat(tasklist.logIn(lead.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(200);
    Http.Answer refused = tasklist.engine("POST", "task/" + taskId + "/submit-form",
        "{\"variables\": {" + FULL_FORM + ", \"slaRecordId\": {\"value\": \"x\"}}}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(state()).isEqualTo(before);

    Http.Answer done = tasklist.engine("POST", "task/" + taskId + "/submit-form",
        "{\"variables\": {" + FULL_FORM + "}}");
    assertThat(done.statusCode()).isEqualTo(204);
    assertThat(records(lead.leadId()).get(0).outcome()).isEqualTo("met");
  }

  @Test
  void theJavaApiInARepsNameRefusesTheSame() {
    State before = state();
    identityService.setAuthentication(lead.owner(), List.of(IdentitySync.REPS, "team-berlin"));
    assertThatThrownBy(() -> taskService.complete(taskId, Map.of("channel", "phone", "outcome", "connected",
        "nextStep", "Call back", "nextStepDate", "2026-12-04", "priority", "low")))
        .isInstanceOf(FieldRefused.class).hasMessageStartingWith("'priority' is not a field of the form");
    assertThatThrownBy(() -> taskService.setVariable(taskId, SlaVariables.REASSIGN_AT.name(), new java.util.Date()))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class)
        .hasMessageStartingWith("'slaReassignAt' is not a field of the form");
    identityService.clearAuthentication();
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aRepCannotClaimTheTaskForSomeoneElse() {
    State before = state();
    HttpResponse<String> claim = http.postJson("/engine-rest/task/" + taskId + "/claim",
        "{\"userId\": \"olivia.reed\"}", lead.owner(), DEMO_PASSWORD);
    assertThat(claim.statusCode()).isIn(400, 403);
    assertThat(state()).isEqualTo(before);
  }

  /**
   * An error nobody catches ends the task without its form, and with it the instance and its ladder (the SLA record
   * stays open for ever); a known one ("ReassignNow") reassigns the lead. Both, and an escalation, also write any
   * variable.
   */
  @Test
  void aRepCannotEndTheirTaskWithABpmnErrorOrEscalation() {
    State before = state();
    String task = "/engine-rest/task/" + taskId;
    for (String errorCode : List.of("whatever", "ReassignNow")) {
      HttpResponse<String> refused = http.postJson(task + "/bpmnError", "{\"errorCode\": \"" + errorCode + "\"}",
          lead.owner(), DEMO_PASSWORD);
      assertThat(refused.statusCode()).as(errorCode).isEqualTo(403);
      assertThat(message(refused)).startsWith("User '" + lead.owner() + "' may not run 'handle task bpmn error'");
    }
    assertThat(http.postJson(task + "/bpmnError", "{\"errorCode\": \"x\", \"variables\": {\"owner\": {\"value\":"
        + " \"olivia.reed\"}}}", lead.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.postJson(task + "/bpmnEscalation", "{\"escalationCode\": \"x\", \"variables\": {\"owner\":"
        + " {\"value\": \"olivia.reed\"}}}", lead.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(403);
    WebappSession tasklist = new WebappSession(port, "127.0.0.1");
    assertThat(tasklist.logIn(lead.owner(), DEMO_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(tasklist.engine("POST", "task/" + taskId + "/bpmnError", "{\"errorCode\": \"whatever\"}")
        .statusCode()).isEqualTo(403);
    assertThat(http.postJson(task + "/bpmnError", "{\"errorCode\": \"whatever\"}", "anna.berg", DEMO_PASSWORD)
        .statusCode()).isEqualTo(403);
    identityService.setAuthentication(lead.owner(), List.of(IdentitySync.REPS, "team-berlin"));
    assertThatThrownBy(() -> taskService.handleBpmnError(taskId, "whatever"))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    identityService.clearAuthentication();
    assertThat(state()).isEqualTo(before);
    assertThat(records(lead.leadId()).get(0).outcome()).isEqualTo("open");
  }

  /** Requests anyone can make on purpose that the engine answered with 500: a 400 that says why, nothing changed. */
  @Test
  void deletingAProcessTaskOrADeploymentInUseOrAnUnmatchedConditionIsABadRequest() {
    State before = state();
    for (String user : List.of(lead.owner(), "anna.berg", "admin")) {
      HttpResponse<String> refused = http.delete("/engine-rest/task/" + taskId, user,
          user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
      assertThat(refused.statusCode()).as(user).isEqualTo(400);
      assertThat(message(refused)).isEqualTo("Task " + taskId + " cannot be deleted: it belongs to a running"
          + " process and ends when it is completed");
      HttpResponse<String> condition = http.postJson("/engine-rest/condition", "{\"variables\": {\"a\": {\"value\":"
          + " 1}}}", user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
      assertThat(condition.statusCode()).as(user).isEqualTo(400);
      assertThat(message(condition)).isEqualTo("No process starts on a condition: there is nothing to evaluate");
    }
    for (String door : List.of("complete", "submit-form", "resolve", "claim", "unclaim", "assignee", "delegate")) {
      HttpResponse<String> none = http.postJson("/engine-rest/task/no-such-task/" + door,
          "{\"userId\": \"" + lead.owner() + "\"}", lead.owner(), DEMO_PASSWORD);
      assertThat(none.statusCode()).as(door).isEqualTo(400);
      assertThat(message(none)).as(door).endsWith("No task 'no-such-task': it was completed or never existed");
    }
    String deploymentId = repositoryService().getProcessDefinition(runtimeService.createProcessInstanceQuery()
        .processInstanceId(lead.processInstanceId()).singleResult().getProcessDefinitionId()).getDeploymentId();
    HttpResponse<String> inUse = http.delete("/engine-rest/deployment/" + deploymentId, processOwner, DEMO_PASSWORD);
    assertThat(inUse.statusCode()).isEqualTo(400);
    assertThat(message(inUse)).startsWith("Deployment '" + deploymentId + "' cannot be deleted: ");
    assertThat(repositoryService().createDeploymentQuery().deploymentId(deploymentId).count()).isEqualTo(1);
    assertThat(state()).isEqualTo(before);
  }

  private org.camunda.bpm.engine.RepositoryService repositoryService() {
    return processEngine.getRepositoryService();
  }

  // ---- the team's manager -------------------------------------------------------------------------------------

  @Test
  void aManagerCannotDisarmPostponeSuspendOrRunTheLaddersTimers() {
    State before = state();
    Job breach = timerJob(lead.processInstanceId(), "Timer_SlaBreach");
    String job = "/engine-rest/job/" + breach.getId();
    assertThat(http.putJson(job + "/retries", "{\"retries\": 0}", "anna.berg", DEMO_PASSWORD).statusCode())
        .isEqualTo(403);
    assertThat(http.putJson(job + "/retries", "{\"retries\": 1, \"dueDate\": \"2099-01-01T00:00:00.000+0000\"}",
        "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.putJson(job + "/duedate", "{\"duedate\": \"2099-01-01T00:00:00.000+0000\"}", "anna.berg",
        DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.putJson(job + "/suspended", "{\"suspended\": true}", "anna.berg", DEMO_PASSWORD).statusCode())
        .isEqualTo(403);
    HttpResponse<String> run = http.postJson(job + "/execute", "{}", "anna.berg", DEMO_PASSWORD);
    assertThat(run.statusCode()).isEqualTo(403);
    assertThat(message(run)).isEqualTo("User 'anna.berg' may not run a job by hand: the SLA ladder of open work is"
        + " changed only by Slaflow itself or an administrator");
    assertThat(http.delete(job, "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.postJson("/engine-rest/job/retries", "{\"retries\": 0, \"jobIds\": [\"" + breach.getId()
        + "\"]}", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.putJson("/engine-rest/process-instance/" + lead.processInstanceId() + "/suspended",
        "{\"suspended\": true}", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aManagerCannotEditOrDeleteVariablesInCockpit() {
    State before = state();
    WebappSession cockpit = new WebappSession(port, "127.0.0.1");
    assertThat(cockpit.logIn("anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(200);
    String instance = "process-instance/" + lead.processInstanceId();
    assertThat(cockpit.engine("PUT", instance + "/variables/" + SlaVariables.DUE_AT.name(),
        "{\"value\": \"2099-01-01T00:00:00.000+0000\", \"type\": \"Date\"}").statusCode()).isEqualTo(403);
    assertThat(cockpit.engine("DELETE", instance + "/variables/" + SlaVariables.RECORD_ID.name(), null).statusCode())
        .isEqualTo(403);
    assertThat(cockpit.engine("POST", instance + "/variables",
        "{\"modifications\": {\"priority\": {\"value\": \"low\"}}}").statusCode()).isEqualTo(403);
    assertThat(http.putJson("/engine-rest/execution/" + lead.processInstanceId() + "/localVariables/owner",
        "{\"value\": \"" + anotherBerlinRep() + "\"}", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.postJson("/engine-rest/message", "{\"messageName\": \"OwnerAway\", \"processInstanceId\": \""
        + lead.processInstanceId() + "\"}", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aManagerCannotPutOffAnIncidentByAddingRetriesToAJobThatHasNotFailed() {
    State before = state();
    Job warning = timerJob(lead.processInstanceId(), "Timer_SlaWarning");
    HttpResponse<String> refused = http.putJson("/engine-rest/job/" + warning.getId() + "/retries",
        "{\"retries\": 5}", "anna.berg", DEMO_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(message(refused)).isEqualTo("User 'anna.berg' may not add retries to job " + warning.getId()
        + ", which has not failed (only a job with none left is retried): the SLA ladder of open work is changed only"
        + " by Slaflow itself or an administrator");
    assertThat(http.postJson("/engine-rest/job/retries", "{\"retries\": 5, \"jobIds\": [\"" + warning.getId()
        + "\"]}", "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aManagerMayRetryAFailedJob() {
    Job warning = timerJob(lead.processInstanceId(), "Timer_SlaWarning");
    managementService.setJobRetries(warning.getId(), 0); // failed: what Cockpit shows as an incident
    assertThat(http.putJson("/engine-rest/job/" + warning.getId() + "/retries", "{\"retries\": 1}", "anna.berg",
        DEMO_PASSWORD).statusCode()).isEqualTo(204);
    assertThat(managementService.createJobQuery().jobId(warning.getId()).singleResult().getRetries()).isEqualTo(1);
  }

  @Test
  void aHandOverKeepsTheVisitsClockAndNeverClosesItAsMet() {
    SlaRecord visit = records(lead.leadId()).get(0);
    String colleague = anotherBerlinRep();
    clockAt(now().plusSeconds(600));
    assertThat(http.postJson("/engine-rest/task/" + taskId + "/unclaim", "{}", "anna.berg", DEMO_PASSWORD)
        .statusCode()).isEqualTo(204);
    assertThat(http.postJson("/engine-rest/task/" + taskId + "/assignee", "{\"userId\": \"" + colleague + "\"}",
        "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(204);

    List<SlaRecord> after = records(lead.leadId());
    assertThat(after).hasSize(1);
    assertThat(after.get(0).id()).isEqualTo(visit.id());
    assertThat(after.get(0).outcome()).isEqualTo("open");
    assertThat(after.get(0).dueAt()).isEqualTo(visit.dueAt());
    assertThat(after.get(0).ownerId()).isEqualTo(colleague);
    assertThat(timerJob(lead.processInstanceId(), "Timer_SlaBreach").getDuedate().toInstant())
        .isEqualTo(visit.dueAt());
  }

  @Test
  void aTaskGoesOnlyToAnActiveMemberOfItsTeam() {
    State before = state();
    for (String outsider : List.of("olivia.reed", "nobody.here", "maria.lopez")) {
      HttpResponse<String> refused = http.postJson("/engine-rest/task/" + taskId + "/assignee",
          "{\"userId\": \"" + outsider + "\"}", "anna.berg", DEMO_PASSWORD);
      assertThat(refused.statusCode()).as(outsider).isEqualTo(400);
      assertThat(message(refused)).isEqualTo("User '" + outsider + "' cannot take this task: a task goes only to"
          + " an active member of its team 'team-berlin' or back to the team queue");
      assertThat(http.postJson("/engine-rest/task/" + taskId + "/delegate", "{\"userId\": \"" + outsider + "\"}",
          "anna.berg", DEMO_PASSWORD).statusCode()).as(outsider).isEqualTo(400);
    }
    assertThat(http.postJson("/engine-rest/task/" + taskId + "/identity-links",
        "{\"groupId\": \"team-new-york\", \"type\": \"candidate\"}", "anna.berg", DEMO_PASSWORD).statusCode())
        .isEqualTo(403);
    assertThat(state()).isEqualTo(before);
  }

  // ---- process owner, intake system, anonymous ----------------------------------------------------------------

  @Test
  void aProcessOwnerDeploysButCannotTouchOpenWork() {
    State before = state();
    Job breach = timerJob(lead.processInstanceId(), "Timer_SlaBreach");
    assertThat(http.putJson("/engine-rest/job/" + breach.getId() + "/duedate",
        "{\"duedate\": \"2099-01-01T00:00:00.000+0000\"}", processOwner, DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(http.putJson("/engine-rest/process-definition/key/lead-routing/suspended",
        "{\"suspended\": true, \"includeProcessInstances\": true}", processOwner, DEMO_PASSWORD).statusCode())
        .isEqualTo(403);
    assertThat(http.putJson("/engine-rest/process-instance/" + lead.processInstanceId() + "/variables/owner",
        "{\"value\": \"olivia.reed\"}", processOwner, DEMO_PASSWORD).statusCode()).isEqualTo(403);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void intakeSystemsAndStrangersCannotReachTheTask() {
    State before = state();
    String intake = "intake-" + uniqueName("i").substring(2).toLowerCase();
    User system = identityService.newUser(intake);
    system.setPassword(DEMO_PASSWORD);
    identityService.saveUser(system);
    identityService.createMembership(intake, IdentitySync.INTAKE);
    try {
      assertThat(http.postJson("/engine-rest/task/" + taskId + "/complete", "{\"variables\": {" + FULL_FORM + "}}",
          intake, DEMO_PASSWORD).statusCode()).isIn(403, 404);
      assertThat(http.putJson("/engine-rest/job/" + timerJob(lead.processInstanceId(), "Timer_SlaBreach").getId()
          + "/retries", "{\"retries\": 0}", intake, DEMO_PASSWORD).statusCode()).isEqualTo(403);
      assertThat(http.postJson("/engine-rest/task/" + taskId + "/complete", "{}", null, null).statusCode())
          .isEqualTo(401);
      assertThat(http.get("/api/sla/records/" + records(lead.leadId()).get(0).id() + "/audit", intake,
          DEMO_PASSWORD).statusCode()).isEqualTo(404);
    } finally {
      identityService.deleteUser(intake);
    }
    assertThat(state()).isEqualTo(before);
  }

  // ---- administrators, and the audit trail -----------------------------------------------------------------------

  @Test
  void theAuditTrailShowsWhoMovedTheClockThroughWhichDoor() throws Exception {
    String recordId = records(lead.leadId()).get(0).id();
    String colleague = anotherBerlinRep();
    assertThat(http.postJson("/engine-rest/task/" + taskId + "/assignee", "{\"userId\": \"" + colleague + "\"}",
        "anna.berg", DEMO_PASSWORD).statusCode()).isEqualTo(204);
    Job breach = timerJob(lead.processInstanceId(), "Timer_SlaBreach");
    assertThat(http.putJson("/engine-rest/job/" + breach.getId() + "/duedate",
        "{\"duedate\": \"2099-01-01T00:00:00.000+0000\"}", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(204);

    HttpResponse<String> audit = http.get("/api/sla/records/" + recordId + "/audit", "anna.berg", DEMO_PASSWORD);
    assertThat(audit.statusCode()).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(audit.body())) {
      lines.add(entry.path("actor").asText() + " | " + entry.path("door").asText() + " | "
          + entry.path("action").asText() + " | " + entry.path("field").asText(null) + " | "
          + entry.path("oldValue").asText(null) + " -> " + entry.path("newValue").asText(null));
    }
    assertThat(lines).containsExactly(
        "slaflow | engine | stage first-contact opened for " + lead.owner() + " | due_at | null -> "
            + records(lead.leadId()).get(0).dueAt(),
        "anna.berg | engine REST | handed over | owner_id | " + lead.owner() + " -> " + colleague,
        "admin | engine REST | administrator: run 'set job duedate' on open work | job " + breach.getId()
            + " | due " + breach.getDuedate() + ", retries 3 -> due " + new java.util.Date(4070908800000L));

    assertThat(http.get("/api/sla/records/" + recordId + "/audit", colleague, DEMO_PASSWORD).statusCode())
        .as("reps do not read the audit").isEqualTo(404);
    assertThat(http.get("/api/sla/records/" + recordId + "/audit", "maria.lopez", DEMO_PASSWORD).statusCode())
        .as("another team's manager").isEqualTo(404);
  }

  // ---- by construction: every task of every unit ------------------------------------------------------------------

  /**
   * What a person may write on a task is its form's fields, so every user task of every unit needs a form, and no
   * form may offer a field named like the ladder's own state: this walks every task the process owner can deploy,
   * so a new unit, task or form is covered without a new test.
   */
  @Test
  void everyTaskOfEveryUnitHasAFormAndNoFormOffersTheLaddersState() throws Exception {
    Set<String> engineState = Stream.of(SlaVariables.class, RoutingVariables.class)
        .flatMap(type -> Arrays.stream(type.getFields()))
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(f -> {
          try {
            return (String) f.get(null);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }).collect(Collectors.toSet());
    engineState.addAll(Set.of("priority", "source", "intent", "country", "product", "leadId"));
    Map<String, Path> formsById = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path form : files.filter(p -> p.toString().endsWith(".form")).toList()) {
        formsById.put(JSON.readTree(form.toFile()).path("id").asText(), form);
      }
    }
    List<String> tasks = new ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        for (UserTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(UserTask.class)) {
          String where = model.getFileName() + " " + task.getId();
          tasks.add(where);
          Path form = formsById.get(task.getCamundaFormRef());
          assertThat(form).as(where + " has a Camunda Form").isNotNull();
          try (InputStream in = Files.newInputStream(form)) {
            List<String> writable = FormFields.of(in).stream().filter(f -> !f.readonly())
                .map(FormFields.Field::key).filter(engineState::contains).toList();
            assertThat(writable).as(where + " (" + form + ") offers the ladder's state as a field").isEmpty();
          }
        }
      }
    }
    assertThat(tasks).as("the six units' user tasks").hasSize(21);
  }

  private static String message(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("message").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(response.body(), e);
    }
  }
}
