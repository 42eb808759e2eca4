package dev.intunereset.worker.dispatch;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which task partitions the dispatcher holds back: a partition with too many uncommitted
 * tasks (until half of them are done), every partition while the Graph circuit is open, and bulk
 * partitions while the fleet brake is engaged. Polling goes on regardless, so the group never times
 * the replica out.
 *
 * @param <P> a partition
 */
final class Pauses<P> {
  private final int maxInFlight;
  private final Predicate<P> isBulk;
  private final Set<P> backpressured = new HashSet<>();

  Pauses(int maxInFlight, Predicate<P> isBulk) {
    this.maxInFlight = maxInFlight;
    this.isBulk = isBulk;
  }

  /** Updates backpressure from each partition's count of tasks in flight. */
  void inFlight(Map<P, Integer> inFlight) {
    inFlight.forEach(
        (p, n) -> {
          if (n >= maxInFlight) {
            backpressured.add(p);
          } else if (n <= maxInFlight / 2) {
            backpressured.remove(p);
          }
        });
  }

  void forget(P partition) {
    backpressured.remove(partition);
  }

  /** Whether a newly assigned partition starts paused. */
  boolean holdsNew(P partition, boolean circuitOpen, boolean braked) {
    return circuitOpen || (braked && isBulk.test(partition));
  }

  /** The partitions of {@code assignment} that should be paused now. */
  Set<P> wanted(Set<P> assignment, boolean circuitOpen, boolean braked) {
    Set<P> wanted = new HashSet<>();
    for (P p : assignment) {
      if (backpressured.contains(p) || holdsNew(p, circuitOpen, braked)) {
        wanted.add(p);
      }
    }
    return wanted;
  }
}
