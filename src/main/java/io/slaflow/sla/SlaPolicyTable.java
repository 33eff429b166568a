package io.slaflow.sla;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Looks a stage's SLA up in the process owner's decision table {@code sla-policy} (processes/sla-policy.dmn). The
 * answers are cached per version of the table and set of facts: evaluating the table's FEEL for every stage that
 * starts was over 40% of a lead's intake CPU (BENCHMARKS.md). A new deployment of the table is a new version, so the
 * next lookup evaluates it; the cache is bounded, since facts come in a few hundred combinations.
 */
@Component
public class SlaPolicyTable {

  public static final String DECISION_KEY = "sla-policy";
  private static final int CACHED = 2_000;

  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final Map<List<Object>, SlaPolicy> answers = new ConcurrentHashMap<>();

  public SlaPolicyTable(DecisionService decisionService, RepositoryService repositoryService) {
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
  }

  /**
   * @param facts unit, stage and the record's attributes (source, intent, priority); missing ones are passed as null
   */
  public SlaPolicy lookup(Map<String, Object> facts) {
    DecisionDefinition table = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .withoutTenantId().latestVersion().singleResult();
    if (table == null) {
      throw new IllegalStateException("The SLA policy table " + DECISION_KEY + " is not deployed");
    }
    List<Object> key = Arrays.asList(table.getId(), new HashMap<>(facts));
    SlaPolicy cached = answers.get(key);
    if (cached != null) {
      return cached;
    }
    SlaPolicy policy = evaluate(table.getId(), facts);
    if (answers.size() >= CACHED) {
      answers.clear();
    }
    answers.put(key, policy);
    return policy;
  }

  private SlaPolicy evaluate(String tableId, Map<String, Object> facts) {
    DmnDecisionResult result = decisionService.evaluateDecisionById(tableId).variables(facts).evaluate();
    DmnDecisionResultEntries row = result.getFirstResult();
    if (row == null) {
      throw new IllegalStateException("No SLA policy matches " + facts + " in " + DECISION_KEY);
    }
    return new SlaPolicy(
        row.getEntry("policy"),
        duration(row, "target"),
        SlaPolicy.ClockKind.of(row.getEntry("clock")),
        duration(row, "firstWarning"),
        duration(row, "finalWarning"),
        Boolean.TRUE.equals(row.getEntry("copyManagerOnBreach")),
        duration(row, "escalateAfter"),
        duration(row, "reassignAfter"));
  }

  private static SlaSpan duration(DmnDecisionResultEntries row, String column) {
    String value = row.getEntry(column);
    if (value == null) {
      throw new IllegalStateException("SLA policy column '" + column + "' is empty");
    }
    return SlaSpan.parse(value);
  }
}
