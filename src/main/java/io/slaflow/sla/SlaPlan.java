package io.slaflow.sla;

import java.time.Instant;

/**
 * The instants of one stage's ladder, computed once when the stage starts. The due instant follows the policy's
 * clock (business hours or 24x7); warnings are wall-clock offsets before it (never before the start). Escalation and
 * reassignment are measured in the team's business hours after the due instant (days as working days): managers
 * and reps act on them at work, and a rep must not lose a lead for a weekend they were not working.
 */
public record SlaPlan(
    Instant startedAt,
    Instant dueAt,
    Instant warningAt,
    Instant finalWarningAt,
    Instant escalateAt,
    Instant reassignAt) {

  public static SlaPlan of(SlaPolicy policy, BusinessCalendar teamCalendar, Instant startedAt) {
    BusinessCalendar clock = policy.clock() == SlaPolicy.ClockKind.BUSINESS
        ? teamCalendar
        : BusinessCalendar.twentyFourSeven(teamCalendar.zone());
    Instant due = policy.target().after(clock, startedAt);
    return new SlaPlan(
        startedAt,
        due,
        notBefore(startedAt, due.minus(policy.firstWarning().elapsed())),
        notBefore(startedAt, due.minus(policy.finalWarning().elapsed())),
        after(teamCalendar, due, policy.escalateAfter()),
        after(teamCalendar, due, policy.reassignAfter()));
  }

  private static Instant notBefore(Instant floor, Instant instant) {
    return instant.isBefore(floor) ? floor : instant;
  }

  private static Instant after(BusinessCalendar clock, Instant due, SlaSpan offset) {
    // A zero offset means "at the due instant", even when the due instant is the team's closing time.
    return offset.isZero() ? due : offset.after(clock, due);
  }
}
