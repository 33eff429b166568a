package io.slaflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

  private static final List<String> REPS = List.of("ben", "clara", "david");

  @Test
  void startsWithTheFirstRepWhenNobodyWasPickedYet() {
    assertThat(RoundRobin.next(REPS, null, Set.of())).hasValue("ben");
  }

  @Test
  void picksTheRepAfterTheLastOneAndWrapsAround() {
    assertThat(RoundRobin.next(REPS, "ben", Set.of())).hasValue("clara");
    assertThat(RoundRobin.next(REPS, "david", Set.of())).hasValue("ben");
  }

  @Test
  void skipsExcludedReps() {
    assertThat(RoundRobin.next(REPS, "ben", Set.of("clara"))).hasValue("david");
    assertThat(RoundRobin.next(REPS, "david", Set.of("ben", "clara"))).hasValue("david");
  }

  @Test
  void nobodyEligibleWhenEveryRepIsExcluded() {
    assertThat(RoundRobin.next(REPS, "ben", Set.of("ben", "clara", "david"))).isEmpty();
    assertThat(RoundRobin.next(List.of(), null, Set.of())).isEmpty();
  }

  @Test
  void aLastPickWhoLeftTheTeamRestartsAtTheFirstRep() {
    assertThat(RoundRobin.next(REPS, "zoe", Set.of())).hasValue("ben");
  }
}
