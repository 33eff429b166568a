package io.slaflow.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.testsupport.SlaflowTest;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The first start loads the demo organisation and routes the demo leads, so a newcomer sees work at once. */
class DemoOrganisationTest extends SlaflowTest {

  @Autowired Organisation organisation;
  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;

  @Test
  void twoTeamsInDifferentTimeZonesEachWithAManagerAndThreeRepsAndTheirHeadOfSales() {
    assertThat(organisation.teams()).extracting(Team::id)
        .contains("team-berlin", "team-leadership", "team-new-york");
    assertThat(organisation.requireTeam("team-new-york").zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(organisation.reps("team-berlin")).extracting(Person::id)
        .containsExactly("ben.keller", "clara.vogel", "david.wolf");
    assertThat(organisation.manager("team-new-york")).map(Person::id).hasValue("maria.lopez");
    assertThat(organisation.person("maria.lopez").orElseThrow().reportsTo()).isEqualTo("sofia.klein");
    assertThat(organisation.person("olivia.reed").orElseThrow().territories()).containsExactly("US", "CA");
  }

  @Test
  void everyPersonCanLogInWithTheDemoPasswordAndBelongsToTheirGroups() {
    List<String> demo = List.of("sofia.klein", "anna.berg", "ben.keller", "clara.vogel", "david.wolf",
        "maria.lopez", "james.carter", "olivia.reed", "noah.price");
    for (Person person : organisation.people().stream().filter(p -> demo.contains(p.id())).toList()) {
      assertThat(identityService.checkPassword(person.id(), DEMO_PASSWORD)).as(person.id()).isTrue();
      assertThat(identityService.createGroupQuery().groupMember(person.id()).list())
          .extracting(g -> g.getId())
          .contains(person.teamId(), person.role() == Person.Role.MANAGER ? IdentitySync.MANAGERS : IdentitySync.REPS);
    }
    assertThat(identityService.checkPassword("admin", ADMIN_PASSWORD)).isTrue();
    assertThat(filterService.createFilterQuery().filterName("My work").count()).isOne();
  }

  @Test
  void theDemoLeadsAreRoutedToRepsOfBothTeams() {
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("lead-routing").list())
        .extracting(p -> (String) runtimeService.getVariable(p.getId(), "teamId"))
        .contains("team-berlin", "team-new-york");
    assertThat(taskService.createTaskQuery().taskDefinitionKey("Task_MakeFirstContact")
        .taskAssigneeIn("james.carter", "olivia.reed", "noah.price").count()).isPositive();
  }

  @Test
  void theDemoMqlsAndOpportunitiesWaitForSalesInBothTeams() {
    assertThat(taskService.createTaskQuery().taskDefinitionKey("Task_AcceptMql").list())
        .extracting(Task::getAssignee).containsAnyOf("james.carter", "olivia.reed", "noah.price")
        .containsAnyOf("ben.keller", "clara.vogel", "david.wolf");
    assertThat(taskService.createTaskQuery().taskDefinitionKey("Task_AeFollowUp").count()).isGreaterThanOrEqualTo(2);
  }
}
