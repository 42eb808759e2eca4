package dev.intunereset.worker.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The time dispatch runs on: the wall clock (deadlines and events), a monotonic nanosecond ticker
 * (measured waits) and the scheduler that runs what is due. One value, so that the gate and every
 * job see the same time, and a test replaces all three at once.
 */
record DispatchTime(Clock clock, LongSupplier ticker, ScheduledExecutorService scheduler) {

  DispatchTime {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /** The time on the system clock and ticker, scheduling on {@code scheduler}. */
  static DispatchTime system(Clock clock, ScheduledExecutorService scheduler) {
    return new DispatchTime(clock, System::nanoTime, scheduler);
  }

  Instant now() {
    return clock.instant();
  }

  long nanos() {
    return ticker.getAsLong();
  }
}
