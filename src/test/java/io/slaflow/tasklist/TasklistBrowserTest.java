package io.slaflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.testsupport.Browser;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.nio.file.Path;
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
      Page page = logIntoTasklist(browser, lead.owner());

      // "My work" lists every task the rep may see (their own and their team queue's), as the engine REST API does.
      String visible = new Http(port).get("/engine-rest/task/count", lead.owner(), DEMO_PASSWORD).body()
          .replaceAll("\\D", "");
      page.getByText("My work").first().waitFor();
      page.getByText("Make first contact").first().waitFor();
      // The count's brackets are drawn by CSS, so the text reads "My work 3".
      assertThat(page.locator("body").innerText()).containsPattern("My work\\s+" + visible + "\\s");
      // The rep may have other leads in "My work": open this one by the link the SLA emails carry.
      String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
      page.navigate("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
      page.getByText("Next step date").first().waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/tasklist-first-contact.png"))
          .setFullPage(true));

      assertThat(page.locator("input[readonly]").first().inputValue()).as("the lead's name").isEqualTo(name);
      String text = page.locator("body").innerText();
      assertThat(text).contains("Make first contact").contains("Lead routing");
      // Relative, as Tasklist shows it: "Due in 4 hours" now, "Due in 2 days" on a Friday evening.
      assertThat(text).containsPattern("Due in (an?|\\d+) (hour|hours|day|days)")
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
      Page page = logIntoTasklist(browser, "anna.berg");
      page.getByText("Escalations").first().waitFor();
      String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
      page.navigate("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
      page.getByText("Next step date").first().waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/tasklist-manager.png")));
      assertThat(page.locator("input[readonly]").first().inputValue()).as("the team's lead").isEqualTo(name);

      assertThat(page.locator("body").innerText())
          .contains("My work").contains("At risk").contains("Breached").contains("Team queue")
          .contains("Escalations");
    }
  }

  private Page logIntoTasklist(Browser browser, String user) {
    Page page = browser.newPage();
    page.navigate("http://localhost:" + port + "/camunda/app/tasklist/default/");
    page.locator("input[type=text]").first().fill(user);
    page.locator("input[type=password]").fill(DEMO_PASSWORD);
    page.locator("button[type=submit]").click();
    return page;
  }
}
