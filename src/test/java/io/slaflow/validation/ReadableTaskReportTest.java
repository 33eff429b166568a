package io.slaflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.Test;

/**
 * Cockpit's Human Tasks page reads the engine's count of open tasks by candidate group: a manager gets the count of
 * the tasks of their own teams instead of an authorization error, and learns nothing of other teams' work.
 */
class ReadableTaskReportTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPORT = "/engine-rest/task/report/candidate-group-count";

  private Map<String, Integer> report(Http http, String user, String password) throws Exception {
    HttpResponse<String> answer = http.get(REPORT, user, password);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode row : JSON.readTree(answer.body())) {
      counts.put(row.get("groupName").isNull() ? null : row.get("groupName").asText(), row.get("taskCount").asInt());
    }
    return counts;
  }

  /** Gives the instance's task back to nobody, as a manager does; its candidate group, or null if none. */
  private String unassign(String processInstanceId) {
    String taskId = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    taskService.setAssignee(taskId, null);
    return taskService.getIdentityLinksForTask(taskId).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId)
        .findFirst().orElse(null);
  }

  private static Map<String, Integer> plusOne(Map<String, Integer> counts, String group) {
    Map<String, Integer> expected = new HashMap<>(counts);
    expected.merge(group, 1, Integer::sum);
    return expected;
  }

  @Test
  void aManagerCountsTheUnassignedTasksOfTheirOwnTeamsByGroupAndNothingOfOtherTeams() throws Exception {
    Http http = new Http(port);
    Map<String, Integer> managerBefore = report(http, "anna.berg", DEMO_PASSWORD);
    Map<String, Integer> adminBefore = report(http, "admin", ADMIN_PASSWORD);

    String berlin = unassign(openTicket("normal", "Report " + UUID.randomUUID()).processInstanceId());
    Map<String, Integer> managerWithBerlin = plusOne(managerBefore, berlin);
    assertThat(report(http, "anna.berg", DEMO_PASSWORD)).isEqualTo(managerWithBerlin);

    // New York's work is not the Berlin manager's business; an administrator, who reads every task, gets the
    // engine's own report with both.
    String newYork = unassign(createLead(uniqueName("Report"), "US", "web-form", "medium", "crm-suite")
        .processInstanceId());
    assertThat(report(http, "anna.berg", DEMO_PASSWORD)).isEqualTo(managerWithBerlin);
    assertThat(report(http, "admin", ADMIN_PASSWORD)).isEqualTo(plusOne(plusOne(adminBefore, berlin), newYork));
  }
}
