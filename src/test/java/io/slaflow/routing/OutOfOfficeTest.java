package io.slaflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A rep goes out of office: their open work is reassigned at once, or kept with a flag, as the handover says. */
class OutOfOfficeTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired JdbcTemplate jdbc;
  @Autowired OutOfOffice outOfOffice;
  @Autowired IdentityService identityService;
  @Autowired Organisation organisation;

  @AfterEach
  void everyoneIsBack() {
    jdbc.update("DELETE FROM out_of_office WHERE first_day = DATE '2026-11-30'");
  }

  private HttpResponse<String> away(String person, String handover) {
    return new Http(port).postJson("/api/org/people/" + person + "/out-of-office",
        "{\"from\": \"2026-11-30\", \"to\": \"2026-12-04\", \"handover\": \"" + handover + "\"}",
        "admin", ADMIN_PASSWORD);
  }

  @Test
  void reassignNowMovesTheOpenWorkToAColleagueAndTellsTheRep() throws Exception {
    clockAt(LocalDateTime.of(2026, 11, 30, 9, 0), BERLIN);
    // Colleagues with room: earlier tests' leads must not have filled their desks (routing weighs capacity).
    clearOpenWork();
    String name = uniqueName("Holiday");
    LeadIntake.Created lead = createLead(name, "DE", "web-form", "medium", "crm-suite");
    String owner = lead.owner();
    int openVisits = slaRecords.openFor(owner).size();

    HttpResponse<String> response = away(owner, "reassign");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode result = JSON.readTree(response.body());
    // Every open visit is handed over, or skipped when a manager holds it (suspended in Cockpit): none forgotten.
    assertThat(result.get("reassigned").asInt() + result.get("skipped").asInt()).as(response.body())
        .isEqualTo(openVisits);
    assertThat(result.get("kept").asInt()).isZero();
    String newOwner = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getAssignee();
    assertThat(newOwner).isNotNull().isNotEqualTo(owner);
    List<SlaRecord> visits = records(lead.leadId());
    assertThat(visits.get(0).awayHandover()).as(response.body() + visits).isEqualTo("reassigned");
    assertThat(visits.get(0).outcome()).isEqualTo("reassigned");
    assertThat(visits.get(1).reassignedFrom()).isEqualTo(owner);

    runDueJobs(lead.processInstanceId());
    assertThat(theMail(name, "Reassigned to ").body()).contains("You are out of office");
    assertThat(runtimeService.getVariable(lead.processInstanceId(), "lapsedOwners"))
        .as("being away is no lapse").isEqualTo("");
  }

  @Test
  void keepLeavesTheWorkWithTheRepAndFlagsIt() throws Exception {
    clockAt(LocalDateTime.of(2026, 11, 30, 9, 0), BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Keep"), "AT", "web-form", "medium", "crm-suite");

    int openVisits = slaRecords.openFor(lead.owner()).size();

    HttpResponse<String> response = away(lead.owner(), "keep");

    assertThat(JSON.readTree(response.body()).get("kept").asInt()).as("every open visit").isEqualTo(openVisits);
    assertThat(stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getAssignee()).isEqualTo(lead.owner());
    assertThat(records(lead.leadId()).get(0).awayHandover()).isEqualTo("kept");
    assertThat(createLead(uniqueName("Next"), "AT", "web-form", "medium", "crm-suite").owner())
        .as("no new work while away").isNotEqualTo(lead.owner());
  }

  @Test
  void anAbsenceDeclaredAheadHandsTheWorkOverWhenItBegins() throws Exception {
    clockAt(LocalDateTime.of(2026, 11, 27, 11, 0), BERLIN);
    clearOpenWork();
    LeadIntake.Created lead = createLead(uniqueName("Ahead"), "CH", "event", "medium", "crm-suite");
    String owner = lead.owner();
    HttpResponse<String> declared = away(owner, "reassign");
    assertThat(JSON.readTree(declared.body()).get("reassigned").asInt()).as("not yet").isZero();
    assertThat(stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getAssignee()).isEqualTo(owner);

    clockAt(LocalDateTime.of(2026, 11, 30, 0, 5), BERLIN);
    assertThat(outOfOffice.handOverAbsencesThatBegan()).isEqualTo(1);

    assertThat(stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getAssignee()).isNotEqualTo(owner);
    assertThat(records(lead.leadId()).get(0).awayHandover()).isEqualTo("reassigned");
    assertThat(outOfOffice.handOverAbsencesThatBegan()).as("once only").isZero();
  }

  /** Routing reads every rep's login in one query: one whose login is gone (deleted in Admin) gets no work. */
  @Test
  void aRepWhoseLoginWasDeletedGetsNoWork() {
    Http admin = new Http(port);
    String rep = "lena.nologin";
    try {
      assertThat(admin.putJson("/api/org/people/" + rep, """
          {"firstName": "Lena", "lastName": "Nologin", "email": "lena@slaflow.example", "role": "REP",
           "teamId": "team-new-york"}""", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);
      clearOpenWork();
      List<String> owners = new ArrayList<>();
      while (!owners.contains(rep) && owners.size() < 10) {
        owners.add(createLead(uniqueName("Login"), "US", "demo-request", "medium", "crm-suite").owner());
      }
      assertThat(owners).as("with her login, the new rep is routed").contains(rep);

      identityService.deleteUser(rep);
      clearOpenWork();
      List<String> after = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        after.add(createLead(uniqueName("Login"), "US", "demo-request", "medium", "crm-suite").owner());
      }
      assertThat(after).hasSize(10).doesNotContainNull().doesNotContain(rep);
    } finally {
      admin.delete("/api/org/people/" + rep, "admin", ADMIN_PASSWORD);
      forgetPerson(rep);
    }
  }

  @Test
  void aLeaverCanNoLongerLogInAndIsNotRoutedUntilHiredAgain() {
    Http admin = new Http(port);
    LocalDate yearsLater = LocalDate.ofInstant(now(), NEW_YORK).plusYears(3);
    try {
      admin.putJson("/api/org/people/tom.leaver", """
          {"firstName": "Tom", "lastName": "Leaver", "email": "tom@slaflow.example", "role": "REP",
           "teamId": "team-new-york"}""", "admin", ADMIN_PASSWORD);
      assertThat(identityService.createUserQuery().userId("tom.leaver").count()).isOne();

      HttpResponse<String> left = admin.delete("/api/org/people/tom.leaver", "admin", ADMIN_PASSWORD);

      assertThat(left.statusCode()).isEqualTo(200);
      assertThat(identityService.createUserQuery().userId("tom.leaver").count()).as("login removed").isZero();
      assertThat(organisation.awayOn("team-new-york", yearsLater)).as("away for good").contains("tom.leaver");
      assertThat(organisation.person("tom.leaver")).as("kept for the records").isPresent();

      HttpResponse<String> back = admin.putJson("/api/org/people/tom.leaver", """
          {"firstName": "Tom", "lastName": "Leaver", "email": "tom@slaflow.example", "role": "REP",
           "teamId": "team-new-york"}""", "admin", ADMIN_PASSWORD);
      assertThat(back.statusCode()).as("rehired").isEqualTo(201);
      assertThat(back.body()).contains("initialPassword");
      assertThat(organisation.awayOn("team-new-york", yearsLater)).as("routed again").doesNotContain("tom.leaver");
    } finally {
      // Gone again, pass or fail, so that the other tests' leads in New York go to the demo reps they expect.
      admin.delete("/api/org/people/tom.leaver", "admin", ADMIN_PASSWORD);
      forgetPerson("tom.leaver");
    }
  }

  @Test
  void someoneWhoStillManagesATeamCannotLeave() {
    HttpResponse<String> refused = new Http(port).delete("/api/org/people/anna.berg", "admin", ADMIN_PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("manages team-berlin");
  }

  @Test
  void theSameAbsenceTwiceIsAConflict() {
    clockAt(LocalDateTime.of(2026, 11, 30, 9, 0), BERLIN);
    assertThat(away("noah.price", "keep").statusCode()).isEqualTo(201);
    assertThat(away("noah.price", "keep").statusCode()).isEqualTo(409);
  }

  @Test
  void anAbsenceThatEndsBeforeItStartsIsRefused() {
    HttpResponse<String> response = new Http(port).postJson("/api/org/people/ben.keller/out-of-office",
        "{\"from\": \"2026-12-04\", \"to\": \"2026-11-30\", \"handover\": \"keep\"}", "admin", ADMIN_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"to\"");
  }
}
