package io.slaflow.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SelectOption;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.sla.SlaRecord;
import io.slaflow.support.TicketIntake;
import io.slaflow.testsupport.Browser;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.Tasklist;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rep's and a manager's Tasklist: every card names its record and says where its SLA stands, in words and colour,
 * and the list runs most urgent first and says so.
 */
class DeskBrowserTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Organisation organisation;

  private record Opened(String ticketId, String title, String owner, String processInstanceId) {}

  private Opened ticket(String priority) {
    String account = "Card " + UUID.randomUUID().toString().substring(0, 8);
    TicketIntake.Created ticket = openTicket(priority, account);
    return new Opened(ticket.ticketId(), "Ticket " + priority + ": " + account + " (outage)", ticket.owner(),
        ticket.processInstanceId());
  }

  private static Locator cardOf(Tasklist tasklist, String title) {
    return tasklist.cards().filter(new Locator.FilterOptions().setHasText(title));
  }

  @Test
  void aRepsCardsNameTheirRecordsSayWhereEachSlaStandsAndRunMostUrgentFirst() throws Exception {
    clearOpenWork();
    Http http = new Http(port);
    // Thursday 09:00 in Berlin, years before other tests' work, so that these tickets are the rep's most urgent and
    // on Tasklist's first page. Three tickets reach the same rep: the first goes at risk, the second waits on the
    // customer, the third is on track.
    clockAt(LocalDateTime.of(2021, 12, 2, 9, 0), BERLIN);
    Opened atRisk = ticket("normal");
    Opened paused;
    Opened onTrack;
    int opened = 1;
    do { // the team's round robin spreads tickets over its reps: open until two more reach the first one's rep
      paused = ticket("high");
    } while (!paused.owner().equals(atRisk.owner()) && opened++ < 10);
    do {
      onTrack = ticket("low");
    } while (!onTrack.owner().equals(atRisk.owner()) && opened++ < 20);
    assertThat(List.of(paused.owner(), onTrack.owner())).containsOnly(atRisk.owner());
    String rep = atRisk.owner();
    assertThat(http.postJson("/api/tickets/" + paused.ticketId() + "/waiting-on-customer",
        "{\"reason\": \"Asked for the logs\"}", rep, DEMO_PASSWORD).statusCode()).isEqualTo(200);
    fireTimer(atRisk.processInstanceId(), "Timer_FirstResponseWarning");

    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, rep, BERLIN, now());
      Page page = tasklist.page();
      cardOf(tasklist, onTrack.title()).waitFor();
      cardOf(tasklist, atRisk.title()).waitFor();
      cardOf(tasklist, paused.title()).waitFor();
      page.locator(".slaflow-standing").first().waitFor();
      tasklist.screenshot("target/desk-rep.png");

      assertThat(cardOf(tasklist, atRisk.title()).locator(".slaflow-standing").innerText()).isEqualTo("At risk");
      assertThat(cardOf(tasklist, paused.title()).locator(".slaflow-standing").innerText())
          .isEqualTo("Paused: Asked for the logs");
      assertThat(cardOf(tasklist, onTrack.title()).locator(".slaflow-standing").innerText()).isEqualTo("On track");
      // Every card names its record, not only this test's (a card whose visit is over, as other tests leave them,
      // has no standing to show).
      int cards = tasklist.cards().count();
      page.locator(".tasks-list .slaflow-record").nth(cards - 1).waitFor();
      assertThat(page.locator(".tasks-list .slaflow-record").count()).isEqualTo(cards);
      // Tasklist's task priority (50 for every task) says nothing; a ticket's priority is in its title.
      assertThat(tasklist.cards().locator(".priority").first().isVisible()).isFalse();

      // Most urgent first, and the sort menu says so.
      List<Instant> dues = new ArrayList<>();
      for (String href : tasklist.cards().locator("h4 a").all().stream().map(a -> a.getAttribute("href")).toList()) {
        String taskId = href.replaceAll(".*task=([^&]+).*", "$1");
        dues.add(taskService.createTaskQuery().taskId(taskId).singleResult().getDueDate().toInstant());
      }
      assertThat(dues).hasSize(cards).isSortedAccordingTo(Comparator.naturalOrder());
      assertThat(page.locator("ol.sorting-choice").innerText()).startsWith("Due date");

      // Every filter says how many tasks it holds without being opened, as the engine counts them for this rep.
      JsonNode filters = JSON.readTree(http.get("/engine-rest/filter?resourceType=Task&itemCount=true", rep,
          DEMO_PASSWORD).body());
      for (JsonNode filter : filters) {
        String name = filter.get("name").asText();
        if (!name.equals("My work")) {
          Locator count = page.locator(".task-filter").filter(new Locator.FilterOptions().setHasText(name))
              .locator(".slaflow-count");
          count.waitFor();
          assertThat(count.innerText()).as(name).isEqualTo(filter.get("itemCount").asText());
        }
      }
      assertThat(filters).extracting(filter -> filter.get("name").asText())
          .containsExactlyInAnyOrder("My work", "At risk", "Breached", "Team queue");

      // The vendor's migration notice is not the rep's business.
      assertThat(page.locator("body").innerText()).doesNotContain("migrate to Camunda 8");

      // The Record tab beside the form: whom to reach, and the ladder on the rep's own clock. The rep comes by the
      // link in an alert e-mail, which loads Tasklist afresh.
      page.navigate("about:blank");
      tasklist.openTask(stageTask(paused.processInstanceId(), "Task_FirstResponse").getId());
      tasklist.openTab("Record");
      Locator record = page.locator("[data-slaflow-record=ready]");
      record.waitFor();
      tasklist.screenshot("target/desk-record.png");
      assertThat(record.locator("h4").innerText()).isEqualTo("Paused " + paused.title());
      assertThat(record.locator("[data-part=sla]").innerText())
          .contains("Paused since Thu, Dec 2, 2021, 09:00 AM GMT+1: Asked for the logs");
      assertThat(record.locator("a[href='mailto:ole@nordic.example']").count()).isEqualTo(1);
      assertThat(record.locator("a[href='tel:+4722123456']").innerText()).isEqualTo("+47 22 12 34 56");
      // A link from an e-mail opens the list sorted by due date too.
      page.waitForFunction("document.querySelector('ol.sorting-choice').innerText.trim().startsWith('Due date')");
      // High priority from Thursday 09:00 Berlin: due at 13:00 there, on the rep's computer in Berlin.
      assertThat(record.locator("tr").filter(new Locator.FilterOptions().setHasText("Due: the SLA is breached"))
          .innerText()).contains("Thu, Dec 2, 2021, 01:00 PM GMT+1");

      // The customer answered: the rep says so where the work is, and the clock runs again; then it waits again.
      String visit = slaRecords.forRecord("customer-support", paused.ticketId()).get(0).id();
      record.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Customer replied")).click();
      page.locator("[data-slaflow-record=ready] [data-part=actions] button")
          .filter(new Locator.FilterOptions().setHasText("Waiting on customer")).waitFor();
      assertThat(slaRecords.find(visit).orElseThrow().pausedAt()).isNull();
      page.getByLabel("Reason").fill("Asked for a screenshot");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Waiting on customer")).click();
      page.locator("[data-slaflow-record=ready] h4").filter(new Locator.FilterOptions().setHasText("Paused"))
          .waitFor();
      assertThat(slaRecords.find(visit).orElseThrow().pauseReason()).isEqualTo("Asked for a screenshot");

      // A note for whoever works the ticket next, in the rep's name.
      page.getByLabel("Note").fill("Customer sends the screenshot tomorrow");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
      page.locator("[data-slaflow-record=ready] [data-part=notes] li")
          .filter(new Locator.FilterOptions().setHasText("Customer sends the screenshot tomorrow")).waitFor();
      assertThat(page.locator("[data-slaflow-record=ready] [data-part=notes] li").first().innerText())
          .contains(organisation.person(rep).orElseThrow().displayName());
      assertThat(page.locator(".createCommentLink").isVisible()).as("Tasklist's own comments need history rights")
          .isFalse();

      // The same change from another site, or without the session's token, is refused and changes nothing.
      String base = "http://localhost:" + port;
      String token = page.context().cookies().stream().filter(c -> c.name.equals("XSRF-TOKEN")).findFirst()
          .orElseThrow().value;
      String resume = base + "/api/tickets/" + paused.ticketId() + "/customer-replied";
      assertThat(page.request().post(resume, RequestOptions.create().setHeader("Content-Type", "application/json")
          .setData("{}")).status()).isEqualTo(403);
      assertThat(page.request().post(resume, RequestOptions.create().setHeader("Content-Type", "application/json")
          .setHeader("X-XSRF-TOKEN", token).setHeader("Origin", "https://evil.example").setData("{}")).status())
          .isEqualTo(403);
      assertThat(page.request().post(resume, RequestOptions.create().setHeader("Content-Type", "application/json")
          .setHeader("X-XSRF-TOKEN", token + "x").setData("{}")).status()).isEqualTo(403);
      assertThat(slaRecords.find(visit).orElseThrow().pauseReason()).isEqualTo("Asked for a screenshot");
    }
  }

  @Test
  void aDealsRepLogsAMeetingFromTheRecordTabAndReadsItThere() throws Exception {
    Http http = new Http(port);
    clockAt(LocalDateTime.of(2021, 12, 2, 9, 0), BERLIN);
    String company = "Deal " + UUID.randomUUID().toString().substring(0, 8);
    JsonNode deal = JSON.readTree(http.postJson("/api/opportunities", """
        {"contactName": "Jane Doe", "contactEmail": "jane@acme.example", "company": "%s", "country": "DE",
         "source": "web-form", "product": "crm-suite", "amount": 48000}""".formatted(company), "admin",
        ADMIN_PASSWORD).body());
    String id = deal.get("opportunityId").asText();
    String rep = deal.get("owner").asText();
    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, rep, BERLIN, now());
      Page page = tasklist.page();
      tasklist.openTask(stageTask(deal.get("processInstanceId").asText(), "Task_AeFollowUp").getId());
      tasklist.openTab("Record");
      page.locator("[data-slaflow-record=ready]").waitFor();
      assertThat(page.locator("[data-part=activities]").count()).as("no activity yet").isZero();

      page.getByLabel("Kind").selectOption("meeting");
      page.getByLabel("What happened").fill("Demo with the CFO, pricing next");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log activity")).click();
      Locator logged = page.locator("[data-slaflow-record=ready] [data-part=activities] tbody tr");
      logged.filter(new Locator.FilterOptions().setHasText("Demo with the CFO")).waitFor();
      tasklist.screenshot("target/desk-deal.png");
      assertThat(logged.count()).isEqualTo(1);
      assertThat(logged.innerText()).contains("Meeting", organisation.person(rep).orElseThrow().displayName());
    }
    JsonNode activities = JSON.readTree(http.get("/api/opportunities/" + id, "admin", ADMIN_PASSWORD).body())
        .get("activities");
    assertThat(activities).hasSize(1);
    assertThat(activities.get(0).get("kind").asText()).isEqualTo("meeting");
    assertThat(activities.get(0).get("loggedBy").asText()).isEqualTo(rep);
  }

  @Test
  void theHeadOfSalesSendsALeadFromTheUnroutedQueueToATeamFromTheRecordTab() throws Exception {
    clockAt(LocalDateTime.of(2021, 12, 2, 9, 0), BERLIN);
    String name = uniqueName("Osaka");
    LeadIntake.Created lead = createLead(name, "JP", "web-form", "medium", "crm-suite");
    String berlin = organisation.team("team-berlin").orElseThrow().name();
    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, "sofia.klein", BERLIN, now());
      Page page = tasklist.page();
      tasklist.openTask(stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId());
      tasklist.openTab("Record");
      page.locator("[data-slaflow-record=ready]").waitFor();
      page.getByLabel("Team").selectOption(new SelectOption().setLabel(berlin));
      page.getByLabel("Why").fill("The customer's German subsidiary buys");
      tasklist.screenshot("target/desk-send-to-team.png");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to team")).click();
      page.locator("[data-slaflow-record=gone]").waitFor();
    }
    assertThat(runtimeService.getVariable(lead.processInstanceId(), "teamId")).isEqualTo("team-berlin");
    assertThat(records(lead.leadId())).extracting(SlaRecord::teamId)
        .containsExactly("team-unrouted", "team-berlin");
  }

  @Test
  void theTeamsManagerSeesTheSameWordsOnTheTeamsCards() throws Exception {
    clockAt(LocalDateTime.of(2021, 12, 2, 9, 0), BERLIN);
    Opened opened = ticket("high");
    try (Browser browser = new Browser()) {
      Tasklist tasklist = Tasklist.logIn(browser, port, "anna.berg", BERLIN, now());
      tasklist.openFilter("Team queue");
      tasklist.openFilter("My work");
      Locator card = cardOf(tasklist, opened.title());
      card.waitFor();
      tasklist.screenshot("target/desk-manager.png");
      assertThat(card.locator(".slaflow-record").innerText()).isEqualTo(opened.title());
      assertThat(card.locator(".slaflow-standing").innerText()).isEqualTo("On track");
      // Named once, by the card itself, where the collapsed card shows it.
      assertThat(card.innerText()).doesNotContain("Record:");
    }
  }
}
