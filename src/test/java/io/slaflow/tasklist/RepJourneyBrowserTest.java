package io.slaflow.tasklist;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.slaflow.intake.LeadIntake;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Browser;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.Tasklist;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tasklist journey of a new lead, in a real browser: the rep finds it under "My work", sees what to do and by
 * when on their own clock, is stopped by the stage gate while a required field is empty, and makes first contact;
 * a lead nobody acted on reaches the manager under "Escalations" once its SLA ladder has run.
 * Screenshots: target/tasklist-*.png.
 */
class RepJourneyBrowserTest extends SlaflowTest {

  /** Tuesday 1 December 2026, 10:00 in Berlin and 4:00 in New York: a working day for both teams. */
  private static final LocalDateTime TUESDAY_10_BERLIN = LocalDateTime.of(2026, 12, 1, 10, 0);

  /** How Tasklist writes an absolute date when the pointer rests on "in 4 hours" (its "long" date format). */
  private static final DateTimeFormatter TASKLIST_LONG_DATE =
      DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy HH:mm", Locale.ENGLISH);

  @Autowired HistoryService historyService;

  @Test
  void theRepFindsTheNewLeadIsStoppedByTheEmptyNextStepAndMakesFirstContact() {
    clockAt(TUESDAY_10_BERLIN, BERLIN);
    String name = uniqueName("Journey");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "high", "crm-suite");
    String pid = lead.processInstanceId();
    Task task = stageTask(pid, "Task_MakeFirstContact");

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, lead.owner(), BERLIN, now());
      Page page = tasklist.page();

      tasklist.searchByProcessVariable("leadName", name);
      Locator card = tasklist.cards().first();
      assertThat(tasklist.cards()).hasCount(1);
      assertThat(card.locator("h4.task")).hasText("Make first contact");
      assertThat(card.locator(".slaflow-record")).hasText("Lead " + name + ", Acme DE (DE, demo-request)");
      assertThat(card.locator(".due-date")).hasText("Due in 4 hours");
      // The rep's computer is in Berlin: 4 business hours from 10:00 is 14:00 on their clock.
      assertThat(tasklist.tooltipOf(card.locator(".due-date [am-time-ago]")))
          .isEqualTo(onTasklist(task.getDueDate(), BERLIN)).isEqualTo("Tuesday, 1 December 2026 14:00");
      tasklist.screenshot("target/tasklist-rep-my-work.png");

      card.locator("h4.task a").click();
      page.locator(".fjs-form").waitFor();
      assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue(name);
      assertThat(page.locator(".task-card h2.task")).hasText("Make first contact");
      Locator headerDue = page.locator("[cam-tasklist-task-meta] .due-date [am-time-ago]");
      assertThat(headerDue).hasText("in 4 hours");
      assertThat(tasklist.tooltipOf(headerDue)).isEqualTo(onTasklist(task.getDueDate(), BERLIN));
      // The stage template of the task's documentation says what to do.
      tasklist.openTab("Description");
      assertThat(page.locator(".description-pane"))
          .containsText("Next action: reach the lead and agree the next step.");
      tasklist.openTab("Form");
      page.locator(".fjs-form").waitFor();

      choose(page, "Channel", "Phone call");
      choose(page, "Outcome", "Meeting booked");
      // The rep's browser speaks US English, so form-js asks for mm/dd/yyyy.
      Locator nextStepDate = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Next step date"));
      nextStepDate.fill("12/02/2026");
      nextStepDate.press("Enter");
      Locator complete = page.getByRole(AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Complete").setExact(true));
      complete.click();

      Locator nextStep = field(page, "Next step");
      assertThat(nextStep.locator(".fjs-form-field-error")).hasText("Field is required.");
      // Only the empty field is marked: the others the rep filled are fine.
      assertThat(page.locator(".fjs-form-field.fjs-has-errors")).hasCount(1);
      assertThat(page.locator(".notifications")).containsText("An error happened while submitting the task form");
      assertThat(complete).isDisabled();
      tasklist.screenshot("target/tasklist-rep-required-field.png");
      assertThat(stageTask(pid, "Task_MakeFirstContact")).as("the task stays open").isNotNull();

      page.locator(".notifications").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("×")).click();
      nextStep.locator("input").fill("Product demo with their sales lead on Wednesday");
      assertThat(nextStep.locator(".fjs-form-field-error")).isHidden();
      complete.click();

      assertThat(tasklist.cards()).hasCount(0);
      assertThat(page.getByText("No task matching filters found.")).isVisible();
      tasklist.screenshot("target/tasklist-rep-completed.png");
    }

    assertThat(stageTask(pid, "Task_MakeFirstContact")).isNull();
    // Not marked sales-ready: the follow-up comes to the rep's desk on the next-step date, at Berlin's opening.
    assertThat(timerJob(pid, "Timer_NextStepDate").getDuedate().toInstant())
        .isEqualTo(LocalDateTime.of(2026, 12, 2, 9, 0).atZone(BERLIN).toInstant());
    SlaRecord record = records(lead.leadId()).get(0);
    assertThat(record.outcome()).isEqualTo("met");
    assertThat(historicValue(pid, "outcome")).isEqualTo("meeting-booked");
    assertThat(historicValue(pid, "nextStepDate")).isEqualTo("2026-12-02");
  }

  @Test
  void aNewYorkRepSeesTheDueTimeOnNewYorkClocks() {
    clockAt(TUESDAY_10_BERLIN, BERLIN);
    String name = uniqueName("Eastern");
    LeadIntake.Created lead = createLead(name, "US", "demo-request", "high", "crm-suite");
    Task task = stageTask(lead.processInstanceId(), "Task_MakeFirstContact");

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, lead.owner(), NEW_YORK, now());
      tasklist.searchByProcessVariable("leadName", name);
      Locator card = tasklist.cards().first();
      assertThat(tasklist.cards()).hasCount(1);
      // 4:00 in New York: the team opens at 9:00, so four business hours end at 13:00 there (19:00 in Berlin).
      assertThat(card.locator(".due-date")).hasText("Due in 9 hours");
      assertThat(tasklist.tooltipOf(card.locator(".due-date [am-time-ago]")))
          .isEqualTo(onTasklist(task.getDueDate(), NEW_YORK)).isEqualTo("Tuesday, 1 December 2026 13:00");
      assertThat(tasklist.page().locator("#footer-timezone"))
          .hasText("Date and Time displayed in local timezone: America/New_York");
      tasklist.screenshot("target/tasklist-rep-new-york.png");
    }
  }

  @Test
  void theManagerFindsTheLeadTheRepLeftUnansweredUnderEscalations() {
    clockAt(TUESDAY_10_BERLIN, BERLIN);
    String name = uniqueName("Unanswered");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "high", "crm-suite");
    String pid = lead.processInstanceId();
    // Nobody acts on the lead: the ladder runs rung by rung.
    fireTimer(pid, "Timer_SlaWarning");
    fireTimer(pid, "Timer_SlaFinalWarning");
    fireTimer(pid, "Timer_SlaBreach");
    fireTimer(pid, "Timer_SlaEscalation");
    Task review = stageTask(pid, "Task_ReviewEscalation");
    assertThat(review.getAssignee()).isEqualTo("anna.berg");

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, "anna.berg", BERLIN, now());
      Page page = tasklist.page();
      tasklist.openFilter("Escalations");
      tasklist.searchByProcessVariable("leadName", name);
      Locator card = tasklist.cards().first();
      assertThat(tasklist.cards()).hasCount(1);
      assertThat(card.locator("h4.task")).hasText("Review escalated lead");
      // A manager's cards name the record (the filters show its title), so their teams' leads are told apart.
      assertThat(card).containsText("Lead " + name + ", Acme DE");
      assertThat(tasklist.tooltipOf(card.locator(".due-date [am-time-ago]")))
          .as("when the lead is reassigned without her decision")
          .isEqualTo(onTasklist(review.getDueDate(), BERLIN));

      card.locator("h4.task a").click();
      page.locator(".fjs-form").waitFor();
      assertThat(page.getByLabel("Lead", new Page.GetByLabelOptions().setExact(true))).hasValue(name);
      assertThat(page.locator(".fjs-form")).containsText("The owner has not made first contact");
      tasklist.screenshot("target/tasklist-manager-escalation.png");
    }
  }

  private static String onTasklist(Date instant, ZoneId zone) {
    return TASKLIST_LONG_DATE.format(instant.toInstant().atZone(zone));
  }

  /** Picks an option of a form-js select by its label, as a person does: open the list, click the option. */
  private static void choose(Page page, String label, String option) {
    Locator select = field(page, label);
    select.locator(".fjs-select-display").click();
    select.locator(".fjs-dropdownlist-item").filter(new Locator.FilterOptions().setHasText(option)).click();
  }

  private static Locator field(Page page, String label) {
    return page.locator(".fjs-form-field").filter(new Locator.FilterOptions().setHas(
        page.locator("label.fjs-form-field-label", new Page.LocatorOptions()
            .setHasText(Pattern.compile("^" + label + "\\*?$")))));
  }

  private Object historicValue(String pid, String variable) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(pid).variableName(variable).list()
        .stream().map(HistoricVariableInstance::getValue).findFirst().orElse(null);
  }
}
