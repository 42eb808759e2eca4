package dev.intunereset.worker.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts resets in a sliding window of event times. Times may arrive out of order (outcomes of
 * several partitions interleave), so they are kept sorted; entries older than the window, or before
 * the last release, are dropped as time moves on.
 */
final class ResetWindow {
  private final Duration window;
  private final TreeMap<Instant, Integer> counts = new TreeMap<>();
  private Instant countFrom = Instant.EPOCH;
  private int total;

  ResetWindow(Duration window) {
    this.window = window;
  }

  /** Counts nothing before {@code from} from now on: a release starts the count afresh. */
  void countFrom(Instant from) {
    countFrom = from;
    evictBefore(from);
  }

  void add(Instant at) {
    if (at.isBefore(countFrom)) {
      return;
    }
    counts.merge(at, 1, Integer::sum);
    total++;
  }

  /** Resets at or after {@code now - window} (and not before the last release). */
  int count(Instant now) {
    Instant start = now.minus(window);
    evictBefore(start.isAfter(countFrom) ? start : countFrom);
    return total;
  }

  /** As {@link #count(Instant)}, but also not before {@code floor}: a release not yet applied. */
  int count(Instant now, Instant floor) {
    int all = count(now);
    if (!counts.isEmpty() && counts.firstKey().isBefore(floor)) {
      return counts.tailMap(floor, true).values().stream().mapToInt(Integer::intValue).sum();
    }
    return all;
  }

  private void evictBefore(Instant start) {
    while (!counts.isEmpty() && counts.firstKey().isBefore(start)) {
      Map.Entry<Instant, Integer> first = counts.pollFirstEntry();
      total -= first.getValue();
    }
  }
}
