package io.slaflow.sla;

/** One row of the SLA policy table, as the SLA clock needs it. A zero warning means "no warning". */
public record SlaPolicy(
    String name,
    SlaSpan target,
    ClockKind clock,
    SlaSpan firstWarning,
    SlaSpan finalWarning,
    boolean copyManagerOnBreach,
    SlaSpan escalateAfter,
    SlaSpan reassignAfter) {

  /** Whether the clock runs in the team's business hours or around the clock. */
  public enum ClockKind {
    BUSINESS("business"),
    TWENTY_FOUR_SEVEN("24x7");

    private final String label;

    ClockKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static ClockKind of(String label) {
      for (ClockKind kind : values()) {
        if (kind.label.equalsIgnoreCase(label)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("Unknown clock kind '" + label + "', expected 'business' or '24x7'");
    }
  }
}
