package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.config.WorkerConfig.DispatchSettings;
import dev.intunereset.worker.graph.GraphCallResult;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>Each budget of B calls per window W is paced as one permit every W/(B-1), rounded up: in any
 * window of length W at most B permits fall, and permits never pile up while idle, so no burst can
 * follow a quiet spell. The gate is work-conserving: bulk work takes every permit that no
 * interactive work wants.
 *
 * <p>The budget in force is the configured one times this replica's share of the task partitions
 * (so replicas together never exceed it) times an adaptive factor: a 429 halves the factor and
 * holds every call for its Retry-After (Graph throttles the app, not the device); each quiet tenth
 * of a window gives back a tenth. A circuit breaker over 5xx and timeouts stops all calls while
 * Graph is down, then lets a few probes through.
 *
 * <p>Until its first call has come back, the gate lets one call out at a time. A cold process
 * (token fetch, connection set-up, class loading) holds its first calls for a few hundred
 * milliseconds and then releases them together; paced grants would reach Graph as one burst, and
 * calls granted before a window began would land inside it.
 *
 * <p>All state is confined to the single scheduler thread; the public methods only enqueue onto it.
 */
final class BudgetGate implements CallGate {
  /** What a call will spend. */
  enum Operation {
    WRITE,
    READ
  }

  static final double MIN_FACTOR = 0.1;

  private static final double DECREASE = 0.5;
  private static final double INCREASE = 0.1;

  /** How often waiters held by the fleet brake are checked for having become unwanted. */
  private static final long BRAKE_SWEEP_NANOS = 1_000_000_000L;

  private final DispatchSettings settings;
  private final DispatchTime time;
  private final ScheduledExecutorService scheduler;
  private final Executor http;
  private final CircuitBreaker breaker;
  private final Map<Lane, Map<Operation, WaitQueue>> queues = new EnumMap<>(Lane.class);
  private RateLimiter writes;
  private RateLimiter any;
  private double share = 1.0;
  private double factor = 1.0;
  private long heldUntil;
  private long lastDecrease;
  private long lastThrottle;
  private int freeSlots;
  private boolean warm;
  private boolean wakeScheduled;
  private Set<String> braked = Set.of();
  private volatile Set<String> brakedView = Set.of();
  private volatile double effectiveFactor = 1.0;

  /** Grants run on {@code http}; the gate's own work all runs on {@code time}'s scheduler. */
  BudgetGate(DispatchSettings settings, DispatchTime time, Executor http) {
    this.settings = settings;
    this.time = time;
    this.scheduler = time.scheduler();
    this.http = http;
    this.freeSlots = settings.concurrency();
    this.breaker = Pacing.breaker(settings.circuitOpenDuration());
    this.lastThrottle = time.nanos();
    for (Lane lane : Lane.values()) {
      Map<Operation, WaitQueue> byOp = new EnumMap<>(Operation.class);
      for (Operation op : Operation.values()) {
        byOp.put(op, new WaitQueue());
      }
      queues.put(lane, byOp);
    }
    rebuildLimiters();
    long tick = settings.budgetWindow().toNanos() / 10;
    scheduler.scheduleAtFixedRate(this::recover, tick, tick, TimeUnit.NANOSECONDS);
  }

  private void rebuildLimiters() {
    writes =
        Pacing.limiter(
            "graph-writes",
            Pacing.scaled(settings.writeBudget(), share, factor, settings.budgetWindow()),
            settings.budgetWindow());
    any =
        Pacing.limiter(
            "graph-requests",
            Pacing.scaled(settings.readBudget(), share, factor, settings.budgetWindow()),
            settings.budgetWindow());
    effectiveFactor = share * factor;
  }

  /**
   * Queues a call. {@code onGrant} runs on an HTTP thread once a slot and permits are taken; the
   * caller must then call {@link #release} when the call is over. A waiter whose {@code wanted}
   * turns false (abandoned, deadline passed) is dropped without spending a permit, and {@code
   * onDropped} runs on the scheduler thread so that its owner can end it.
   */
  @Override
  public void request(
      Lane lane,
      Operation operation,
      String name,
      BooleanSupplier wanted,
      Runnable onGrant,
      Runnable onDropped) {
    scheduler.execute(
        () -> {
          queues
              .get(lane)
              .get(operation)
              .add(new WaitQueue.Waiter(name, wanted, onGrant, onDropped));
          pump();
        });
  }

  /**
   * Holds the bulk writes named in {@code names} (the Graph names of the actions whose fleet brake
   * is engaged) and lets go of all others: no bulk call of a braked action starts. Held waiters
   * keep their place; other actions, interactive work and all lookups go on.
   */
  void brake(Set<String> names) {
    Set<String> copy = Set.copyOf(names);
    brakedView = copy;
    scheduler.execute(
        () -> {
          braked = copy;
          pump();
        });
  }

  /** Whether bulk writes named {@code name} are held by their brake; safe from any thread. */
  boolean braked(String name) {
    return brakedView.contains(name);
  }

  /**
   * Returns the HTTP slot of a granted call and feeds its result to the breaker and the adaptive
   * budget; {@code result} is null when the grant was not used.
   */
  @Override
  public void release(GraphCallResult result, Duration took) {
    if (result == null) {
      breaker.releasePermission();
    } else if (isOutageSymptom(result)) {
      breaker.onError(
          took.toNanos(), TimeUnit.NANOSECONDS, new IllegalStateException(result.message()));
    } else {
      breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    }
    boolean throttled = result != null && result.httpStatus() == 429;
    Optional<Duration> retryAfter = throttled ? result.retryAfter() : Optional.empty();
    scheduler.execute(
        () -> {
          freeSlots++;
          warm |= result != null;
          if (throttled) {
            throttled(retryAfter);
          }
          pump();
        });
  }

  private static boolean isOutageSymptom(GraphCallResult r) {
    return r.kind() == GraphCallResult.Kind.TRANSPORT_ERROR
        || (r.kind() == GraphCallResult.Kind.HTTP_ERROR && r.httpStatus() >= 500);
  }

  /** This replica's share of the task partitions, from the last rebalance. */
  void share(double newShare) {
    scheduler.execute(
        () -> {
          share = Math.max(0.0, Math.min(1.0, newShare));
          rebuildLimiters();
        });
  }

  private void throttled(Optional<Duration> retryAfter) {
    long now = time.nanos();
    lastThrottle = now;
    // One decrease per window tenth: 429s of calls already in flight are the same signal.
    if (now - lastDecrease >= settings.budgetWindow().toNanos() / 10) {
      factor = Math.max(MIN_FACTOR, factor * DECREASE);
      lastDecrease = now;
      rebuildLimiters();
    }
    Duration hold = retryAfter.orElse(settings.retryBaseDelay());
    if (hold.compareTo(settings.retryMaxDelay()) > 0) {
      hold = settings.retryMaxDelay();
    }
    heldUntil = Math.max(heldUntil, now + hold.toNanos());
  }

  private void recover() {
    long now = time.nanos();
    if (factor < 1.0 && now - lastThrottle >= settings.budgetWindow().toNanos() / 10) {
      factor = Math.min(1.0, factor + INCREASE);
      rebuildLimiters();
      pump();
    }
  }

  private void pump() {
    long waitNanos = Long.MAX_VALUE;
    long throttledFor = heldUntil - time.nanos();
    if (throttledFor > 0) {
      waitNanos = throttledFor;
    } else {
      boolean granted = true;
      while (granted && freeSlots > 0 && (warm || freeSlots == settings.concurrency())) {
        granted = false;
        for (Lane lane : Lane.values()) {
          for (Operation op : Operation.values()) {
            WaitQueue queue = queues.get(lane).get(op);
            // Only bulk writes are braked: tickets and lookups are never held.
            Set<String> held = lane == Lane.BULK && op == Operation.WRITE ? braked : Set.of();
            WaitQueue.Waiter next = queue.next(held);
            if (!held.isEmpty() && queue.holdsAhead(next)) {
              // Held, not failed: look again soon for held waiters whose deadline passed.
              waitNanos = Math.min(waitNanos, BRAKE_SWEEP_NANOS);
            }
            if (next == null) {
              continue;
            }
            long wait = nanosToWait(op);
            if (wait > 0) {
              waitNanos = Math.min(waitNanos, wait);
              continue;
            }
            if (!breaker.tryAcquirePermission()) {
              // Open (or half-open with its probes out): nothing goes to Graph for now.
              waitNanos = Math.min(waitNanos, 100_000_000L);
              break;
            }
            if (!take(op)) {
              breaker.releasePermission();
              waitNanos = Math.min(waitNanos, 1_000_000L);
              continue;
            }
            queue.remove(next);
            freeSlots--;
            http.execute(next.onGrant());
            granted = true;
            break;
          }
          if (granted) {
            break;
          }
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

  /** True while the breaker keeps Graph calls stopped; safe from any thread. */
  boolean circuitOpen() {
    return breaker.getState() == CircuitBreaker.State.OPEN;
  }

  CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  /** Share times adaptive factor currently applied to both budgets; safe from any thread. */
  double budgetFactor() {
    return effectiveFactor;
  }
}
