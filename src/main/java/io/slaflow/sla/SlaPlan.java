package io.slaflow.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * The instants of one stage's ladder, computed once when the stage starts. Warnings are wall-clock offsets before
 * the due instant (never before the start); escalation and reassignment are measured on the stage's clock after it.
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
    Instant due = clock.addWorkingTime(startedAt, policy.target());
    return new SlaPlan(
        startedAt,
        due,
        notBefore(startedAt, due.minus(policy.firstWarning())),
        notBefore(startedAt, due.minus(policy.finalWarning())),
        after(clock, due, policy.escalateAfter()),
        after(clock, due, policy.reassignAfter()));
  }

  private static Instant notBefore(Instant floor, Instant instant) {
    return instant.isBefore(floor) ? floor : instant;
  }

  private static Instant after(BusinessCalendar clock, Instant due, Duration offset) {
    // A zero offset means "at the due instant", even when the due instant is the team's closing time.
    return offset.isZero() ? due : clock.addWorkingTime(due, offset);
  }
}
