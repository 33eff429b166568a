package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.IdentitySync;
import io.slaflow.org.Organisation;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Overdue rungs still run, in order: when several rungs fall due at once (after an outage, a recompute into the
 * past) and the engine picks the worst job first, every rung's alert still arrives once, in ladder order, saying it
 * is late, before the work moves.
 */
class LadderCatchUpTest extends SlaflowTest {

  private static final LocalDateTime FRIDAY_1630 = LocalDateTime.of(2026, 11, 27, 16, 30);
  private static final String LATE_REASON =
      "Slaflow could not send it on time: after an outage, or an SLA change that moved it into the past.";
  private static final String OWNER = "olga.owner";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Organisation organisation;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;

  @BeforeEach
  void emptyDesks() {
    clearOpenWork();
  }

  private static Instant berlin(int month, int day, int hour, int minute) {
    return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
  }

  /** The worst order: the interrupting reassignment's job first, then whatever is left. */
  private void reassignmentFirst(String pid, String reassignTimer) {
    managementService.executeJob(timerJob(pid, reassignTimer).getId());
    runDueJobs(pid);
  }

  private String name(String userId) {
    return organisation.person(userId).orElseThrow().displayName();
  }

  @Test
  void aLeadWhoseReassignmentFiresFirstAfterAnOutageStillGetsEveryRungInOrderAndLate() throws Exception {
    clockAt(FRIDAY_1630, BERLIN);
    String name = uniqueName("Outage");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    String owner = lead.owner();

    // The node is down from Monday morning to 15:45: warning 10:30, final warning 11:00, breach 11:30, escalation
    // 13:30 and reassignment 15:30 are all overdue when it comes back.
    clockAt(berlin(11, 30, 15, 45));
    reassignmentFirst(pid, "Timer_Reassign");

    String newOwner = stageTask(pid, "Task_MakeFirstContact").getAssignee();
    assertThat(newOwner).isNotNull().isNotEqualTo(owner);
    String sent = "sent at Mon 30 Nov 2026, 15:45 CET (Europe/Berlin)";
    assertThat(inbox(owner + "@slaflow.example", name)).containsExactly(
        "[Slaflow] SLA warning: Make first contact | Sent late: due at Mon 30 Nov 2026, 10:30 CET, " + sent,
        "[Slaflow] Final SLA warning: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:00 CET, " + sent,
        "[Slaflow] SLA breached: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:30 CET, " + sent,
        "[Slaflow] Reassigned to " + name(newOwner) + ": first-contact");
    assertThat(inbox("anna.berg@slaflow.example", name)).containsExactly(
        "[Slaflow] SLA breached: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:30 CET, " + sent,
        "[Slaflow] SLA escalated to you: Make first contact | Sent late: due at Mon 30 Nov 2026, 13:30 CET, " + sent,
        "[Slaflow] Escalation left unhandled: first-contact");
    assertThat(inbox("sofia.klein@slaflow.example", name)).containsExactly(
        "[Slaflow] Escalation left unhandled: first-contact");
    assertThat(copies(name)).as("nothing else, and nothing twice").isEqualTo(8);

    Mail escalation = theMail(name, "SLA escalated to you");
    assertThat(escalation.to()).containsExactly("anna.berg@slaflow.example");
    assertThat(escalation.body()).contains(LATE_REASON)
        .contains("the reassignment time has passed as well: the work is being reassigned to the next eligible"
            + " owner now, so there is no review task for you.")
        .doesNotContain("Review the work in Tasklist");
    assertThat(theMail(name, "SLA breached").body()).startsWith("SLA breached\n\nSent late: due at Mon 30 Nov 2026,"
        + " 11:30 CET, " + sent + "\n" + LATE_REASON + "\n\nRecord: ");
    assertThat(stageTask(pid, "Task_ReviewEscalation")).as("the stage it would review has ended").isNull();

    List<SlaRecord> visits = records(lead.leadId());
    assertThat(visits).hasSize(2);
    SlaRecord lapsed = visits.get(0);
    assertThat(lapsed.outcome()).isEqualTo("reassigned");
    assertThat(lapsed.warningsSent()).isEqualTo(2);
    assertThat(lapsed.breachedAt()).isEqualTo(berlin(11, 30, 11, 30));
    assertThat(lapsed.escalatedAt()).isEqualTo(berlin(11, 30, 13, 30));
    assertThat(lapsed.warningAlertedAt()).isEqualTo(berlin(11, 30, 15, 45));
    assertThat(lapsed.finalWarningAlertedAt()).isEqualTo(berlin(11, 30, 15, 45));
    assertThat(lapsed.breachAlertedAt()).isEqualTo(berlin(11, 30, 15, 45));
    assertThat(lapsed.escalationAlertedAt()).isEqualTo(berlin(11, 30, 15, 45));
    assertThat(lapsed.completedAt()).isEqualTo(berlin(11, 30, 15, 45));
    assertThat(lapsed.reassignedTo()).isEqualTo(newOwner);
    assertThat(visits.get(1).ownerId()).isEqualTo(newOwner);
    assertThat(visits.get(1).warningsSent()).isZero();
    assertThat(visits.get(1).breachAlertedAt()).isNull();
  }

  @Test
  void rungsOnTimeAreNotMarkedLateAndAreNotSentAgainByTheCatchUp() throws Exception {
    clockAt(FRIDAY_1630, BERLIN);
    String name = uniqueName("OnTime");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    fireTimer(pid, "Timer_SlaWarning");
    fireTimer(pid, "Timer_SlaFinalWarning");

    // Down from 11:15 to 15:45: breach and escalation are late, the warnings went out on time and stay sent once.
    clockAt(berlin(11, 30, 15, 45));
    reassignmentFirst(pid, "Timer_Reassign");

    String sent = "sent at Mon 30 Nov 2026, 15:45 CET (Europe/Berlin)";
    assertThat(inbox(lead.owner() + "@slaflow.example", name)).hasSize(4).startsWith(
        "[Slaflow] SLA warning: Make first contact",
        "[Slaflow] Final SLA warning: Make first contact",
        "[Slaflow] SLA breached: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:30 CET, " + sent);
    assertThat(inbox("anna.berg@slaflow.example", name)).startsWith(
        "[Slaflow] SLA breached: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:30 CET, " + sent,
        "[Slaflow] SLA escalated to you: Make first contact | Sent late: due at Mon 30 Nov 2026, 13:30 CET, " + sent);
    assertThat(copies(name)).isEqualTo(8);
    SlaRecord lapsed = records(lead.leadId()).get(0);
    assertThat(lapsed.warningsSent()).isEqualTo(2);
    assertThat(lapsed.warningAlertedAt()).isEqualTo(berlin(11, 30, 10, 30));
    assertThat(lapsed.finalWarningAlertedAt()).isEqualTo(berlin(11, 30, 11, 0));
    assertThat(lapsed.breachAlertedAt()).isEqualTo(berlin(11, 30, 15, 45));
  }

  @Test
  void aRecomputeThatMovesTheLadderIntoThePastDeliversEveryRungBeforeTheReassignment() throws Exception {
    if (identityService.createUserQuery().userId(OWNER).count() == 0) {
      User processOwner = identityService.newUser(OWNER);
      processOwner.setPassword(DEMO_PASSWORD);
      identityService.saveUser(processOwner);
      identityService.createMembership(OWNER, IdentitySync.PROCESS_OWNERS);
    }
    clockAt(LocalDateTime.of(2026, 11, 30, 10, 0), BERLIN);
    String name = uniqueName("Recompute");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "high", "crm-suite");
    String pid = lead.processInstanceId();
    assertThat(timerJob(pid, "Timer_SlaBreach").getDuedate().toInstant()).isEqualTo(berlin(11, 30, 14, 0));

    // At 12:40, before any rung, the process owner cuts the demo request's SLA to one hour with a tighter ladder and
    // recomputes the open clocks: due 11:00, so every rung up to the reassignment at 12:00 is in the past.
    clockAt(berlin(11, 30, 12, 40));
    String deployment = deployPolicy("PT1H", "PT30M", "PT15M", "PT30M", "PT1H");
    try {
      HttpResponse<String> run = new Http(port).postJson("/api/sla/recompute",
          "{\"unit\": \"lead-routing\", \"stage\": \"first-contact\", \"reason\": \"Demo SLA cut to 1h\"}", OWNER,
          DEMO_PASSWORD);
      assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
      assertThat(JSON.readTree(run.body()).get("changed")).hasSize(1);
      assertThat(timerJob(pid, "Timer_Reassign").getDuedate().toInstant()).isEqualTo(berlin(11, 30, 12, 0));

      reassignmentFirst(pid, "Timer_Reassign");
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }

    String newOwner = stageTask(pid, "Task_MakeFirstContact").getAssignee();
    String sent = "sent at Mon 30 Nov 2026, 12:40 CET (Europe/Berlin)";
    assertThat(inbox(lead.owner() + "@slaflow.example", name)).containsExactly(
        "[Slaflow] SLA warning: Make first contact | Sent late: due at Mon 30 Nov 2026, 10:30 CET, " + sent,
        "[Slaflow] Final SLA warning: Make first contact | Sent late: due at Mon 30 Nov 2026, 10:45 CET, " + sent,
        "[Slaflow] SLA breached: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:00 CET, " + sent,
        "[Slaflow] Reassigned to " + name(newOwner) + ": first-contact");
    assertThat(inbox("anna.berg@slaflow.example", name)).containsExactly(
        "[Slaflow] SLA breached: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:00 CET, " + sent,
        "[Slaflow] SLA escalated to you: Make first contact | Sent late: due at Mon 30 Nov 2026, 11:30 CET, " + sent,
        "[Slaflow] Escalation left unhandled: first-contact");
    assertThat(copies(name)).isEqualTo(8);
    SlaRecord lapsed = records(lead.leadId()).get(0);
    assertThat(lapsed.breachedAt()).isEqualTo(berlin(11, 30, 11, 0));
    assertThat(lapsed.escalatedAt()).isEqualTo(berlin(11, 30, 11, 30));
    assertThat(lapsed.breachAlertedAt()).isEqualTo(berlin(11, 30, 12, 40));
    assertThat(lapsed.escalationAlertedAt()).isEqualTo(berlin(11, 30, 12, 40));
    assertThat(lapsed.warningsSent()).isEqualTo(2);
    assertThat(lapsed.completedAt()).isEqualTo(berlin(11, 30, 12, 40));
  }

  /** Deploys the SLA policy table with the demo request's row changed; the deployment's id, to delete it after. */
  private String deployPolicy(String target, String firstWarning, String finalWarning, String escalateAfter,
      String reassignAfter) throws IOException {
    DmnModelInstance policy;
    try (InputStream file = Files.newInputStream(Path.of("processes/sla-policy.dmn"))) {
      policy = Dmn.readModelFromStream(file);
    }
    cell(policy, "LiteralExpression_DemoRequest_target", target);
    cell(policy, "LiteralExpression_DemoRequest_firstWarning", firstWarning);
    cell(policy, "LiteralExpression_DemoRequest_finalWarning", finalWarning);
    cell(policy, "LiteralExpression_DemoRequest_escalateAfter", escalateAfter);
    cell(policy, "LiteralExpression_DemoRequest_reassignAfter", reassignAfter);
    return repositoryService.createDeployment().name("sla-policy-catch-up-test")
        .addModelInstance("sla-policy.dmn", policy).deploy().getId();
  }

  private static void cell(DmnModelInstance dmn, String id, String duration) {
    LiteralExpression cell = dmn.getModelElementById(id);
    cell.getText().setTextContent("\"" + duration + "\"");
  }

  @Test
  void aTicketWhoseEscalationRunsFirstStillWarnsAndBreachesFirst() throws Exception {
    // Normal priority, opened Thursday 09:00: warning 14:00, final warning 17:00, due 18:00, escalation Friday 13:00.
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String account = "Catch-up " + UUID.randomUUID();
    HttpResponse<String> created = new Http(port).postJson("/api/tickets", """
        {"priority": "normal", "category": "outage", "account": "%s", "contactName": "Ole Hansen",
         "contactEmail": "ole@nordic.example", "country": "DE", "description": "Nothing loads"}"""
        .formatted(account), "admin", ADMIN_PASSWORD);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode ticket = JSON.readTree(created.body());
    String pid = ticket.get("processInstanceId").asText();

    // Back at 13:30 on Friday; the worst order: the escalation's timer (its alert runs in the same job), then the rest.
    clockAt(berlin(12, 4, 13, 30));
    managementService.executeJob(timerJob(pid, "Timer_FirstResponseEscalation").getId());
    runDueJobs(pid);

    String sent = "sent at Fri 4 Dec 2026, 13:30 CET (Europe/Berlin)";
    String owner = ticket.get("owner").asText();
    assertThat(inbox(owner + "@slaflow.example", account)).containsExactly(
        "[Slaflow] SLA warning: Respond to the customer | Sent late: due at Thu 3 Dec 2026, 14:00 CET, " + sent,
        "[Slaflow] Final SLA warning: Respond to the customer | Sent late: due at Thu 3 Dec 2026, 17:00 CET, " + sent,
        "[Slaflow] SLA breached: Respond to the customer | Sent late: due at Thu 3 Dec 2026, 18:00 CET, " + sent);
    assertThat(inbox("anna.berg@slaflow.example", account)).containsExactly(
        "[Slaflow] SLA breached: Respond to the customer | Sent late: due at Thu 3 Dec 2026, 18:00 CET, " + sent,
        "[Slaflow] SLA escalated to you: Respond to the customer | Sent late: due at Fri 4 Dec 2026, 13:00 CET, "
            + sent);
    assertThat(copies(account)).isEqualTo(5);
    assertThat(theMail(account, "SLA escalated to you").body()).contains("Review the work in Tasklist");
    assertThat(stageTask(pid, "Task_FirstResponse")).as("no reassignment rung in support").isNotNull();

    SlaRecord record = slaRecords.forRecord("customer-support", ticket.get("ticketId").asText()).get(0);
    assertThat(record.warningsSent()).isEqualTo(2);
    assertThat(record.breachedAt()).isEqualTo(berlin(12, 3, 18, 0));
    assertThat(record.escalatedAt()).isEqualTo(berlin(12, 4, 13, 0));
    assertThat(record.breachAlertedAt()).isEqualTo(berlin(12, 4, 13, 30));
    assertThat(record.escalationAlertedAt()).isEqualTo(berlin(12, 4, 13, 30));
  }
}
