package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.testsupport.Browser;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.TestToday;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a manager sees in Cockpit: the SLA dashboard on Cockpit's start page and on its own page, with charts, and the
 * same figures the reports API gives them.
 */
class CockpitDashboardBrowserTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Organisation organisation;

  /**
   * Two Berlin leads of a Tuesday one to two weeks back, well inside the dashboard's four weeks, whatever day the
   * suite runs: one breached and reassigned (its timers fire long before today), one contacted in time.
   */
  private void seed() {
    LocalDate tuesday = LocalDate.ofInstant(now(), BERLIN).minusDays(7)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY));
    LocalDateTime morning = tuesday.atTime(10, 0);
    clockAt(morning, BERLIN);
    LeadIntake.Created late = createLead(uniqueName("Late"), "DE", "web-form", "medium", "crm-suite");
    fireTimer(late.processInstanceId(), "Timer_Reassign");
    clockAt(morning, BERLIN);
    LeadIntake.Created quick = createLead(uniqueName("Quick"), "DE", "demo-request", "high", "crm-suite");
    taskService.complete(stageTask(quick.processInstanceId(), "Task_MakeFirstContact").getId(), Map.of(
        "channel", "phone", "outcome", "connected", "nextStep", "Demo",
        "nextStepDate", tuesday.plusDays(2).toString()));
    TestToday.reset();
  }

  /** Cockpit at {@code path}, logged in as the Berlin team's manager. */
  private Page asManager(Browser browser, String path, int width, int height) {
    Page page = browser.newPage();
    page.setViewportSize(width, height);
    page.navigate("http://localhost:" + port + "/camunda/app/cockpit/default/" + path);
    Browser.typeLogin(page, "anna.berg", DEMO_PASSWORD);
    page.locator("button[type=submit]").click();
    return page;
  }

  @Test
  void theManagerSeesTheirTeamsFiguresAsTheApiGivesThem() throws Exception {
    seed();
    JsonNode byRep = JSON.readTree(new Http(port).get("/api/reports/adherence?groupBy=rep", "anna.berg",
        DEMO_PASSWORD).body());
    Map<String, String> expected = new TreeMap<>();
    byRep.forEach(row -> expected.put(row.get("label").asText(),
        row.get("visits").asText() + "/" + row.get("met").asText() + "/" + row.get("breached").asText()));
    assertThat(expected).isNotEmpty();
    String breaches = new Http(port).get("/api/reports/breaches", "anna.berg", DEMO_PASSWORD).headers()
        .firstValue("X-Total-Count").orElseThrow();
    assertThat(Integer.parseInt(breaches)).as("at least the late lead's").isPositive();

    try (Browser browser = new Browser()) {
      Page page = asManager(browser, "", 1400, 1800);

      Locator dashboard = page.locator("[data-slaflow-dashboard=ready]");
      dashboard.waitFor();
      page.locator("[data-chart=rep] canvas").first().waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/cockpit-sla-dashboard.png"))
          .setFullPage(true));

      Map<String, String> shown = new TreeMap<>();
      for (Locator row : page.locator("[data-table=rep] tbody tr").all()) {
        List<String> cells = new ArrayList<>(row.locator("td").allInnerTexts());
        shown.put(cells.get(0), cells.get(1) + "/" + cells.get(2) + "/" + cells.get(3));
      }
      assertThat(shown).isEqualTo(expected);
      // The organisation's target beside the figures, as the API states it.
      assertThat(page.locator("[data-part=target]").innerText())
          .isEqualTo("The target: 90 % met, at most 10 % breached.");
      assertThat(dashboard.innerText()).contains("Adherence by stage").contains("Violation rate by week")
          .contains("Sales pipeline waterfall")
          .contains(String.format(Locale.US, "Breaches, last 4 weeks, newest first (%,d)",
              Integer.parseInt(breaches)));
      assertThat(page.locator("[data-table=breaches] tbody tr").count()).as("the first page on the start page")
          .isEqualTo(Math.min(10, Integer.parseInt(breaches)));
      assertThat(shown.keySet()).as("only the Berlin team, by name").contains("Ben Keller")
          .doesNotContain("Olivia Reed", "James Carter", "ben.keller");
      // Newest breach first, named as people name the record.
      JsonNode newest = JSON.readTree(new Http(port).get("/api/reports/breaches?order=newest&limit=1", "anna.berg",
          DEMO_PASSWORD).body()).get(0);
      assertThat(page.locator("[data-table=breaches] tbody tr").first().innerText())
          .contains(newest.get("record").asText()).contains(newest.get("ownerName").asText());
      // A rep's name lists that rep's breaches.
      String bens = new Http(port).get("/api/reports/breaches?rep=ben.keller", "anna.berg", DEMO_PASSWORD).headers()
          .firstValue("X-Total-Count").orElseThrow();
      page.locator("[data-table=rep] a[data-rep='ben.keller']").click();
      page.locator("[data-part=drill-down] h5").getByText("Ben Keller: breaches, last 4 weeks (" + bens + ")")
          .waitFor();

      page.locator("a[href='#/sla']").first().click();
      page.locator("[data-slaflow-dashboard=ready] [data-table=breaches]").waitFor();
      page.locator("[data-chart=waterfall] canvas").first().waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/cockpit-sla-page.png"))
          .setFullPage(true));
      assertThat(page.url()).endsWith("#/sla");
    }
  }

  @Test
  void aManagerOpensCockpitsHumanTasksAndSeesTheirTeamsCountsWithoutAnError() throws Exception {
    // A task of the team given back to nobody: it waits in the team's queue.
    String given = openTicket("high", "Human tasks " + UUID.randomUUID()).processInstanceId();
    taskService.setAssignee(taskService.createTaskQuery().processInstanceId(given).singleResult().getId(), null);
    JsonNode byGroup = JSON.readTree(new Http(port).get("/engine-rest/task/report/candidate-group-count", "anna.berg",
        DEMO_PASSWORD).body());
    Map<String, String> expected = new TreeMap<>();
    byGroup.forEach(row -> expected.put(organisation.team(row.get("groupName").asText()).orElseThrow().name(),
        row.get("taskCount").asText()));
    assertThat(expected).containsKey(organisation.team("team-berlin").orElseThrow().name());

    try (Browser browser = new Browser()) {
      Page page = asManager(browser, "#/tasks", 1400, 1000);
      Locator groups = page.locator(".panel, section, div").filter(new Locator.FilterOptions()
          .setHasText("Assignments by group")).last().locator("tbody tr");
      groups.filter(new Locator.FilterOptions().setHasText(organisation.team("team-berlin").orElseThrow().name()))
          .waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/cockpit-human-tasks.png"))
          .setFullPage(true));
      Map<String, String> shown = new TreeMap<>();
      for (Locator row : groups.all()) {
        List<String> cells = row.locator("td").allInnerTexts();
        if (cells.size() == 2) { // the other row is Cockpit's note that a task may have several groups
          shown.put(cells.get(1).trim(), cells.get(0).trim());
        }
      }
      assertThat(shown).isEqualTo(expected);
      assertThat(page.locator("body").innerText()).doesNotContain("permission");
    }
  }

  @Test
  void theDashboardReadsTheApiWithTheCockpitLoginButCannotWriteWithIt() {
    try (Browser browser = new Browser()) {
      Page page = asManager(browser, "", 1280, 720);
      page.locator("[data-slaflow-dashboard=ready]").waitFor();

      // The page's own cookies, without the browser's Basic-credentials prompt a 401 would raise.
      String base = "http://localhost:" + port;
      int read = page.request().get(base + "/api/reports/adherence").status();
      int write = page.request().post(base + "/api/mqls", RequestOptions.create()
          .setHeader("Content-Type", "application/json").setData("{}")).status();
      assertThat(read).isEqualTo(200);
      assertThat(write).as("writes need the session's token against cross-site requests").isEqualTo(403);
    }
  }

  @Test
  void theManagersRoomListsWhatTheReportCountsDueWithinTheHourAndReloadsByItself() throws Exception {
    clearOpenWork();
    LocalDate tuesday = LocalDate.ofInstant(now(), BERLIN).minusDays(7)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY));
    clockAt(tuesday.atTime(10, 0), BERLIN);
    String name = uniqueName("Room");
    LeadIntake.Created lead = createLead(name, "DE", "web-form", "medium", "crm-suite");
    // Half an hour before the first contact is due: the lead needs its rep now.
    clockAt(records(lead.leadId()).get(0).dueAt().minusSeconds(1800));
    Http http = new Http(port);

    JsonNode byRep = JSON.readTree(http.get("/api/reports/adherence?groupBy=rep", "anna.berg", DEMO_PASSWORD)
        .body());
    int counted = 0;
    for (JsonNode row : byRep) {
      counted += row.get("openAtRisk").asInt();
    }
    JsonNode room = JSON.readTree(http.get("/api/reports/at-risk", "anna.berg", DEMO_PASSWORD).body());
    assertThat(room).hasSize(counted).hasSize(1);
    JsonNode row = room.get(0);
    assertThat(row.get("record").asText()).isEqualTo("Lead " + name + ", Acme DE (DE, web-form)");
    assertThat(row.get("standingLabel").asText()).isEqualTo("At risk");
    assertThat(row.get("ownerName").asText()).isEqualTo(organisationName(lead.owner()));
    assertThat(row.get("stage").asText()).isEqualTo("first-contact");
    assertThat(row.get("cockpitLink").asText()).endsWith("#/process-instance/" + lead.processInstanceId());
    // Another team's manager and a rep of it see none of it.
    assertThat(http.get("/api/reports/at-risk", "maria.lopez", DEMO_PASSWORD).body()).isEqualTo("[]");
    assertThat(http.get("/api/reports/at-risk", "james.carter", DEMO_PASSWORD).body()).isEqualTo("[]");

    try (Browser browser = new Browser()) {
      Page page = asManager(browser, "", 1280, 720);
      Locator section = page.locator("[data-section=at-risk]");
      section.waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/cockpit-at-risk.png")).setFullPage(true));
      assertThat(section.locator("h4").innerText()).isEqualTo("Needs attention now (1)");
      assertThat(section.locator("tbody tr").first().innerText()).contains("At risk").contains(name)
          .contains(organisationName(lead.owner()));

      // The rep makes contact: within the next reload the room no longer lists the lead, without anyone reloading.
      taskService.complete(stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId(), Map.of(
          "channel", "phone", "outcome", "connected", "nextStep", "Demo",
          "nextStepDate", tuesday.plusDays(2).toString()));
      page.getByText("Needs attention now (0)").waitFor(new Locator.WaitForOptions().setTimeout(45_000));
      assertThat(section.innerText()).contains("Nothing is breached or due within the hour.");

      // At phone width the room still fits the screen.
      page.setViewportSize(390, 844);
      assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
    }
  }

  private String organisationName(String personId) {
    return organisation.person(personId).orElseThrow().displayName();
  }
}
