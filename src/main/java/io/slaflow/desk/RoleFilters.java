package io.slaflow.desk;

import io.slaflow.intake.LeadVariables;
import io.slaflow.org.Grants;
import io.slaflow.org.IdentitySync;
import io.slaflow.sla.SlaVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters of each role, created at startup. None uses an expression: authorization already limits each
 * user to their own work, their team queue and (managers) their teams, and expressions stay disabled in stored
 * queries (CVE-2026-109432). Reps and managers may read these filters, never create their own.
 */
@Component
public class RoleFilters {

  /** A filter: its name, what it is for, its query, and which groups see it. */
  record Definition(String name, String description, int priority, TaskQuery query, List<String> groups) {}

  private final FilterService filterService;
  private final TaskService taskService;
  private final Grants grants;

  public RoleFilters(FilterService filterService, TaskService taskService, Grants grants) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.grants = grants;
  }

  List<Definition> definitions() {
    List<String> everyone = List.of(IdentitySync.REPS, IdentitySync.MANAGERS);
    return List.of(
        new Definition("My work", "Your tasks and your team queue (managers: your teams' work), most urgent first",
            -10, byDue(), everyone),
        new Definition("At risk", "Past the first SLA warning (by default 1 hour before the due time)", -9,
            byDue().processVariableValueEquals(SlaVariables.STATE.name(), SlaVariables.AT_RISK), everyone),
        new Definition("Breached", "The SLA due time has passed", -8,
            byDue().processVariableValueEquals(SlaVariables.STATE.name(), SlaVariables.BREACHED), everyone),
        new Definition("Team queue", "Work nobody owns yet: claim it", -7, byDue().taskUnassigned(), everyone),
        new Definition("Escalations", "Breaches escalated to you: decide what happens", -6,
            byDue().taskDefinitionKey(LeadVariables.REVIEW_ESCALATION_TASK), List.of(IdentitySync.MANAGERS)));
  }

  /** Every start, beside the role groups (IdentitySync) whose members read them. */
  @Order(1)
  @EventListener(ApplicationReadyEvent.class)
  public void ensure() {
    for (Definition definition : definitions()) {
      Filter filter = filterService.createFilterQuery().filterName(definition.name()).singleResult();
      // Cards name their records through Slaflow's card plugin, for reps as for managers; filters made before it
      // listed the record's title variable, which managers saw twice and which pushed the card's SLA out of sight.
      Map<String, Object> properties = Map.of("description", definition.description(),
          "priority", definition.priority(), "refresh", true);
      if (filter == null) {
        filter = filterService.newTaskFilter(definition.name()).setQuery(definition.query()).setProperties(properties);
        filterService.saveFilter(filter);
      } else if (!properties.equals(filter.getProperties())) {
        filterService.saveFilter(filter.setProperties(properties));
      }
      for (String group : definition.groups()) {
        grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
  }

  private TaskQuery byDue() {
    return taskService.createTaskQuery().orderByDueDate().asc();
  }
}
