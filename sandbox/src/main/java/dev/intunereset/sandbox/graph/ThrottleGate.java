package dev.intunereset.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One holder's two sliding-window budgets (writes, and all requests): an app in a tenant, or a
 * whole tenant. {@link TenantBudgets} asks every gate a request passes before it admits it into
 * any, so a request refused by one budget consumes none.
 *
 * <p>Limits and window are passed per call, so swapping the behavior at run time takes effect at
 * once while the admission history carries over. Throttled requests are not counted, which keeps
 * Retry-After truthful: a client that waits that long is admitted. Not thread-safe: the caller
 * holds the tenant's lock.
 */
final class ThrottleGate {
  private final ArrayDeque<Instant> writes = new ArrayDeque<>();
  private final ArrayDeque<Instant> all = new ArrayDeque<>();

  /**
   * How long until this gate would admit the request; zero when it would now.
   *
   * @param writeLimit 0 = unlimited; negative = nothing is left (another app holds it all)
   * @param anyLimit 0 = unlimited; negative = nothing is left
   */
  Duration waitFor(Instant now, boolean write, int writeLimit, int anyLimit, Duration window) {
    evict(writes, now, window);
    evict(all, now, window);
    Duration wait = Duration.ZERO;
    if (anyLimit != 0 && all.size() >= anyLimit) {
      wait = max(wait, untilSlotFrees(all, anyLimit, now, window));
    }
    if (write && writeLimit != 0 && writes.size() >= writeLimit) {
      wait = max(wait, untilSlotFrees(writes, writeLimit, now, window));
    }
    return wait;
  }

  /** Counts an admitted request against the limits that are set. */
  void admit(Instant now, boolean write, int writeLimit, int anyLimit) {
    if (anyLimit != 0) {
      all.addLast(now);
    }
    if (write && writeLimit != 0) {
      writes.addLast(now);
    }
  }

  /** Whole seconds for a Retry-After header: rounded up, at least 1. */
  static long retryAfterSeconds(Duration wait) {
    long millis = wait.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void evict(ArrayDeque<Instant> admitted, Instant now, Duration window) {
    Instant cutoff = now.minus(window);
    while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(cutoff)) {
      admitted.pollFirst();
    }
  }

  /**
   * With {@code size >= limit} admissions in the window, a slot frees when the entry at index
   * {@code size - limit} leaves it; with no slot at all (limit below 1), after a whole window.
   */
  private static Duration untilSlotFrees(
      ArrayDeque<Instant> admitted, int limit, Instant now, Duration window) {
    if (limit < 1 || admitted.isEmpty()) {
      return window;
    }
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
}
