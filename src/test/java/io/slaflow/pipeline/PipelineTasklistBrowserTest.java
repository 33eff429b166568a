package io.slaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.slaflow.testsupport.Browser;
import io.slaflow.testsupport.Tasklist;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The sales-pipeline forms as people see them in Tasklist: the rep accepts an MQL (the reject reason goes away once
 * they accept) and the deal moves to scheduling discovery; the manager resetting a stalled deal picks the new owner
 * from the team's reps.
 */
class PipelineTasklistBrowserTest extends PipelineTestSupport {

  @Test
  void theRepAcceptsAnMqlInTasklistAndTheReasonFieldGoesAway() {
    String company = "Tasklist " + uniqueName("Co");
    PipelineIntake.Created mql = mql(company);
    String pid = mql.processInstanceId();
    String taskId = task(pid, "Task_AcceptMql").getId();
    assertThat(mql.owner()).as("routed to a demo rep, who logs in below").isIn(BERLIN_REPS);

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, mql.owner(), BERLIN, now());
      Page page = tasklist.page();
      openTask(tasklist, taskId);

      assertThat(page.getByLabel("Company").inputValue()).isEqualTo(company);
      assertThat(page.getByLabel("Company").isEditable()).isFalse();
      assertThat(page.locator(".fjs-form-field-radio").innerText()).contains("Decision");
      Locator reason = field(page, ".fjs-form-field-select", "Reason");
      PlaywrightAssertions.assertThat(reason).isVisible();

      page.getByLabel("Accept: I will work it").check();
      PlaywrightAssertions.assertThat(reason).isHidden();
      PlaywrightAssertions.assertThat(field(page, ".fjs-form-field-textarea", "Note for marketing")).isHidden();
      tasklist.screenshot("target/tasklist-accept-mql.png");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete").setExact(true)).click();
      // Instead of "The task is completed.", Tasklist points the rep to their next task in the same process.
      page.locator(".notifications").getByText("You are assigned to the following tasks").waitFor();
      assertThat(page.locator(".notifications").innerText()).contains("Schedule the discovery call");
    }
    assertThat(stageTask(pid, "Task_AcceptMql")).isNull();
    assertThat(task(pid, "Task_ScheduleDiscovery").getAssignee()).isEqualTo(mql.owner());
  }

  @Test
  void theManagerResettingAStalledDealChoosesTheNewOwnerAmongTheTeamsReps() {
    clockAt(LocalDateTime.of(2026, 11, 30, 10, 0), BERLIN);
    String company = "Stalled " + uniqueName("Co");
    PipelineIntake.Created mql = mql(company);
    String pid = mql.processInstanceId();
    accept(pid);
    toClosing(pid, "2026-11-30T14:00");
    fireTimer(pid, "Timer_DealStalled");
    String reviewId = task(pid, "Task_ReviewStalledDeal").getId();

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, BERLIN_MANAGER, BERLIN, now());
      Page page = tasklist.page();
      openTask(tasklist, reviewId);
      assertThat(page.getByLabel("Company").inputValue()).isEqualTo(company);

      page.getByLabel("Reset with a new owner").check();
      PlaywrightAssertions.assertThat(field(page, ".fjs-form-field-select", "Lost because")).isHidden();
      PlaywrightAssertions.assertThat(field(page, ".fjs-form-field-textfield", "Next step")).isVisible();
      Locator newOwner = field(page, ".fjs-form-field-select", "New owner");
      newOwner.locator(".fjs-select-display").click();
      Locator options = newOwner.locator(".fjs-dropdownlist-item");
      options.first().waitFor();
      tasklist.screenshot("target/tasklist-stalled-review.png");

      assertThat(options.allInnerTexts()).containsExactly("Ben Keller", "Clara Vogel", "David Wolf");
    }
  }

  /** The form is there once its fields are filled from the task's variables. */
  private static void openTask(Tasklist tasklist, String taskId) {
    tasklist.openTask(taskId);
    PlaywrightAssertions.assertThat(tasklist.page().getByLabel("Company")).not().isEmpty();
  }

  private static Locator field(Page page, String type, String label) {
    return page.locator(type).filter(new Locator.FilterOptions()
        .setHas(page.locator("label.fjs-form-field-label", new Page.LocatorOptions().setHasText(label))));
  }
}
