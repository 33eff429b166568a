package io.slaflow.routing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Round robin inside a team: the next eligible rep after the one picked last, wrapping around. */
public final class RoundRobin {

  private RoundRobin() {}

  /**
   * @param reps the team's reps in a stable order
   * @param lastPicked who was picked last in this team, or null
   * @param excluded reps who must not get the work (they let its clock lapse)
   * @return the next rep, or empty when nobody is eligible
   */
  public static Optional<String> next(List<String> reps, String lastPicked, Collection<String> excluded) {
    int start = lastPicked == null ? 0 : reps.indexOf(lastPicked) + 1;
    for (int i = 0; i < reps.size(); i++) {
      String candidate = reps.get(Math.floorMod(start + i, reps.size()));
      if (!excluded.contains(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
