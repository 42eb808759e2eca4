package dev.intunereset.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Intune's two sliding-window budgets (writes, and all requests) checked together, so a request
 * refused by one budget consumes neither.
 *
 * <p>Limits and window are passed per call, so swapping the behavior at run time takes effect at
 * once while the admission history carries over. Throttled requests are not counted, which keeps
 * Retry-After truthful: a client that waits that long is admitted.
 */
final class ThrottleGate {
  private final ArrayDeque<Instant> writes = new ArrayDeque<>();
  private final ArrayDeque<Instant> all = new ArrayDeque<>();

  /**
   * Admits the request (and counts it), or returns how long until a slot frees.
   *
   * @param writeLimit 0 = unlimited
   * @param anyLimit 0 = unlimited
   */
  synchronized Optional<Duration> tryAdmit(
      Instant now, boolean write, int writeLimit, int anyLimit, Duration window) {
    evict(writes, now, window);
    evict(all, now, window);
    Duration wait = Duration.ZERO;
    if (anyLimit > 0 && all.size() >= anyLimit) {
      wait = max(wait, untilSlotFrees(all, anyLimit, now, window));
    }
    if (write && writeLimit > 0 && writes.size() >= writeLimit) {
      wait = max(wait, untilSlotFrees(writes, writeLimit, now, window));
    }
    if (!wait.isZero()) {
      return Optional.of(wait);
    }
    if (anyLimit > 0) {
      all.addLast(now);
    }
    if (write && writeLimit > 0) {
      writes.addLast(now);
    }
    return Optional.empty();
  }

  /** Whole seconds for a Retry-After header: rounded up, at least 1. */
  static long retryAfterSeconds(Duration wait) {
    long millis = wait.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  private static void evict(ArrayDeque<Instant> admitted, Instant now, Duration window) {
    Instant cutoff = now.minus(window);
    while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(cutoff)) {
      admitted.pollFirst();
    }
  }

  /**
   * With {@code size >= limit} admissions in the window, a slot frees when the entry at index
   * {@code size - limit} leaves it.
   */
  private static Duration untilSlotFrees(
      ArrayDeque<Instant> admitted, int limit, Instant now, Duration window) {
    int skip = admitted.size() - limit;
    Iterator<Instant> it = admitted.iterator();
    Instant entry = it.next();
    for (int i = 0; i < skip; i++) {
      entry = it.next();
    }
    Duration wait = Duration.between(now, entry.plus(window));
    // Entries are only roughly time-ordered under concurrency; never report "no wait".
    return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
