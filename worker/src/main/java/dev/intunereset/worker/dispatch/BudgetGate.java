package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.config.WorkerConfig.DispatchSettings;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Hands out Graph call slots in priority order (interactive before bulk) within two budgets: one
 * for writes (POST) and one for requests of any kind. A slot is granted only when an HTTP thread is
 * free, so the moment a permit is taken is the moment the call goes out: what Graph's sliding
 * window sees is what the limiter counted.
 *
 * <p>Each budget of B calls per window W is paced as one permit every W/(B-1): in any window of
 * length W at most B permits fall, and permits never pile up while idle, so no burst can follow a
 * quiet spell. The gate is work-conserving: bulk work takes every permit that no interactive work
 * wants.
 *
 * <p>All state is confined to the single scheduler thread; {@link #request} and {@link #release}
 * only enqueue onto it.
 */
final class BudgetGate {
  /** What a call will spend. */
  enum Operation {
    WRITE,
    READ
  }

  private record Waiter(Operation operation, BooleanSupplier wanted, Runnable onGrant) {}

  private final RateLimiter writes;
  private final RateLimiter any;
  private final ScheduledExecutorService scheduler;
  private final Executor http;
  private final Map<Lane, Map<Operation, Deque<Waiter>>> queues = new EnumMap<>(Lane.class);
  private int freeSlots;
  private boolean wakeScheduled;

  BudgetGate(DispatchSettings settings, ScheduledExecutorService scheduler, Executor http) {
    this.writes = limiter("graph-writes", settings.writeBudget(), settings.budgetWindow());
    this.any = limiter("graph-requests", settings.readBudget(), settings.budgetWindow());
    this.scheduler = scheduler;
    this.http = http;
    this.freeSlots = settings.concurrency();
    for (Lane lane : Lane.values()) {
      Map<Operation, Deque<Waiter>> byOp = new EnumMap<>(Operation.class);
      for (Operation op : Operation.values()) {
        byOp.put(op, new ArrayDeque<>());
      }
      queues.put(lane, byOp);
    }
  }

  static RateLimiter limiter(String name, int budget, Duration window) {
    if (budget < 2) {
      throw new IllegalArgumentException("a budget needs at least 2 calls per window: " + budget);
    }
    // Rounded up: a period a nanosecond short would let budget + 1 permits into one window.
    long windowNanos = window.toNanos();
    long periodNanos = (windowNanos + budget - 2) / (budget - 1);
    RateLimiterConfig config =
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(periodNanos))
            .timeoutDuration(Duration.ZERO)
            .build();
    return RateLimiter.of(name, config);
  }

  /**
   * Queues a call. {@code onGrant} runs on an HTTP thread once a slot and permits are taken; the
   * caller must then call {@link #release()} when the call is over. A waiter whose {@code wanted}
   * turns false (abandoned, deadline passed) is dropped without spending a permit.
   */
  void request(Lane lane, Operation operation, BooleanSupplier wanted, Runnable onGrant) {
    scheduler.execute(
        () -> {
          queues.get(lane).get(operation).addLast(new Waiter(operation, wanted, onGrant));
          pump();
        });
  }

  /** Returns an HTTP slot taken by a granted call. */
  void release() {
    scheduler.execute(
        () -> {
          freeSlots++;
          pump();
        });
  }

  private void pump() {
    long waitNanos = Long.MAX_VALUE;
    boolean granted = true;
    while (granted && freeSlots > 0) {
      granted = false;
      for (Lane lane : Lane.values()) {
        for (Operation op : Operation.values()) {
          Deque<Waiter> queue = queues.get(lane).get(op);
          dropUnwanted(queue);
          if (queue.isEmpty()) {
            continue;
          }
          long wait = nanosToWait(op);
          if (wait > 0) {
            waitNanos = Math.min(waitNanos, wait);
            continue;
          }
          if (!take(op)) {
            waitNanos = Math.min(waitNanos, 1_000_000L);
            continue;
          }
          Waiter w = queue.pollFirst();
          freeSlots--;
          http.execute(w.onGrant());
          granted = true;
          break;
        }
        if (granted) {
          break;
        }
      }
    }
    if (waitNanos != Long.MAX_VALUE && !wakeScheduled) {
      wakeScheduled = true;
      scheduler.schedule(
          () -> {
            wakeScheduled = false;
            pump();
          },
          Math.max(waitNanos, 100_000L),
          TimeUnit.NANOSECONDS);
    }
  }

  private static void dropUnwanted(Deque<Waiter> queue) {
    while (!queue.isEmpty() && !queue.peekFirst().wanted().getAsBoolean()) {
      queue.pollFirst();
    }
  }

  private long nanosToWait(Operation op) {
    long wait = nanosToWait(any);
    if (op == Operation.WRITE) {
      wait = Math.max(wait, nanosToWait(writes));
    }
    return wait;
  }

  private static long nanosToWait(RateLimiter limiter) {
    if (limiter instanceof AtomicRateLimiter atomic) {
      return Math.max(atomic.getDetailedMetrics().getNanosToWait(), 0);
    }
    return limiter.getMetrics().getAvailablePermissions() > 0 ? 0 : 1_000_000L;
  }

  private boolean take(Operation op) {
    if (op == Operation.WRITE && !writes.acquirePermission()) {
      return false;
    }
    return any.acquirePermission();
  }
}
