package io.slaflow.sla;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
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
  private final Map<String, Map<String, Set<String>>> named = new ConcurrentHashMap<>();
  /** Where the current transaction keeps the table's latest version. */
  private static final Object LATEST = new Object();
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  public SlaPolicyTable(DecisionService decisionService, RepositoryService repositoryService) {
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
  }

  /**
   * @param facts unit, stage and the record's attributes (source, intent, priority); missing ones are passed as null
   */
  public SlaPolicy lookup(Map<String, Object> facts) {
    DecisionDefinition table = latest();
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

  /**
   * The values the latest table names, by the fact of each column ({@code source}, {@code intent}, {@code priority}):
   * those the process owner gave an SLA of their own. Any other value gets the row that matches any value (the
   * fallback); a fact without a column has no entry. Read from the deployed table, once per version.
   */
  public Map<String, Set<String>> namedValues() {
    return named.computeIfAbsent(latest().getId(), this::read);
  }

  private Map<String, Set<String>> read(String tableId) {
    DmnModelInstance model = repositoryService.getDmnModelInstance(tableId);
    Decision decision = model.getModelElementById(DECISION_KEY);
    DecisionTable rows = (DecisionTable) decision.getExpression();
    List<Input> inputs = List.copyOf(rows.getInputs());
    Map<String, Set<String>> values = new HashMap<>();
    for (Rule rule : rows.getRules()) {
      List<InputEntry> entries = List.copyOf(rule.getInputEntries());
      for (int column = 0; column < inputs.size(); column++) {
        Set<String> named = values.computeIfAbsent(inputs.get(column).getCamundaInputVariable(),
            fact -> new TreeSet<>());
        String text = entries.get(column).getTextContent();
        Matcher quoted = QUOTED.matcher(text == null ? "" : text);
        while (quoted.find()) {
          named.add(quoted.group(1));
        }
      }
    }
    values.replaceAll((fact, named) -> Collections.unmodifiableSet(named));
    return Collections.unmodifiableMap(values);
  }

  /**
   * The table's latest version, read once per transaction: a lead's intake asks for it twice (its vocabulary, its
   * first stage's SLA), and each read was a query of its own. A deployment is seen by the next transaction.
   */
  private DecisionDefinition latest() {
    return TransactionBound.value(LATEST, this::latestDeployed);
  }

  private DecisionDefinition latestDeployed() {
    DecisionDefinition table = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .withoutTenantId().latestVersion().singleResult();
    if (table == null) {
      throw new IllegalStateException("The SLA policy table " + DECISION_KEY + " is not deployed");
    }
    return table;
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
