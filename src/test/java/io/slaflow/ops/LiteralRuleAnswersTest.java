package io.slaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.SlaflowTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Decision tables answer as before, and an input entry made of literals asks Camunda's FEEL engine once per input
 * value instead of on every evaluation (ops.LiteralRuleAnswers).
 */
class LiteralRuleAnswersTest extends SlaflowTest {

  @Autowired ProcessEngine engine;
  @Autowired HistoryService historyService;

  /** Camunda's FEEL engine, counting the unary tests it is asked to evaluate. */
  static final class Counting implements FeelEngine {
    private final FeelEngine feel = new ScalaFeelEngineFactory().createInstance();
    final List<String> asked = new ArrayList<>();

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
      asked.add(expression);
      return feel.evaluateSimpleExpression(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
      asked.add(expression);
      return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
  }

  private static VariableContext input(Object value) {
    return Variables.createVariables().putValue("cellInput", value).putValue("limit", 5).asVariableContext();
  }

  @Test
  void aLiteralEntryIsEvaluatedOncePerInputValueAndAnswersAsFeelDoes() {
    Counting feel = new Counting();
    LiteralRuleAnswers.Remembering remembering = new LiteralRuleAnswers.Remembering(feel);

    assertThat(remembering.evaluateSimpleUnaryTests("\"DE\",\"AT\"", "cellInput", input("DE"))).isTrue();
    assertThat(remembering.evaluateSimpleUnaryTests("\"DE\",\"AT\"", "cellInput", input("DE"))).isTrue();
    assertThat(remembering.evaluateSimpleUnaryTests("\"DE\",\"AT\"", "cellInput", input("FR"))).isFalse();
    assertThat(remembering.evaluateSimpleUnaryTests("\"DE\",\"AT\"", "cellInput", input("FR"))).isFalse();
    assertThat(feel.asked).containsExactly("\"DE\",\"AT\"", "\"DE\",\"AT\"");

    // The number 1 and the text "1" are different inputs: each gets FEEL's own answer.
    assertThat(remembering.evaluateSimpleUnaryTests("[1..3]", "cellInput", input(1))).isTrue();
    assertThat(remembering.evaluateSimpleUnaryTests("[1..3]", "cellInput", input(7))).isFalse();
    assertThat(remembering.evaluateSimpleUnaryTests("not(\"DE\")", "cellInput", input(null))).isTrue();
    assertThat(remembering.kept()).isEqualTo(5);
  }

  @Test
  void anEntryThatNamesAVariableIsEvaluatedEveryTime() {
    Counting feel = new Counting();
    LiteralRuleAnswers.Remembering remembering = new LiteralRuleAnswers.Remembering(feel);

    assertThat(remembering.evaluateSimpleUnaryTests("> limit", "cellInput", input(7))).isTrue();
    assertThat(remembering.evaluateSimpleUnaryTests("> limit", "cellInput", input(7))).isTrue();
    assertThat(remembering.evaluateSimpleUnaryTests("> limit", "cellInput",
        Variables.createVariables().putValue("cellInput", 7).putValue("limit", 9).asVariableContext())).isFalse();
    assertThat(feel.asked).containsExactly("> limit", "> limit", "> limit");
    assertThat(remembering.kept()).isZero();
  }

  @Test
  void aTextInputIsItsValueAndALiteralOutputIsEvaluatedOnce() {
    Counting feel = new Counting();
    LiteralRuleAnswers.Remembering remembering = new LiteralRuleAnswers.Remembering(feel);
    VariableContext lead = Variables.createVariables().putValue("country", "DE").putValue("urgent", true)
        .putValue("amount", 1200).putValue("nothing", null).asVariableContext();

    for (int time = 0; time < 2; time++) {
      assertThat((Object) remembering.evaluateSimpleExpression("country", lead)).isEqualTo("DE");
      assertThat((Object) remembering.evaluateSimpleExpression("urgent", lead)).isEqualTo(true);
      assertThat((Object) remembering.evaluateSimpleExpression("\"team-berlin\"", lead)).isEqualTo("team-berlin");
      assertThat((Object) remembering.evaluateSimpleExpression("amount", lead))
          .isEqualTo(feel.feel.evaluateSimpleExpression("amount", lead));
      assertThat((Object) remembering.evaluateSimpleExpression("nothing", lead)).isNull();
    }
    assertThat(feel.asked).containsExactly("\"team-berlin\"", "amount", "amount");
  }

  @Test
  void theLeadAssignmentTableAsksFeelOnlyOnceForEachOfItsAnswers() throws Exception {
    Counting feel = new Counting();
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setFeelEngineFactory(() -> new LiteralRuleAnswers.Remembering(feel));
    DmnEngine dmn = configuration.buildEngine();
    DmnDecision table;
    try (InputStream file = Files.newInputStream(Path.of("processes", "lead-assignment.dmn"))) {
      table = dmn.parseDecision("lead-assignment", file);
    }
    int askedForFirstLeads = 0;
    for (int lead = 0; lead < 3; lead++) {
      assertThat(dmn.evaluateDecisionTable(table, Variables.createVariables().putValue("country", "DE")
          .putValue("product", null)).getSingleResult().<Object>getSingleEntry()).isEqualTo("team-berlin");
      assertThat(dmn.evaluateDecisionTable(table, Variables.createVariables().putValue("country", "JP")
          .putValue("product", "enterprise")).getSingleResult().<Object>getSingleEntry()).isEqualTo("team-new-york");
      askedForFirstLeads = lead == 0 ? feel.asked.size() : askedForFirstLeads;
    }
    // The first two leads: each rule's entry for DE and JP, for no product and "enterprise", and the matching
    // rules' outputs. The leads after them ask nothing.
    assertThat(askedForFirstLeads).isEqualTo(9);
    assertThat(feel.asked).hasSize(9);
  }

  @Test
  void aFaultyEntryFailsEveryTimeAsBefore() {
    LiteralRuleAnswers.Remembering remembering = new LiteralRuleAnswers.Remembering(new Counting());
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> remembering.evaluateSimpleUnaryTests("[1..", "cellInput", input(1)))
          .isInstanceOf(FeelException.class);
    }
    assertThat(remembering.kept()).isZero();
  }

  @Test
  void onlyLiteralsCount() {
    assertThat(List.of("\"DE\"", "\"DE\",\"AT\"", "not(\"DE\",\"AT\")", "[1..5]", ">= 10.5", "-", "",
        "\"say \\\"hi\\\"\"", "true", "null", "\"a, b\""))
        .allMatch(LiteralRuleAnswers::literalsOnly);
    assertThat(List.of("> limit", "?", "? > 3", "date(\"2026-12-01\")", "starts with(?, \"A\")", "country",
        "\"DE\", country", "string length(?) > 3"))
        .noneMatch(LiteralRuleAnswers::literalsOnly);
  }

  @Test
  void theEnginesDecisionTablesUseItAndStillKeepTheirHistory() {
    DefaultDmnEngineConfiguration dmn =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration();
    assertThat(dmn.getFeelEngine()).isInstanceOf(LiteralRuleAnswers.Remembering.class);

    LeadIntake.Created first = createLead(uniqueName("Feel"), "DE", "demo-request", "medium", "crm-suite");
    LeadIntake.Created second = createLead(uniqueName("Feel"), "DE", "demo-request", "medium", "crm-suite");
    for (LeadIntake.Created lead : List.of(first, second)) {
      HistoricDecisionInstance decision = historyService.createHistoricDecisionInstanceQuery()
          .processInstanceId(lead.processInstanceId()).decisionDefinitionKey("lead-assignment")
          .includeOutputs().singleResult();
      assertThat(decision.getOutputs()).singleElement()
          .satisfies(output -> assertThat(output.getValue()).isEqualTo("team-berlin"));
      assertThat(lead.teamId()).isEqualTo("team-berlin");
    }
  }
}
