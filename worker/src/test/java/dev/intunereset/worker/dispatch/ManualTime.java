package dev.intunereset.worker.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Time that moves only when a test says so: a wall clock, a nanosecond ticker and a scheduler that
 * runs what is due, in order, as {@link #advance} passes it (Kafka's {@code MockTime}, with the
 * scheduler included). Single-threaded: everything runs on the test's thread.
 */
final class ManualTime {
  private final Instant origin;
  private long nanos;
  private long sequence;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final Scheduler scheduler = new Scheduler();

  ManualTime(Instant origin) {
    this.origin = origin;
  }

  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        return origin.plusNanos(nanos);
      }
    };
  }

  LongSupplier ticker() {
    return () -> nanos;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** This time as dispatch sees it: the clock, the ticker and the scheduler above. */
  DispatchTime dispatchTime() {
    return new DispatchTime(clock(), ticker(), scheduler);
  }

  Instant now() {
    return origin.plusNanos(nanos);
  }

  /** Moves time on by {@code d}, running every task that falls due on the way, at its time. */
  void advance(Duration d) {
    long target = nanos + d.toNanos();
    while (!queue.isEmpty() && queue.peek().due <= target) {
      Task t = queue.poll();
      nanos = Math.max(nanos, t.due);
      if (!t.cancelled) {
        t.done = true;
        t.task.run();
      }
    }
    nanos = target;
  }

  /** Runs what is due now without moving time. */
  void runDue() {
    advance(Duration.ZERO);
  }

  /** Delays of the tasks still waiting, from now, soonest first. */
  List<Duration> pending() {
    List<Task> tasks = new ArrayList<>(queue);
    tasks.sort(null);
    List<Duration> out = new ArrayList<>();
    for (Task t : tasks) {
      if (!t.cancelled) {
        out.add(Duration.ofNanos(t.due - nanos));
      }
    }
    return out;
  }

  private final class Task implements ScheduledFuture<Object> {
    final long due;
    final long seq = sequence++;
    final Runnable task;
    boolean cancelled;
    boolean done;

    Task(long due, Runnable task) {
      this.due = due;
      this.task = task;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      Task t = (Task) o;
      return due != t.due ? Long.compare(due, t.due) : Long.compare(seq, t.seq);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (done) {
        return false;
      }
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException("nothing blocks on manual time");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("nothing blocks on manual time");
    }
  }

  private final class Scheduler extends AbstractExecutorService
      implements ScheduledExecutorService {
    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      Task t = new Task(nanos + Math.max(0, unit.toNanos(delay)), command);
      queue.add(t);
      return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
      schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
