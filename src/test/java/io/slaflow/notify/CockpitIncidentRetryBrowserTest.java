package io.slaflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.testsupport.Browser;
import io.slaflow.testsupport.SlaflowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the team's manager does after a mail server outage: Cockpit shows the warning that could not be sent as an
 * incident of the lead's process instance, and "Retry" there sends it.
 */
class CockpitIncidentRetryBrowserTest extends SlaflowTest {

  private static final String MANAGER = "anna.berg";

  @Autowired Organisation organisation;

  @Test
  void aWarningThatFailedDuringAnSmtpOutageIsAnIncidentInCockpitAndRetryThereDeliversIt() {
    String name = uniqueName("Cockpit");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "medium", "crm-suite");
    String pid = lead.processInstanceId();
    Job warningTimer = timerJob(pid, "Timer_SlaWarning");
    clockAt(warningTimer.getDuedate().toInstant());

    smtpDown();
    String sendId = sendWarningJob(pid).getId();
    for (int attempt = 1; attempt <= 3; attempt++) {
      // Each attempt when the retry cycle makes it due, as the job executor would run it.
      clockAt(sendWarningJob(pid).getDuedate().toInstant());
      assertThatThrownBy(() -> managementService.executeJob(sendId)).hasMessageContaining("Mail");
    }
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(pid).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo("Timer_SlaWarning");
    assertThat(incident.getIncidentMessage()).contains("Mail server connection failed");
    assertThat(mailsAbout(name)).isEmpty();

    try (Browser browser = new Browser()) {
      Page page = logIntoCockpit(browser, MANAGER);
      page.navigate(cockpit() + "#/process-instance/" + pid + "/runtime");
      page.locator(".nav-tabs a").filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Incidents$")))
          .click();
      Locator rows = page.locator("table.incidents-tab tbody tr");
      rows.first().waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/cockpit-incident.png")));

      assertThat(rows.count()).isOne();
      Locator row = rows.first();
      // The cell cuts the message off on screen; the whole of it is the link to the stack trace.
      assertThat(row.locator("td.message").innerText()).contains("Mail server connection failed")
          .contains("Connection refused");
      // The warning's timer sends it (one job per alert): the incident is on the timer.
      assertThat(row.locator("td.activity").innerText()).contains("SLA warning due");
      assertThat(row.locator("td.type").innerText()).isEqualTo("Failed Job");

      // The mail server is back ten minutes later, and the manager retries the warning.
      smtpBackUp();
      clockAt(now().plus(Duration.ofMinutes(10)));
      // The only button a failed job shows: the one for external tasks is in the page too, hidden.
      Locator retry = row.locator("td.action .btn").filter(new Locator.FilterOptions().setVisible(true));
      retry.hover();
      page.getByText("Increment Number of Retries of Failed Job").waitFor();
      retry.click();
      Locator dialog = page.locator(".modal-content");
      assertThat(dialog.getByRole(AriaRole.HEADING).innerText()).isEqualTo("Increment Number of Retries");
      assertThat(dialog.locator("#preserveDueDate").isChecked()).as("Keep due date").isTrue();
      dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry").setExact(true)).click();
      dialog.getByText("Incrementing the number of retries finished successfully.").waitFor();
      dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("OK").setExact(true)).click();
      dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));

      // Tests run without the job executor; in production it picks the job up now that it has retries again.
      assertThat(sendWarningJob(pid).getRetries()).isOne();
      runDueJobs(pid);

      Mail warning = theMail(name, "SLA warning");
      String owner = (String) runtimeService.getVariable(pid, RoutingVariables.OWNER.name());
      assertThat(warning.to()).containsExactly(organisation.person(owner).orElseThrow().email());
      assertThat(copies(name)).as("sent once: one copy, to the owner").isEqualTo(1);
      assertThat(sendWarningJob(pid)).as("the step is done").isNull();
      assertThat(runtimeService.createIncidentQuery().processInstanceId(pid).count()).isZero();

      // Cockpit drops the incident as soon as the job has retries again, sent or not: the mail above is the proof.
      page.reload();
      page.getByText("No incidents").waitFor();
      assertThat(rows.count()).isZero();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/cockpit-incident-retried.png")));
    }
  }

  /** The warning's timer job, which sends the warning (one job per alert); null once it ran. */
  private Job sendWarningJob(String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).activityId("Timer_SlaWarning")
        .singleResult();
  }

  private String cockpit() {
    return "http://localhost:" + port + "/camunda/app/cockpit/default/";
  }

  private Page logIntoCockpit(Browser browser, String user) {
    Page page = browser.newPage();
    page.navigate(cockpit());
    Browser.typeLogin(page, user, DEMO_PASSWORD);
    page.locator("button[type=submit]").click();
    page.locator("[data-slaflow-dashboard=ready]").waitFor();
    return page;
  }
}
