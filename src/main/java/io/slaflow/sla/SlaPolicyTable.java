package io.slaflow.sla;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/** Looks a stage's SLA up in the process owner's decision table {@code sla-policy} (processes/sla-policy.dmn). */
@Component
public class SlaPolicyTable {

  public static final String DECISION_KEY = "sla-policy";

  private final DecisionService decisionService;

  public SlaPolicyTable(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  /**
   * @param facts unit, stage and the record's attributes (source, intent, priority); missing ones are passed as null
   */
  public SlaPolicy lookup(Map<String, Object> facts) {
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(DECISION_KEY).variables(facts).evaluate();
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
