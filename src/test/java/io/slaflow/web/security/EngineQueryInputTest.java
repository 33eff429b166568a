package io.slaflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.WebappSession;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two mistakes in an engine query that the engine's REST API answered with 500, as if the server had failed, now
 * answered 400 with what is wrong, at both doors (the engine REST API and the webapps' copy of it), for administrators
 * and reps alike; the same queries written right still answer.
 */
class EngineQueryInputTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OBJECT_VALUE =
      "{\"processVariables\": [{\"name\": \"leadName\", \"operator\": \"eq\", \"value\": {\"a\": 1}}]}";
  private static final String ARRAY_VALUE =
      "{\"orQueries\": [{\"processVariables\": [{\"name\": \"leadName\", \"operator\": \"eq\", \"value\": [1]}]}]}";
  private static final String UNNAMED_SORT = "{\"sorting\": [{\"sortBy\": \"processVariable\", \"sortOrder\": \"asc\","
      + " \"parameters\": {\"type\": \"String\"}}]}";

  @Test
  void theEngineRestApiAnswersAQuerysMistakes400AndTheRightQueryStill200() throws Exception {
    clearOpenWork();
    clockAt(LocalDateTime.of(2026, 11, 30, 10, 0), BERLIN);
    String name = uniqueName("Query");
    LeadIntake.Created lead = createLead(name, "DE", "demo-request", "high", "crm-suite");
    Http http = new Http(port);
    for (String[] user : List.of(new String[] {"admin", ADMIN_PASSWORD}, new String[] {lead.owner(), DEMO_PASSWORD})) {
      assertMistake(http.postJson("/engine-rest/task", OBJECT_VALUE, user[0], user[1]),
          "The condition on variable 'leadName' compares with a JSON object");
      assertMistake(http.postJson("/engine-rest/task/count", ARRAY_VALUE, user[0], user[1]),
          "The condition on variable 'leadName' compares with a JSON array");
      assertMistake(http.postJson("/engine-rest/task", UNNAMED_SORT, user[0], user[1]),
          "Sorting by processVariable needs the variable's name in parameters.variable");

      HttpResponse<String> right = http.postJson("/engine-rest/task", OBJECT_VALUE.replace("{\"a\": 1}", "\"" + name
          + "\"").replace("}]}", "}], \"sorting\": [{\"sortBy\": \"processVariable\", \"sortOrder\": \"asc\","
          + " \"parameters\": {\"variable\": \"leadName\", \"type\": \"String\"}}]}"), user[0], user[1]);
      assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
      assertThat(JSON.readTree(right.body()).findValuesAsText("processInstanceId"))
          .containsExactly(lead.processInstanceId());
    }
  }

  @Test
  void theWebappsCopyOfTheApiAnswersThemAlike() throws Exception {
    WebappSession rep = new WebappSession(port, "127.0.0.1");
    assertThat(rep.logIn("ben.keller", DEMO_PASSWORD).statusCode()).isEqualTo(200);

    Http.Answer wrong = rep.engine("POST", "task", OBJECT_VALUE);
    assertThat(wrong.statusCode()).as(wrong.toString()).isEqualTo(400);
    assertThat(JSON.readTree(wrong.body()).path("message").asText())
        .startsWith("The condition on variable 'leadName' compares with a JSON object");
    assertThat(rep.engine("POST", "task", UNNAMED_SORT).statusCode()).isEqualTo(400);
    assertThat(rep.engine("POST", "task/count", "{\"assignee\": \"ben.keller\"}").statusCode()).isEqualTo(200);
  }

  private static void assertMistake(HttpResponse<String> answer, String message) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(body.path("message").asText()).startsWith(message);
  }
}
