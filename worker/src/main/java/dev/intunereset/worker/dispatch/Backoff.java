package dev.intunereset.worker.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Delay before the next attempt: the server's Retry-After when it gave one, else exponential
 * backoff with jitter so that throttled replicas do not come back in lockstep.
 */
final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** {@code failures} counts the failed attempts so far, from 1. */
  Duration delay(int failures, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration ra = retryAfter.get();
      return ra.compareTo(max) > 0 ? max : ra;
    }
    long baseNanos = base.toNanos();
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    long exp = baseNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseNanos << shift;
    long capped = Math.min(exp, max.toNanos());
    // "Equal jitter": at least half the step, so retries never collapse to zero delay.
    long half = capped / 2;
    long jittered = half + (half > 0 ? random.nextLong(half + 1) : 0);
    return Duration.ofNanos(jittered);
  }
}
