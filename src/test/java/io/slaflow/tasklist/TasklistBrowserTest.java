package io.slaflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.testsupport.Browser;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.Tasklist;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the routed rep sees: log into Tasklist, find the lead's task with its due date and its form. */
class TasklistBrowserTest extends SlaflowTest {

  @Autowired Organisation organisation;

  @Test
  void theRoutedRepSeesTheTaskWithItsDueDateAndForm() {
    String name = uniqueName("Tasklist");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "high", "crm-suite");

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, lead.owner(), BERLIN, now());
      Page page = tasklist.page();

      // "My work" lists every task the rep may see (their own and their team queue's), as the engine REST API does.
      String visible = new Http(port).get("/engine-rest/task/count", lead.owner(), DEMO_PASSWORD).body()
          .replaceAll("\\D", "");
      page.getByText("Make first contact").first().waitFor();
      // The count's brackets are drawn by CSS, so the text reads "My work 3".
      assertThat(page.locator("body").innerText()).containsPattern("My work\\s+" + visible + "\\s");
      // The rep may have other leads in "My work": open this one by the link the SLA emails carry.
      String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
      tasklist.openTask(taskId);
      tasklist.screenshot("target/tasklist-first-contact.png");

      assertThat(page.locator("input[readonly]").first().inputValue()).as("the lead's name").isEqualTo(name);
      // The task's header shows its due date ("in 4 hours", beside a bell) and may be drawn after the form.
      page.locator(".task-card").getByText(java.util.regex.Pattern.compile("in (an?|\\d+) (hour|hours|day|days)"))
          .first().waitFor();
      String text = page.locator("body").innerText();
      assertThat(text).contains("Make first contact").contains("Lead routing");
      // Relative, as Tasklist shows it: "in 4 hours" now, "in 2 days" on a Friday evening.
      assertThat(page.locator(".task-card").innerText()).containsPattern("in (an?|\\d+) (hour|hours|day|days)");
      assertThat(text)
          .contains(organisation.person(lead.owner()).orElseThrow().displayName());
      assertThat(text).contains("Channel").contains("Outcome").contains("Next step");
      assertThat(text).doesNotContain("Escalations");
    }
  }

  @Test
  void aManagerSeesTheirTeamsWorkAndTheEscalationsFilter() {
    String name = uniqueName("Manager");
    LeadIntake.Created lead = createLead(name, "DE", "web-form", "medium", "crm-suite");

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, "anna.berg", BERLIN, now());
      Page page = tasklist.page();
      page.getByText("Escalations").first().waitFor();
      String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
      tasklist.openTask(taskId);
      tasklist.screenshot("target/tasklist-manager.png");
      assertThat(page.locator("input[readonly]").first().inputValue()).as("the team's lead").isEqualTo(name);

      assertThat(page.locator("body").innerText())
          .contains("My work").contains("At risk").contains("Breached").contains("Team queue")
          .contains("Escalations");
    }
  }
}
