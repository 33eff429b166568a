package io.slaflow.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Routing inside a team: work goes to the eligible rep who is least loaded against their capacity, so that over
 * time each rep carries work in proportion to their capacity. Reps away, at capacity or excluded (they let this
 * record lapse) are skipped; ties go round robin, after the rep picked last.
 */
public final class WeightedChoice {

  /** A rep as routing sees them: capacity, open SLA'd work and whether they are in today. */
  public record Candidate(String id, int capacity, int openWork, boolean away) {}

  private WeightedChoice() {}

  /**
   * @param candidates the team's reps in a stable order
   * @return the rep to route to, or empty when nobody is eligible (the work goes to the team queue)
   */
  public static Optional<String> choose(List<Candidate> candidates, String lastPicked, Collection<String> excluded) {
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!c.away() && c.openWork() < c.capacity() && !excluded.contains(c.id())) {
        eligible.add(c);
      }
    }
    // Load after taking this piece of work: (open + 1) / capacity, compared without division.
    Candidate best = null;
    List<String> tied = new ArrayList<>();
    for (Candidate c : eligible) {
      long compare = best == null ? -1
          : (long) (c.openWork() + 1) * best.capacity() - (long) (best.openWork() + 1) * c.capacity();
      if (compare < 0) {
        best = c;
        tied.clear();
      }
      if (compare <= 0) {
        tied.add(c.id());
      }
    }
    if (tied.isEmpty()) {
      return Optional.empty();
    }
    List<String> order = candidates.stream().map(Candidate::id).toList();
    List<String> notTied = order.stream().filter(id -> !tied.contains(id)).toList();
    return RoundRobin.next(order, lastPicked, notTied);
  }
}
