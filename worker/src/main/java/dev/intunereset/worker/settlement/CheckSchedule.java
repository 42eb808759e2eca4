package dev.intunereset.worker.settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a followed device is read: {@code first} after its reset was accepted, then at gaps that
 * double up to {@code max}. The schedule is anchored at the device's outcome, not at the last read,
 * so a restarted worker that lost every read time resumes it where it was: an offline device keeps
 * costing one GET per {@code max}, and a restart does not bunch every device's next read together.
 */
record CheckSchedule(Duration first, Duration max) {

  CheckSchedule {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, were " + first + ", " + max);
    }
  }

  /** The first read time of the schedule anchored at {@code issuedAt} that is after {@code now}. */
  Instant next(Instant issuedAt, Instant now) {
    Instant t = issuedAt.plus(first);
    Duration gap = first;
    while (!t.isAfter(now)) {
      if (gap.compareTo(max) >= 0) {
        // Every gap from here on is max: jump instead of stepping through a day of them.
        long steps = Duration.between(t, now).toNanos() / max.toNanos() + 1;
        return t.plus(max.multipliedBy(steps));
      }
      gap = gap.multipliedBy(2).compareTo(max) > 0 ? max : gap.multipliedBy(2);
      t = t.plus(gap);
    }
    return t;
  }
}
