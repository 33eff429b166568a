package io.slaflow.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.org.Organisation;
import io.slaflow.support.TicketIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The words on a task's card ({@code GET /api/desk/cards}): the record it is for, as its title says it now, and where
 * its SLA stands, for the people who may read the task and nobody else.
 */
class DeskTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @Autowired Organisation organisation;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private JsonNode card(String taskId, String user) throws Exception {
    HttpResponse<String> answer = http.get("/api/desk/cards?task=" + taskId, user, DEMO_PASSWORD);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode cards = JSON.readTree(answer.body());
    assertThat(cards).hasSize(1);
    return cards.get(0);
  }

  @Test
  void aTicketsCardFollowsItsTitleAndSaysWhereItsSlaStandsAtEveryStep() throws Exception {
    // Thursday 09:00 in Berlin: a normal ticket's first response is due at 18:00, the warning at 17:00.
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String account = "Desk " + UUID.randomUUID();
    TicketIntake.Created ticket = openTicket("normal", account);
    String id = ticket.ticketId();
    String pid = ticket.processInstanceId();
    String owner = ticket.owner();
    String taskId = stageTask(pid, "Task_FirstResponse").getId();

    JsonNode card = card(taskId, owner);
    assertThat(card.get("record").asText()).isEqualTo("Ticket normal: " + account + " (outage)");
    assertThat(card.get("standing").asText()).isEqualTo("on-track");
    assertThat(card.get("standingLabel").asText()).isEqualTo("On track");
    assertThat(card.get("dueAt").asText()).isEqualTo("2026-12-03T17:00:00Z");

    // Waiting on the customer: the card says so, and why.
    assertThat(http.postJson("/api/tickets/" + id + "/waiting-on-customer", "{\"reason\": \"Asked for the logs\"}",
        owner, DEMO_PASSWORD).statusCode()).isEqualTo(200);
    card = card(taskId, owner);
    assertThat(card.get("standing").asText()).isEqualTo("paused");
    assertThat(card.get("standingLabel").asText()).isEqualTo("Paused");
    assertThat(card.get("pauseReason").asText()).isEqualTo("Asked for the logs");
    assertThat(http.postJson("/api/tickets/" + id + "/customer-replied", "", owner, DEMO_PASSWORD).statusCode())
        .isEqualTo(200);
    assertThat(card(taskId, owner).get("standing").asText()).isEqualTo("on-track");

    // The team's manager raises the priority: the card names the ticket as it is now, for rep and manager alike.
    assertThat(http.putJson("/api/tickets/" + id + "/priority", "{\"priority\": \"high\"}", "anna.berg",
        DEMO_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(card(taskId, owner).get("record").asText()).isEqualTo("Ticket high: " + account + " (outage)");
    assertThat(card(taskId, "anna.berg").get("record").asText()).isEqualTo("Ticket high: " + account + " (outage)");

    fireTimer(pid, "Timer_FirstResponseWarning");
    assertThat(card(taskId, owner).get("standingLabel").asText()).isEqualTo("At risk");
    fireTimer(pid, "Timer_FirstResponseBreach");
    assertThat(card(taskId, owner).get("standingLabel").asText()).isEqualTo("Breached");
    fireTimer(pid, "Timer_FirstResponseEscalation");
    assertThat(card(taskId, owner).get("standingLabel").asText()).isEqualTo("Escalated");
  }

  @Test
  void nobodyReadsTheCardOfATaskTheyMayNotSeeAndTheCardsChangeNothing() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String name = uniqueName("Desk");
    String pid = createLead(name, "DE", "web-form", "high", "crm-suite").processInstanceId();
    String taskId = stageTask(pid, "Task_MakeFirstContact").getId();
    String cardsOf = "/api/desk/cards?task=" + taskId;

    // Another team's rep and manager get no card, as if the task did not exist; Berlin's manager gets it.
    assertThat(http.get(cardsOf, "james.carter", DEMO_PASSWORD).body()).isEqualTo("[]");
    assertThat(http.get(cardsOf, "maria.lopez", DEMO_PASSWORD).body()).isEqualTo("[]");
    assertThat(card(taskId, "anna.berg").get("record").asText()).startsWith("Lead " + name + ", Acme DE");
    HttpResponse<String> anonymous = http.get(cardsOf, null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);

    // A page of cards at a time: more than 100 ids is refused, naming the parameter.
    String page = String.join("&", IntStream.range(0, 101).mapToObj(i -> "task=t" + i).toList());
    HttpResponse<String> refused = http.get("/api/desk/cards?" + page, "anna.berg", DEMO_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(refused.body()).get("errors").toString())
        .isEqualTo("[{\"field\":\"task\",\"message\":\"at most 100 task ids at once, not 101\"}]");

    // Reading cards is all this door does: no write goes through it.
    assertThat(http.postJson("/api/desk/cards?task=" + taskId, "{}", "anna.berg", DEMO_PASSWORD).statusCode())
        .isEqualTo(405);
    assertThat(runtimeService.getVariable(pid, "recordTitle")).isEqualTo(card(taskId, "anna.berg").get("record")
        .asText());
  }

  @Test
  void theRecordTabSaysWhoToReachByWhenWhatHappensIfNotAndWhatHappenedBefore() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String account = "Record " + UUID.randomUUID();
    TicketIntake.Created ticket = openTicket("normal", account);
    String pid = ticket.processInstanceId();
    String owner = ticket.owner();
    String taskId = stageTask(pid, "Task_FirstResponse").getId();
    assertThat(http.postJson("/api/tickets/" + ticket.ticketId() + "/waiting-on-customer",
        "{\"reason\": \"Asked for the logs\"}", owner, DEMO_PASSWORD).statusCode()).isEqualTo(200);

    HttpResponse<String> answer = http.get("/api/desk/tasks/" + taskId, owner, DEMO_PASSWORD);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(answer.body());
    assertThat(view.get("record").asText()).isEqualTo("Ticket normal: " + account + " (outage)");
    assertThat(view.get("contactName").asText()).isEqualTo("Ole Hansen");
    assertThat(view.get("contactEmail").asText()).isEqualTo("ole@nordic.example");
    assertThat(view.get("contactPhone").asText()).isEqualTo("+47 22 12 34 56");
    assertThat(view.get("policy").asText()).isEqualTo(runtimeService.getVariable(pid, "slaPolicy"));
    assertThat(view.get("clock").asText()).isEqualTo("Business hours of " + organisation.team("team-berlin")
        .orElseThrow().name() + ", 09:00 to 18:00 Europe/Berlin, its holidays off");
    assertThat(view.get("standingLabel").asText()).isEqualTo("Paused");
    assertThat(view.get("pauseReason").asText()).isEqualTo("Asked for the logs");
    // Every rung at the instant its timer waits for.
    List<String> ladder = new ArrayList<>();
    view.get("ladder").forEach(rung -> ladder.add(rung.get("name").asText() + " " + rung.get("at").asText()));
    assertThat(ladder).containsExactly(
        "First warning to the owner " + instant(pid, "slaWarningAt"),
        "Final warning to the owner " + instant(pid, "slaFinalWarningAt"),
        "Due: the SLA is breached after this 2026-12-03T17:00:00Z",
        "Escalated to the manager " + instant(pid, "slaEscalateAt"),
        "Reassigned to another rep " + instant(pid, "slaReassignAt"));
    assertThat(view.get("history")).hasSize(1);
    JsonNode visit = view.get("history").get(0);
    assertThat(visit.get("stage").asText()).isEqualTo("first-response");
    assertThat(visit.get("owner").asText()).isEqualTo(organisation.person(owner).orElseThrow().displayName());
    assertThat(visit.get("startedAt").asText()).isEqualTo("2026-12-03T08:00:00Z");
    assertThat(visit.get("outcome").asText()).isEqualTo("open");
    // While the ticket waits, the one thing to do from the task is to say that the customer replied.
    assertThat(view.get("actions").toString()).isEqualTo("[{\"label\":\"Customer replied\",\"path\":\"/api/tickets/"
        + ticket.ticketId() + "/customer-replied\",\"inputs\":[]}]");

    // Whoever may not read the task learns nothing of it, not even that it exists.
    HttpResponse<String> refused = http.get("/api/desk/tasks/" + taskId, "james.carter", DEMO_PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(refused.body()).get("detail").asText())
        .isEqualTo("No task '" + taskId + "' you may read");
    assertThat(http.get("/api/desk/tasks/no-such-task", "james.carter", DEMO_PASSWORD).body())
        .isEqualTo(refused.body().replace(taskId, "no-such-task"));
  }

  @Test
  void aDealsRecordListsItsActivitiesAndItsRepLogsOneFromTheTask() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    String company = "Deal " + UUID.randomUUID();
    HttpResponse<String> created = http.postJson("/api/opportunities", """
        {"contactName": "Jane Doe", "contactEmail": "jane@acme.example", "company": "%s", "country": "DE",
         "source": "web-form", "product": "crm-suite", "amount": 48000}""".formatted(company), "admin",
        ADMIN_PASSWORD);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode deal = JSON.readTree(created.body());
    String id = deal.get("opportunityId").asText();
    String owner = deal.get("owner").asText();
    String taskId = stageTask(deal.get("processInstanceId").asText(), "Task_AeFollowUp").getId();

    JsonNode view = JSON.readTree(http.get("/api/desk/tasks/" + taskId, owner, DEMO_PASSWORD).body());
    assertThat(view.get("activities")).isEmpty();
    assertThat(view.get("actions").toString()).isEqualTo("[{\"label\":\"Log activity\",\"path\":\"/api/opportunities/"
        + id + "/activities\",\"inputs\":[{\"name\":\"kind\",\"label\":\"Kind\",\"options\":"
        + "{\"call\":\"Call\",\"email\":\"Email\",\"meeting\":\"Meeting\",\"note\":\"Note\","
        + "\"prospect-replied\":\"The prospect replied\"}},{\"name\":\"note\",\"label\":\"What happened\","
        + "\"hint\":\"e.g. called, agreed a demo on Tuesday\",\"options\":{}}]}]");

    // The rep sends what the action asks for, where the action says.
    clockAt(LocalDateTime.of(2026, 12, 3, 10, 15), BERLIN);
    assertThat(http.postJson("/api/opportunities/" + id + "/activities",
        "{\"kind\": \"call\", \"note\": \"Reached the CFO, demo on Tuesday\"}", owner, DEMO_PASSWORD)
        .statusCode()).isEqualTo(201);
    JsonNode activity = JSON.readTree(http.get("/api/desk/tasks/" + taskId, owner, DEMO_PASSWORD).body())
        .get("activities");
    assertThat(activity).hasSize(1);
    assertThat(activity.get(0).get("kind").asText()).isEqualTo("Call");
    assertThat(activity.get(0).get("note").asText()).isEqualTo("Reached the CFO, demo on Tuesday");
    assertThat(activity.get(0).get("by").asText()).isEqualTo(organisation.person(owner).orElseThrow().displayName());
    assertThat(activity.get(0).get("at").asText()).isEqualTo("2026-12-03T09:15:00Z");

    // A rep of another team neither reads the record nor logs on the deal, and nothing is logged.
    assertThat(http.get("/api/desk/tasks/" + taskId, "olivia.reed", DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(http.postJson("/api/opportunities/" + id + "/activities", "{\"kind\": \"note\"}", "olivia.reed",
        DEMO_PASSWORD).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(http.get("/api/desk/tasks/" + taskId, owner, DEMO_PASSWORD).body()).get("activities"))
        .hasSize(1);
  }

  @Test
  void aNoteLeftOnTheRecordIsReadByEveryoneWhoWorksItAndByNobodyElse() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 3, 9, 0), BERLIN);
    LeadIntake.Created lead = createLead(uniqueName("Note"), "DE", "web-form", "high", "crm-suite");
    String taskId = stageTask(lead.processInstanceId(), "Task_MakeFirstContact").getId();
    String notes = "/api/desk/tasks/" + taskId + "/notes";

    HttpResponse<String> left = http.postJson(notes, "{\"text\": \"  Called, left a voicemail  \"}", lead.owner(),
        DEMO_PASSWORD);
    assertThat(left.statusCode()).isEqualTo(201);
    String author = organisation.person(lead.owner()).orElseThrow().displayName();
    assertThat(JSON.readTree(left.body()).get("author").asText()).isEqualTo(author);
    JsonNode seen = JSON.readTree(http.get("/api/desk/tasks/" + taskId, "anna.berg", DEMO_PASSWORD).body())
        .get("notes");
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).get("text").asText()).isEqualTo("Called, left a voicemail");
    assertThat(seen.get(0).get("author").asText()).isEqualTo(author);
    assertThat(seen.get(0).get("at").asText()).isEqualTo("2026-12-03T08:00:00Z");

    // Another team's rep cannot write on it, an empty or overlong note is refused naming the field: no note more.
    assertThat(http.postJson(notes, "{\"text\": \"Mine now\"}", "james.carter", DEMO_PASSWORD).statusCode())
        .isEqualTo(404);
    HttpResponse<String> blank = http.postJson(notes, "{\"text\": \" \"}", lead.owner(), DEMO_PASSWORD);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(blank.body()).get("errors").get(0).get("field").asText()).isEqualTo("text");
    assertThat(http.postJson(notes, "{\"text\": \"" + "x".repeat(Desk.NOTE_LENGTH + 1) + "\"}", lead.owner(),
        DEMO_PASSWORD).statusCode()).isEqualTo(400);
    assertThat(taskService.getProcessInstanceComments(lead.processInstanceId())).hasSize(1);
  }

  private String instant(String pid, String variable) {
    return ((Date) runtimeService.getVariable(pid, variable)).toInstant().toString();
  }
}
