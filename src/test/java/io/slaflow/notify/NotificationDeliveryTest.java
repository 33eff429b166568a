package io.slaflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;

/** Alerts survive a broken SMTP server: retries, then an incident, and a retry from Cockpit sends exactly once. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationDeliveryTest extends SlaflowTest {

  @Autowired Notifier notifier;
  @Autowired NotificationLog notificationLog;
  @Autowired Organisation organisation;
  @Autowired SlackWebhook slack;

  @Test
  void smtpDownRetriesThenIncidentThenARetrySendsExactlyOneEmail() {
    String name = uniqueName("Smtp");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    Job warningTimer = timerJob(pid, "Timer_SlaWarning");
    clockAt(warningTimer.getDuedate().toInstant());
    managementService.executeJob(warningTimer.getId());

    mail.stop();
    Job send = managementService.createJobQuery().processInstanceId(pid).activityId("Task_SendWarning")
        .singleResult();
    assertThat(send.getRetries()).isEqualTo(3);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(send.getId())).hasMessageContaining("Mail");
    }

    Job failed = managementService.createJobQuery().jobId(send.getId()).singleResult();
    assertThat(failed.getRetries()).isZero();
    assertThat(failed.getExceptionMessage()).contains("Mail server connection failed");
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(pid).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo("failedJob");
    assertThat(incident.getActivityId()).isEqualTo("Task_SendWarning");
    assertThat(records(lead.leadId()).get(0).warningsSent()).as("not counted until sent").isZero();

    // The SMTP server is back; the team's manager presses "retry" in Cockpit, which sets the retries back.
    mail.start();
    Http http = new Http(port);
    String retry = "{\"retries\": 1}";
    assertThat(http.putJson("/engine-rest/job/" + send.getId() + "/retries", retry, "maria.lopez", DEMO_PASSWORD)
        .statusCode()).as("another team's manager").isIn(403, 404);
    assertThat(http.putJson("/engine-rest/job/" + send.getId() + "/retries", retry, "anna.berg", DEMO_PASSWORD)
        .statusCode()).isEqualTo(204);
    managementService.executeJob(send.getId());

    assertThat(runtimeService.createIncidentQuery().processInstanceId(pid).count()).isZero();
    assertThat(mailsAbout(name)).hasSize(1);
    assertThat(records(lead.leadId()).get(0).warningsSent()).isEqualTo(1);
    String recordId = records(lead.leadId()).get(0).id();
    assertThat(notificationLog.forSlaRecord(recordId)).extracting(NotificationLog.Entry::status)
        .containsExactly("sent");
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

    assertThat(mailsAbout(subject)).hasSize(1);
    assertThat(notificationLog.alreadyDelivered(alert.key())).isTrue();
  }
}
