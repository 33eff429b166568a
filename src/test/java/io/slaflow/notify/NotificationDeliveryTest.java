package io.slaflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaVariables;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;

/** Alerts survive a broken SMTP server: retries, then an incident, and a retry from Cockpit sends exactly once. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationDeliveryTest extends SlaflowTest {

  @Autowired Notifier notifier;
  @Autowired NotificationLog notificationLog;
  @Autowired Organisation organisation;
  @Autowired SlackWebhook slack;
  @Autowired MeterRegistry meters;
  @Autowired JdbcTemplate jdbc;

  @Test
  void smtpDownRetriesThenIncidentThenARetrySendsExactlyOneEmail() {
    String name = uniqueName("Smtp");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    // The warning's timer job sends the warning itself (one job per alert): the timer is what fails and retries.
    Job send = timerJob(pid, "Timer_SlaWarning");
    clockAt(send.getDuedate().toInstant());
    smtpDown();
    assertThat(send.getRetries()).isEqualTo(3);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(send.getId())).hasMessageContaining("Mail");
    }

    Job failed = managementService.createJobQuery().jobId(send.getId()).singleResult();
    assertThat(failed.getRetries()).isZero();
    assertThat(failed.getExceptionMessage()).contains("Mail server connection failed");
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(pid).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getActivityId()).isEqualTo("Timer_SlaWarning");
    assertThat(records(lead.leadId()).get(0).warningsSent()).as("not counted until sent").isZero();
    assertThat(runtimeService.getVariable(pid, SlaVariables.STATE.name())).as("rolled back with the job")
        .isEqualTo(SlaVariables.ON_TRACK);

    // The SMTP server is back; the team's manager presses "retry" in Cockpit, which sets the retries back.
    smtpBackUp();
    Http http = new Http(port);
    String retry = "{\"retries\": 1}";
    assertThat(http.putJson("/engine-rest/job/" + send.getId() + "/retries", retry, "maria.lopez", DEMO_PASSWORD)
        .statusCode()).as("another team's manager").isIn(403, 404);
    assertThat(http.putJson("/engine-rest/job/" + send.getId() + "/retries", retry, "anna.berg", DEMO_PASSWORD)
        .statusCode()).isEqualTo(204);
    managementService.executeJob(send.getId());

    assertThat(runtimeService.createIncidentQuery().processInstanceId(pid).count()).isZero();
    assertThat(copies(name)).as("one copy, to the owner: nothing sent twice").isEqualTo(1);
    assertThat(records(lead.leadId()).get(0).warningsSent()).isEqualTo(1);
    String recordId = records(lead.leadId()).get(0).id();
    assertThat(notificationLog.forSlaRecord(recordId)).extracting(NotificationLog.Entry::status)
        .containsExactly("sent");
  }

  /**
   * The breach's record step and its alert run in one job: while the alert cannot go out, the job retries, yet the
   * breach is on the record (and in the reports) from its due time, stamped and audited once.
   */
  @Test
  void aBreachIsOnTheRecordWhileItsAlertWaitsForTheMailServer() {
    String name = uniqueName("BreachOutage");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    fireTimer(pid, "Timer_SlaWarning");
    fireTimer(pid, "Timer_SlaFinalWarning");
    Job breach = timerJob(pid, "Timer_SlaBreach");
    Instant due = breach.getDuedate().toInstant();
    clockAt(due);

    smtpDown();
    assertThatThrownBy(() -> managementService.executeJob(breach.getId())).hasMessageContaining("Mail");
    SlaRecord record = records(lead.leadId()).get(0);
    assertThat(record.breachedAt()).isEqualTo(due);
    assertThat(record.breachAlertedAt()).as("not sent yet").isNull();
    assertThat(copies(name)).as("the two warnings only").isEqualTo(2);
    assertThat(timerJob(pid, "Timer_SlaBreach").getRetries()).isEqualTo(2);

    smtpBackUp();
    clockAt(timerJob(pid, "Timer_SlaBreach").getDuedate().toInstant());
    managementService.executeJob(breach.getId());
    record = records(lead.leadId()).get(0);
    assertThat(record.breachedAt()).as("still the due time").isEqualTo(due);
    assertThat(record.breachAlertedAt()).isEqualTo(now());
    assertThat(copies(name)).as("the breach reminder once, to the owner; the manager copied once").isEqualTo(4);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sla_audit WHERE sla_record_id = ? AND field ="
        + " 'breached_at'", Integer.class, record.id())).as("stamped once").isOne();
  }

  @Test
  void aBurstOfAlertsDuringAnSmtpOutageIsDeliveredOnceEachAfterTheIncidentsAreRetried() {
    clearOpenWork();
    clockAt(LocalDateTime.of(2027, 4, 13, 10, 0), BERLIN);
    Map<String, String> leadByInstance = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      String name = uniqueName("Burst");
      leadByInstance.put(createLead(name, "DE", "web-form", "medium", "crm-suite").processInstanceId(), name);
    }
    List<String> pids = List.copyOf(leadByInstance.keySet());
    Instant warningsDue = timerJob(pids.get(0), "Timer_SlaWarning").getDuedate().toInstant();
    assertThat(pids).allSatisfy(pid ->
        assertThat(timerJob(pid, "Timer_SlaWarning").getDuedate().toInstant()).isEqualTo(warningsDue));
    clockAt(warningsDue);
    double failuresBefore = failedEmails();

    // The first 8 warnings go out; then the mail server goes down under the other 12.
    pids.subList(0, 8).forEach(pid -> managementService.executeJob(sendWarningJob(pid).getId()));
    assertThat(pids.subList(0, 8)).allSatisfy(pid -> assertThat(copies(leadByInstance.get(pid))).isOne());
    smtpDown();
    List<String> failing = pids.subList(8, 20);
    for (int round = 1; round <= 3; round++) {
      for (String pid : failing) {
        Job send = sendWarningJob(pid);
        assertThat(managementService.createJobQuery().jobId(send.getId()).executable().count()).as("due").isOne();
        assertThatThrownBy(() -> managementService.executeJob(send.getId())).hasMessageContaining("Mail");
        Job failed = sendWarningJob(pid);
        assertThat(failed.getRetries()).isEqualTo(3 - round);
        if (round < 3) {
          assertThat(failed.getDuedate().toInstant()).as("R3/PT5M").isEqualTo(now().plus(Duration.ofMinutes(5)));
        }
      }
      assertThat(managementService.createJobQuery().processInstanceIds(Set.copyOf(failing)).executable().count())
          .as("nothing is due until the retry cycle has passed").isZero();
      clockAt(now().plus(Duration.ofMinutes(5)));
    }

    // What Cockpit shows: one incident per alert that could not be sent, none for those that went out.
    List<Incident> incidents = runtimeService.createIncidentQuery().incidentType(Incident.FAILED_JOB_HANDLER_TYPE)
        .activityId("Timer_SlaWarning").list().stream()
        .filter(incident -> leadByInstance.containsKey(incident.getProcessInstanceId())).toList();
    assertThat(incidents).extracting(Incident::getProcessInstanceId).containsExactlyInAnyOrderElementsOf(failing);
    assertThat(failedEmails() - failuresBefore).isEqualTo(36);

    // The mail server is back; the operator retries every incident through the engine REST API.
    smtpBackUp();
    Http http = new Http(port);
    for (Incident incident : incidents) {
      assertThat(http.putJson("/engine-rest/job/" + incident.getConfiguration() + "/retries", "{\"retries\": 1}",
          "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(204);
    }
    pids.forEach(this::runDueJobs);

    assertThat(pids).allSatisfy(pid ->
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pid).count()).isZero());
    leadByInstance.forEach((pid, name) -> {
      Mail warning = theMail(name, "SLA warning");
      String owner = (String) runtimeService.getVariable(pid, RoutingVariables.OWNER.name());
      assertThat(warning.to()).containsExactly(organisation.person(owner).orElseThrow().email());
      assertThat(copies(name)).as("none lost, none twice (copies counted, not Message-IDs)").isEqualTo(1);
    });
  }

  /** The warning's timer job, which sends the warning. */
  private Job sendWarningJob(String processInstanceId) {
    return timerJob(processInstanceId, "Timer_SlaWarning");
  }

  private double failedEmails() {
    Counter failed = meters.find("slaflow.alerts.failed").tag("channel", "email").counter();
    return failed == null ? 0 : failed.count();
  }

  @Test
  void withoutAnSmtpServerAlertsGoToTheLogAndTheConsole(CapturedOutput console) {
    MeterRegistry ownMeters = new SimpleMeterRegistry();
    Notifier logOnly = new Notifier(new DefaultListableBeanFactory().getBeanProvider(JavaMailSender.class),
        notificationLog, organisation, slack, ownMeters, "slaflow@test");
    String subject = "No SMTP " + UUID.randomUUID();

    logOnly.send(new Message("test:" + subject, "warning", null,
        List.of(organisation.person("clara.vogel").orElseThrow()), List.of(), subject, "Call the lead."));

    assertThat(mailsAbout(subject)).isEmpty();
    assertThat(console.getOut()).contains("To: [clara.vogel@slaflow.example]").contains("Subject: " + subject)
        .contains("Call the lead.");
    assertThat(notificationLog.alreadyDelivered("test:" + subject)).isTrue();
    assertThat(ownMeters.get("slaflow.alerts.sent").tags("channel", "log", "step", "warning").counter().count())
        .isEqualTo(1);
  }

  @Test
  void anAlertAlreadyDeliveredIsNeverSentAgain() {
    String subject = "Idempotent " + UUID.randomUUID();
    Message alert = new Message("test:" + subject, "warning", null,
        List.of(organisation.person("ben.keller").orElseThrow()), List.of(), subject, "body");

    notifier.send(alert);
    notifier.send(alert); // what a job retried after a rollback would do

    assertThat(copies(subject)).as("one copy: the second send found the log entry").isEqualTo(1);
    assertThat(notificationLog.alreadyDelivered(alert.key())).isTrue();
  }
}
