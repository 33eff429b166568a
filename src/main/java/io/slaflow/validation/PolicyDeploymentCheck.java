package io.slaflow.validation;

import io.slaflow.sla.SlaPolicy;
import io.slaflow.sla.SlaPolicyTable;
import io.slaflow.sla.SlaSpan;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A policy table that cannot run is refused when it is deployed, not when a stage starts under it: every rule's
 * spans (target, warnings, escalation, reassignment) and clock are read with the parsers the SLA clock uses, and the
 * deployment fails naming the rule and the column. Runs before the engine's own deployers, in the deployment's
 * transaction, so nothing of a refused deployment is kept; the engine REST API answers 400.
 */
final class PolicyDeploymentCheck implements Deployer {

  private static final Set<String> SPANS = Set.of("target", "firstWarning", "finalWarning", "escalateAfter",
      "reassignAfter");

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (deployment.getResources() == null) {
      return;
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(".dmn") && resource.getBytes() != null) {
        List<String> problems = problems(Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes())));
        if (!problems.isEmpty()) {
          throw new BadUserRequestException("The SLA policy in " + resource.getName() + " cannot run: "
              + String.join("; ", problems));
        }
      }
    }
  }

  /** What is wrong with the table {@code sla-policy} of the model, rule by rule; empty for any other table. */
  static List<String> problems(DmnModelInstance model) {
    List<String> problems = new ArrayList<>();
    var decision = model.getModelElementById(SlaPolicyTable.DECISION_KEY);
    if (decision == null) {
      return problems;
    }
    for (DecisionTable table : decision.getChildElementsByType(DecisionTable.class)) {
      List<Output> outputs = new ArrayList<>(table.getOutputs());
      for (Rule rule : table.getRules()) {
        List<LiteralExpression> entries = new ArrayList<>(rule.getOutputEntries());
        for (int i = 0; i < outputs.size() && i < entries.size(); i++) {
          String column = outputs.get(i).getName();
          String value = unquoted(entries.get(i).getTextContent());
          try {
            if (SPANS.contains(column)) {
              SlaSpan span = SlaSpan.parse(value);
              if (column.equals("target") && span.isZero()) {
                throw new IllegalArgumentException("a target of zero is breached as it starts");
              }
            } else if (column.equals("clock")) {
              SlaPolicy.ClockKind.of(value);
            }
          } catch (IllegalArgumentException e) {
            problems.add("rule '" + rule.getId() + "', column '" + column + "': " + e.getMessage());
          }
        }
      }
    }
    return problems;
  }

  /** The policy's outputs are FEEL string literals: {@code "P2D"}. */
  private static String unquoted(String text) {
    String trimmed = text == null ? "" : text.trim();
    return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
        ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }
}
