package io.slaflow.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Remembers how the rules of decision tables answer. Camunda's FEEL engine builds its whole library of built-in
 * functions again for every expression it evaluates, and a decision table asks it for each input, each rule's input
 * entries and the output: the lead assignment table was a fifth of a lead's intake CPU. What answers the same every
 * time is not asked again:
 * <ul>
 *   <li>an input entry made of literals only (texts, numbers, ranges and comparisons of them, {@code not(...)}, such as
 *       {@code "DE","AT"}) gives the same answer for the same input value, so its answer is kept per value;</li>
 *   <li>an output entry that is one literal text, such as {@code "team-berlin"}, is that text;</li>
 *   <li>an input expression that names a variable holding a text, a flag or nothing, such as {@code country}, is its
 *       value.</li>
 * </ul>
 * Anything else (an entry naming another variable, a function or {@code ?}, a number or date input) is evaluated by
 * the FEEL engine every time. The decisions, their history and Cockpit's view of them are unchanged.
 */
@Component
public class LiteralRuleAnswers extends AbstractProcessEnginePlugin {

  /** Kept answers; past this many, they are forgotten at once and kept again as they are asked for. */
  private static final int MAX_ANSWERS = 10_000;
  /** A value longer than this (a free text) is not kept: it would rarely be asked for again. */
  private static final int MAX_TEXT = 200;
  private static final Pattern TEXTS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern TEXT = Pattern.compile("\\s*\"[^\"\\\\]*\"\\s*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "not", "and", "or", "if", "then",
      "else", "for", "in", "return", "some", "every", "satisfies", "between", "instance", "of", "function");
  private static final Pattern LITERALS_ONLY =
      Pattern.compile("(?:[\\s,0-9.+\\-<>=\\[\\]()]|\\bnot\\b|\\btrue\\b|\\bfalse\\b|\\bnull\\b)*");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    // Made when the DMN engine starts, after the engine has handed it the custom FEEL functions.
    dmn.setFeelEngineFactory(() -> new Remembering(
        new ScalaFeelEngineFactory(dmn.getFeelCustomFunctionProviders()).createInstance()));
    configuration.setDmnEngineConfiguration(dmn);
  }

  /** Whether an input entry is made of literals only, so its answer depends on the input value alone. */
  static boolean literalsOnly(String expression) {
    return LITERALS_ONLY.matcher(TEXTS.matcher(expression).replaceAll("0")).matches();
  }

  /** The FEEL engine, with the answers of literal input entries kept. */
  static final class Remembering implements FeelEngine {
    private final FeelEngine feel;
    private final Map<List<Object>, Boolean> answers = new ConcurrentHashMap<>();
    private final Map<String, Object> texts = new ConcurrentHashMap<>();

    Remembering(FeelEngine feel) {
      this.feel = feel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
      // An input expression that names a variable holding a text, a flag or nothing: FEEL gives back the same value.
      if (NAME.matcher(expression).matches() && !KEYWORDS.contains(expression)
          && variables.containsVariable(expression)) {
        TypedValue variable = variables.resolve(expression);
        Object value = variable == null ? null : variable.getValue();
        if (value == null || value instanceof String || value instanceof Boolean) {
          return (T) value;
        }
      }
      // An output entry made of one literal text: its value never changes.
      if (TEXT.matcher(expression).matches()) {
        return (T) texts.computeIfAbsent(expression, literal -> feel.evaluateSimpleExpression(literal, variables));
      }
      return feel.evaluateSimpleExpression(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
      TypedValue input = variables.resolve(inputVariable);
      Object value = input == null ? null : input.getValue();
      boolean keep = (value == null || value instanceof Number || value instanceof Boolean
          || value instanceof String text && text.length() <= MAX_TEXT) && literalsOnly(expression);
      if (!keep) {
        return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
      }
      // The value's class is part of the key: the text "1" and the number 1 may answer differently.
      List<Object> key = Arrays.asList(expression, value == null ? null : value.getClass(), value);
      Boolean known = answers.get(key);
      if (known != null) {
        return known;
      }
      boolean answer = feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
      if (answers.size() >= MAX_ANSWERS) {
        answers.clear();
      }
      answers.put(key, answer);
      return answer;
    }

    int kept() {
      return answers.size();
    }
  }
}
