package dev.intunereset.worker.dispatch;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides which task partitions the dispatcher holds back: a partition with too many uncommitted
 * tasks (until half of them are done), and every partition while the Graph circuit is open. The
 * fleet brakes pause nothing: tasks of both actions share the partitions, so a braked action's
 * tasks wait in the gate until their partition's in-flight limit pauses it. Polling goes on
 * regardless, so the group never times the replica out.
 *
 * @param <P> a partition
 */
final class Pauses<P> {
  private final int maxInFlight;
  private final Set<P> backpressured = new HashSet<>();

  Pauses(int maxInFlight) {
    this.maxInFlight = maxInFlight;
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

  /** The partitions of {@code assignment} that should be paused now. */
  Set<P> wanted(Set<P> assignment, boolean circuitOpen) {
    Set<P> wanted = new HashSet<>();
    for (P p : assignment) {
      if (circuitOpen || backpressured.contains(p)) {
        wanted.add(p);
      }
    }
    return wanted;
  }
}
