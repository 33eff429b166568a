package io.slaflow.sla;

/**
 * Where a stage visit stands, in the words the rep's cards and the manager's room show. The ladder sets on track, at
 * risk and breached (the {@link SlaVariables#STATE} the role filters read); a pause and an escalation, kept on the SLA
 * record, say more and come first.
 */
public enum SlaStanding {
  ON_TRACK("on-track", "On track"),
  AT_RISK("at-risk", "At risk"),
  BREACHED("breached", "Breached"),
  ESCALATED("escalated", "Escalated"),
  PAUSED("paused", "Paused");

  private final String key;
  private final String label;

  SlaStanding(String key, String label) {
    this.key = key;
    this.label = label;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  /** The standing of a visit from its record and the ladder's state variable (null before the clock started). */
  public static SlaStanding of(SlaRecord visit, Object ladderState) {
    if (visit.pausedAt() != null) {
      return PAUSED;
    }
    if (visit.escalatedAt() != null) {
      return ESCALATED;
    }
    if (visit.breachedAt() != null || SlaVariables.BREACHED.equals(ladderState)) {
      return BREACHED;
    }
    return SlaVariables.AT_RISK.equals(ladderState) ? AT_RISK : ON_TRACK;
  }
}
