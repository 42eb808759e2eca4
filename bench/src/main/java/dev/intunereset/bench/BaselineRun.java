package dev.intunereset.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A baseline's own tally: devices done, and the span from the start of its first Graph call to the
 * end of its last (so its start-up and group join are not counted). Thread-safe.
 */
final class BaselineRun {
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicLong firstStart = new AtomicLong();
  private final AtomicLong lastEnd = new AtomicLong();

  long callStarts() {
    long now = System.nanoTime();
    firstStart.compareAndSet(0, now);
    return now;
  }

  void callEnded() {
    long now = System.nanoTime();
    lastEnd.accumulateAndGet(now, Math::max);
    done.incrementAndGet();
  }

  int done() {
    return done.get();
  }

  double seconds() {
    return firstStart.get() == 0 ? Double.NaN : (lastEnd.get() - firstStart.get()) / 1e9;
  }

  double devicesPerSecond() {
    return done() / seconds();
  }
}
