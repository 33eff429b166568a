package io.slaflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slaflow.routing.WeightedChoice.Candidate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

  private static final Map<String, Integer> CAPACITY = Map.of("ben", 30, "clara", 20, "david", 10);
  private static final List<String> TEAM = List.of("ben", "clara", "david");

  private static List<Candidate> team(Map<String, Integer> open, Set<String> away) {
    List<Candidate> candidates = new ArrayList<>();
    for (String rep : TEAM) {
      candidates.add(new Candidate(rep, CAPACITY.get(rep), open.getOrDefault(rep, 0), away.contains(rep)));
    }
    return candidates;
  }

  /**
   * 1,000 leads, each worked and closed after the next 40 have come in: each rep's share of the leads is their share
   * of the team's capacity (30:20:10, so 50 %, 33.3 %, 16.7 %) within 2 percentage points.
   */
  @Test
  void overAThousandLeadsEachRepGetsTheirShareOfCapacity() {
    Map<String, Integer> open = new HashMap<>();
    Map<String, Integer> routed = new HashMap<>();
    Deque<String> inProgress = new ArrayDeque<>();
    String last = null;
    for (int lead = 0; lead < 1000; lead++) {
      String rep = WeightedChoice.choose(team(open, Set.of()), last, Set.of()).orElseThrow();
      open.merge(rep, 1, Integer::sum);
      routed.merge(rep, 1, Integer::sum);
      inProgress.add(rep);
      last = rep;
      if (inProgress.size() > 40) {
        open.merge(inProgress.poll(), -1, Integer::sum);
      }
    }
    assertThat(routed.get("ben") / 1000.0).isCloseTo(30 / 60.0, within(0.02));
    assertThat(routed.get("clara") / 1000.0).isCloseTo(20 / 60.0, within(0.02));
    assertThat(routed.get("david") / 1000.0).isCloseTo(10 / 60.0, within(0.02));
  }

  @Test
  void theLeastLoadedRepAgainstCapacityGetsTheWork() {
    // ben 15/30 = 50 %, clara 5/20 = 25 %, david 4/10 = 40 %: clara.
    assertThat(WeightedChoice.choose(team(Map.of("ben", 15, "clara", 5, "david", 4), Set.of()), null, Set.of()))
        .hasValue("clara");
  }

  @Test
  void repsAwayAtCapacityOrExcludedAreSkipped() {
    assertThat(WeightedChoice.choose(team(Map.of(), Set.of("ben")), null, Set.of("clara"))).hasValue("david");
    assertThat(WeightedChoice.choose(team(Map.of("ben", 30, "clara", 20), Set.of()), null, Set.of()))
        .as("ben and clara are full").hasValue("david");
  }

  @Test
  void nobodyEligibleMeansTheTeamQueue() {
    assertThat(WeightedChoice.choose(team(Map.of("ben", 30, "clara", 20), Set.of("david")), null, Set.of()))
        .isEmpty();
  }

  @Test
  void tiesGoRoundRobinAfterTheRepPickedLast() {
    // Each would be at 10 % of capacity after taking the lead: 3/30, 2/20, 1/10.
    Map<String, Integer> even = Map.of("ben", 2, "clara", 1);
    assertThat(WeightedChoice.choose(team(even, Set.of()), null, Set.of())).hasValue("ben");
    assertThat(WeightedChoice.choose(team(even, Set.of()), "ben", Set.of())).hasValue("clara");
    assertThat(WeightedChoice.choose(team(even, Set.of()), "david", Set.of())).hasValue("ben");
  }

  @Test
  void anEmptyTeamStartsWithTheLargestCapacity() {
    assertThat(WeightedChoice.choose(team(Map.of(), Set.of()), null, Set.of())).hasValue("ben");
  }
}
