package io.slaflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.org.Team;
import io.slaflow.sla.SlaVariables;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.WebhookReceiver.Post;
import io.slaflow.testsupport.WebhookReceiver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A team with a Slack channel: its people's alerts are also posted there, a delivery of their own beside the email,
 * retried on rate limits and outages, and never posted twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackChannelTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Organisation organisation;
  @Autowired NotificationLog notificationLog;
  @Autowired MeterRegistry meters;
  @Autowired Notifier notifier;

  private final WebhookReceiver slack = new WebhookReceiver();
  private Http http;

  /** Berlin's channel, set as an administrator would; the other test classes share the team, so it is removed after. */
  @BeforeEach
  void berlinHasASlackChannel() throws Exception {
    http = new Http(port);
    setBerlinWebhook(slack.url());
  }

  @AfterEach
  void removeTheChannel() throws Exception {
    setBerlinWebhook("");
    setWebhook("team-leadership", "");
    slack.close();
  }

  private void setBerlinWebhook(String url) throws Exception {
    setWebhook("team-berlin", url);
  }

  private void setWebhook(String teamId, String url) throws Exception {
    Team berlin = organisation.requireTeam(teamId);
    Map<String, Object> team = new LinkedHashMap<>();
    team.put("name", berlin.name());
    team.put("timeZone", berlin.zone().getId());
    team.put("opens", berlin.opens().toString());
    team.put("closes", berlin.closes().toString());
    team.put("workingDays", berlin.workingDays().stream().map(Enum::name).toList());
    team.put("holidayCountry", berlin.holidayCountry());
    team.put("holidayRegion", berlin.holidayRegion());
    team.put("managerId", berlin.managerId());
    team.put("slackWebhookUrl", url);
    assertThat(http.putJson("/api/org/teams/" + teamId, JSON.writeValueAsString(team), "admin", ADMIN_PASSWORD)
        .statusCode()).isEqualTo(200);
  }

  /**
   * Two teams that share one channel (the leadership team reads the sales channel) get one post per alert, not one per
   * team: an alert to a Berlin rep that copies the head of sales is posted once. A retried job sends nothing again,
   * by either channel; copies are counted physically (one email copy per reader, one post).
   */
  @Test
  void teamsSharingAChannelGetOnePostPerAlertAndARetriedJobPostsNothingAgain() throws Exception {
    setWebhook("team-leadership", slack.url());
    String subject = "Shared channel " + UUID.randomUUID();
    Message alert = new Message("test:" + subject, "breach", null,
        List.of(organisation.person("ben.keller").orElseThrow()),
        List.of(organisation.person("sofia.klein").orElseThrow()), subject, "Act now.");

    notifier.send(alert);
    notifier.send(alert); // what a job retried after a rollback would do

    assertThat(slack.posts()).as("one post in the shared channel, none repeated").hasSize(1);
    assertThat(slack.delivered(subject)).hasSize(1);
    assertThat(copies(subject)).as("one email copy per reader: the rep and the head of sales").isEqualTo(2);
    assertThat(notificationLog.alreadyDelivered(Notifier.slackKey(alert, organisation.requireTeam("team-berlin"))))
        .as("logged under the first team's key").isTrue();
  }

  @Test
  void aWarningToABerlinRepIsEmailedAndPostedToTheTeamsChannelWithTheTaskLink() {
    String name = uniqueName("Slack");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    double postedBefore = sent("slack", "warning");

    fireTimer(lead.processInstanceId(), "Timer_SlaWarning");

    Mail email = theMail(name, "SLA warning");
    assertThat(slack.delivered(name)).singleElement().satisfies(text ->
        assertThat(text.strip()).isEqualTo("*" + email.subject() + "*\n\n" + email.body().strip()));
    assertThat(email.body()).contains("Open the task in Tasklist: http://localhost:8080/camunda/app/tasklist/");
    assertThat(slack.posts()).extracting(Post::contentType).allMatch(type -> type.startsWith("application/json"));
    String recordId = records(lead.leadId()).get(0).id();
    assertThat(notificationLog.forSlaRecord(recordId))
        .extracting(NotificationLog.Entry::channel, NotificationLog.Entry::recipients, NotificationLog.Entry::status)
        .containsExactlyInAnyOrder(
            tuple("email", email.to().get(0), "sent"),
            tuple("slack", "team-berlin", "sent"));
    assertThat(sent("slack", "warning") - postedBefore).isEqualTo(1);
  }

  @Test
  void aRateLimitedPostIsTriedAgainWithinTheSameJob() {
    String name = uniqueName("RateLimited");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    slack.answer(429, "rate_limited", "30", 1);

    fireTimer(lead.processInstanceId(), "Timer_SlaWarning");

    assertThat(slack.posts()).extracting(Post::status).containsExactly(429, 200);
    assertThat(slack.delivered(name)).hasSize(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(lead.processInstanceId()).count()).isZero();
  }

  @Test
  void slackDownRetriesThenIncidentThenARetryPostsExactlyOnceAndDoesNotEmailAgain() {
    String name = uniqueName("SlackDown");
    String pid = createLead(name, "DE", "demo-request", "medium", "crm-suite").processInstanceId();
    Job warning = timerJob(pid, "Timer_SlaWarning");
    clockAt(warning.getDuedate().toInstant());
    slack.answer(503, "service unavailable", null, 9);
    double failedBefore = failed("slack");

    Job send = sendWarningJob(pid);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(send.getId()))
          .hasMessageContaining("Slack channel of team-berlin failed 3 times, last with HTTP 503");
      Job failed = sendWarningJob(pid);
      assertThat(failed.getRetries()).isEqualTo(3 - attempt);
      if (attempt < 3) {
        assertThat(failed.getDuedate().toInstant()).as("R3/PT5M").isEqualTo(now().plus(Duration.ofMinutes(5)));
        clockAt(failed.getDuedate().toInstant());
      }
    }
    assertThat(slack.posts()).extracting(Post::status).containsOnly(503).hasSize(9);
    assertThat(failed("slack") - failedBefore).isEqualTo(3);
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(pid).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Timer_SlaWarning");
    assertThat(sendWarningJob(pid).getExceptionMessage()).contains("Slack").doesNotContain(slack.url());
    assertThat(copies(name)).as("the email went out on the first try").isEqualTo(1);

    // Slack is back; an administrator retries the incident.
    assertThat(http.putJson("/engine-rest/job/" + send.getId() + "/retries", "{\"retries\": 1}", "admin",
        ADMIN_PASSWORD).statusCode()).isEqualTo(204);
    managementService.executeJob(send.getId());

    assertThat(slack.delivered(name)).hasSize(1);
    assertThat(copies(name)).as("not emailed again (copies counted, not Message-IDs)").isEqualTo(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pid).count()).isZero();
  }

  /** Slack being down is expected and retried: an operator reads one line per attempt, and acts on the incident. */
  @Test
  void slackDownLogsOneWarningPerRetriedAttemptAndOneErrorForTheIncidentWithoutStackTraces(CapturedOutput output) {
    String name = uniqueName("SlackDownLog");
    String pid = createLead(name, "DE", "demo-request", "medium", "crm-suite").processInstanceId();
    Job warning = timerJob(pid, "Timer_SlaWarning");
    clockAt(warning.getDuedate().toInstant());
    slack.answer(503, "service unavailable", null, 9);
    String recordId = (String) runtimeService.getVariable(pid, SlaVariables.RECORD_ID.name());
    int before = output.getAll().length();

    Job send = sendWarningJob(pid);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(send.getId())).hasMessageContaining("HTTP 503");
      if (attempt < 3) {
        clockAt(sendWarningJob(pid).getDuedate().toInstant());
      }
    }

    String reason = "Slack channel of team-berlin failed 3 times, last with HTTP 503";
    List<String> lines = output.getAll().substring(before).lines().toList();
    assertThat(lines.stream().filter(line -> line.contains("Alert " + recordId + ":warning not delivered")))
        .satisfiesExactly(
            first -> assertThat(first).contains(" WARN ").contains("by slack to team team-berlin (attempt 1, "
                + "retried later, 2 retries left): " + reason),
            second -> assertThat(second).contains(" WARN ").contains("by slack to team team-berlin (attempt 2, "
                + "retried later, 1 retry left): " + reason),
            third -> assertThat(third).contains(" ERROR ").contains("by slack to team team-berlin (attempt 3, "
                + "no retries left: an incident in Cockpit"));
    assertThat(lines).as("no stack trace, no other warning or error")
        .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"))
        .filteredOn(line -> line.contains(" WARN ") || line.contains(" ERROR ")).hasSize(3);
  }

  @Test
  void whileTheMailServerIsDownTheChannelHearsAtOnceAndTheRetryOnlyEmails() {
    String name = uniqueName("SmtpDownSlackUp");
    String pid = createLead(name, "DE", "demo-request", "medium", "crm-suite").processInstanceId();
    Job warning = timerJob(pid, "Timer_SlaWarning");
    clockAt(warning.getDuedate().toInstant());

    smtpDown();
    Job send = sendWarningJob(pid);
    assertThatThrownBy(() -> managementService.executeJob(send.getId())).hasMessageContaining("Mail");
    assertThat(slack.delivered(name)).as("Slack does not wait for the mail server").hasSize(1);

    smtpBackUp();
    clockAt(sendWarningJob(pid).getDuedate().toInstant());
    runDueJobs(pid);

    assertThat(copies(name)).as("one copy: the email was sent once").isEqualTo(1);
    assertThat(slack.posts()).as("not posted again").hasSize(1);
    assertThat(sendWarningJob(pid)).isNull();
  }

  @Test
  void aRefusedWebhookIsAConfigurationErrorThatFailsTheJobWithoutRetryingInTheJob() {
    String name = uniqueName("Refused");
    String pid = createLead(name, "DE", "demo-request", "medium", "crm-suite").processInstanceId();
    Job warning = timerJob(pid, "Timer_SlaWarning");
    clockAt(warning.getDuedate().toInstant());
    slack.answer(404, "no_service", null, 1);

    Job send = sendWarningJob(pid);
    assertThatThrownBy(() -> managementService.executeJob(send.getId()))
        .hasMessageContaining("Slack channel of team-berlin refused the alert with HTTP 404 (no_service)")
        .hasMessageContaining("slackWebhookUrl");

    assertThat(slack.posts()).hasSize(1);
    assertThat(sendWarningJob(pid).getRetries()).as("the job fails; Camunda's retries and incident follow")
        .isEqualTo(2);
  }

  /** The warning's timer job, which sends the warning (one job per alert); null once it ran. */
  private Job sendWarningJob(String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).activityId("Timer_SlaWarning")
        .singleResult();
  }

  private double sent(String channel, String step) {
    Counter sent = meters.find("slaflow.alerts.sent").tags("channel", channel, "step", step).counter();
    return sent == null ? 0 : sent.count();
  }

  private double failed(String channel) {
    Counter failed = meters.find("slaflow.alerts.failed").tag("channel", channel).counter();
    return failed == null ? 0 : failed.count();
  }
}
