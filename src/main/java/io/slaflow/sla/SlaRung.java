package io.slaflow.sla;

import java.util.Arrays;
import java.util.Optional;

/** The rungs of a stage's ladder that alert someone before the work moves, in the order they fall due. */
public enum SlaRung {
  WARNING(SlaVariables.WARNING_AT.name(), "warning", "warning_alerted_at"),
  FINAL_WARNING(SlaVariables.FINAL_WARNING_AT.name(), "final-warning", "final_warning_alerted_at"),
  BREACH(SlaVariables.DUE_AT.name(), "breach", "breach_alerted_at"),
  ESCALATION(SlaVariables.ESCALATE_AT.name(), "escalation", "escalation_alerted_at");

  private final String instantVariable;
  private final String label;
  private final String alertedColumn;

  SlaRung(String instantVariable, String label, String alertedColumn) {
    this.instantVariable = instantVariable;
    this.label = label;
    this.alertedColumn = alertedColumn;
  }

  /** The SLA clock's variable holding the instant the rung falls due, e.g. {@code slaDueAt}. */
  public String instantVariable() {
    return instantVariable;
  }

  /** The ladder step as alerts and their idempotency keys name it, e.g. "final-warning". */
  public String label() {
    return label;
  }

  String alertedColumn() {
    return alertedColumn;
  }

  boolean isWarning() {
    return this == WARNING || this == FINAL_WARNING;
  }

  /** The rung whose timer waits for a time date expression such as {@code ${slaDueAt}}, if any. */
  static Optional<SlaRung> ofTimeDate(String expression) {
    String trimmed = expression == null ? "" : expression.trim();
    return Arrays.stream(values()).filter(rung -> trimmed.equals("${" + rung.instantVariable + "}")).findFirst();
  }
}
