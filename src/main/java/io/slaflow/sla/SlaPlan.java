package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import java.time.Instant;
import java.util.List;

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

  /** A time the visit's clock stood still: from the pause to the moment it ran again. */
  public record Pause(Instant from, Instant until) {}

  public static SlaPlan of(SlaPolicy policy, BusinessCalendar teamCalendar, Instant startedAt) {
    return of(policy, teamCalendar, startedAt, List.of());
  }

  /**
   * The plan of a visit whose clock stood still for {@code pauses} (in the order they began, each one over): every
   * pause gives back the time the clock stood still, on this policy's clock, exactly as resuming did; the other rungs
   * keep their place around the due instant.
   */
  public static SlaPlan of(SlaPolicy policy, BusinessCalendar teamCalendar, Instant startedAt, List<Pause> pauses) {
    BusinessCalendar clock = policy.clock() == SlaPolicy.ClockKind.BUSINESS
        ? teamCalendar
        : BusinessCalendar.twentyFourSeven(teamCalendar.zone());
    Instant due = policy.target().after(clock, startedAt);
    for (Pause pause : pauses) {
      due = resumedDue(clock, due, pause.from(), pause.until());
    }
    return new SlaPlan(
        startedAt,
        due,
        notBefore(startedAt, due.minus(policy.firstWarning().elapsed())),
        notBefore(startedAt, due.minus(policy.finalWarning().elapsed())),
        after(teamCalendar, due, policy.escalateAfter()),
        after(teamCalendar, due, policy.reassignAfter()));
  }

  /**
   * The due instant once a paused clock runs again: the business time that was left when it stopped, counted from
   * the moment it runs. A clock stopped after its due instant has no time left to give; the due instant stays.
   */
  public static Instant resumedDue(BusinessCalendar clock, Instant due, Instant pausedAt, Instant runsAgainAt) {
    return pausedAt.isBefore(due) ? clock.addWorkingTime(runsAgainAt, clock.workingTimeBetween(pausedAt, due)) : due;
  }

  private static Instant notBefore(Instant floor, Instant instant) {
    return instant.isBefore(floor) ? floor : instant;
  }

  private static Instant after(BusinessCalendar clock, Instant due, SlaSpan offset) {
    // A zero offset means "at the due instant", even when the due instant is the team's closing time.
    return offset.isZero() ? due : offset.after(clock, due);
  }
}
