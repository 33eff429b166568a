package io.slaflow.sla;

import static io.slaflow.calendar.BusinessCalendarTest.BERLIN_9_TO_18;
import static io.slaflow.calendar.BusinessCalendarTest.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A visit planned again from its start keeps the time its clock stood still, on the clock of the policy it gets. */
class SlaPlanTest {

  private static final SlaPolicy HIGH = new SlaPolicy("High", SlaSpan.parse("PT4H"), SlaPolicy.ClockKind.BUSINESS,
      SlaSpan.parse("PT1H"), SlaSpan.parse("PT30M"), true, SlaSpan.parse("PT2H"), SlaSpan.parse("PT4H"));
  private static final SlaPolicy CRITICAL = new SlaPolicy("Critical", SlaSpan.parse("PT1H"),
      SlaPolicy.ClockKind.TWENTY_FOUR_SEVEN, SlaSpan.parse("PT30M"), SlaSpan.parse("PT15M"), true,
      SlaSpan.parse("PT1H"), SlaSpan.parse("PT2H"));

  // Thursday 3 December 2026, on hold 09:30 to 12:30 and again from 14:00 to Friday 09:00.
  private static final List<SlaPlan.Pause> PAUSES = List.of(
      new SlaPlan.Pause(berlin("2026-12-03T09:30"), berlin("2026-12-03T12:30")),
      new SlaPlan.Pause(berlin("2026-12-03T14:00"), berlin("2026-12-04T09:00")));

  @Test
  void onBusinessHoursEachPauseBeforeTheDueTimeGivesBackItsBusinessTime() {
    // 13:00 without pauses; the first gives 3 h (16:00), the second the 2 h left at 14:00, from Friday 09:00.
    SlaPlan plan = SlaPlan.of(HIGH, BERLIN_9_TO_18, berlin("2026-12-03T09:00"), PAUSES);
    assertThat(plan.startedAt()).isEqualTo(berlin("2026-12-03T09:00"));
    assertThat(plan.dueAt()).isEqualTo(berlin("2026-12-04T11:00"));
    assertThat(plan.warningAt()).isEqualTo(berlin("2026-12-04T10:00"));
    assertThat(plan.finalWarningAt()).isEqualTo(berlin("2026-12-04T10:30"));
    assertThat(plan.escalateAt()).isEqualTo(berlin("2026-12-04T13:00"));
    assertThat(plan.reassignAt()).isEqualTo(berlin("2026-12-04T15:00"));
  }

  @Test
  void aroundTheClockOnlyThePauseBeforeTheDueTimeCounts() {
    // 10:00 without pauses; on hold at 09:30 with 30 min left: 13:00. The second pause began after that.
    SlaPlan plan = SlaPlan.of(CRITICAL, BERLIN_9_TO_18, berlin("2026-12-03T09:00"), PAUSES);
    assertThat(plan.dueAt()).isEqualTo(berlin("2026-12-03T13:00"));
    assertThat(plan.warningAt()).isEqualTo(berlin("2026-12-03T12:30"));
    assertThat(plan.escalateAt()).isEqualTo(berlin("2026-12-03T14:00"));
  }

  @Test
  void withoutPausesThePlanIsTheStagesOwn() {
    assertThat(SlaPlan.of(HIGH, BERLIN_9_TO_18, berlin("2026-12-03T09:00"), List.of()))
        .isEqualTo(SlaPlan.of(HIGH, BERLIN_9_TO_18, berlin("2026-12-03T09:00")));
    assertThat(SlaPlan.of(HIGH, BERLIN_9_TO_18, berlin("2026-12-03T09:00")).dueAt())
        .isEqualTo(berlin("2026-12-03T13:00"));
  }
}
