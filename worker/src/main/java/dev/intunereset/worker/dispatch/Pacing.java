package dev.intunereset.worker.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/** How {@link BudgetGate} paces calls within a budget, and when it stops calling Graph at all. */
final class Pacing {
  /** Lateness of a call behind its permit that the pacing absorbs: see {@link #scaled}. */
  static final Duration JITTER_ALLOWANCE = Duration.ofMillis(60);

  private Pacing() {}

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
   * The budget paced for: configured budget times share and factor, less the calls that {@link
   * #JITTER_ALLOWANCE} of pacing would send (at least one), at least 2, the smallest budget pacing
   * can honour. Calls reach Graph a little later than their permits, and not all equally late
   * (thread scheduling, GC, the network): a call delayed by up to the allowance must still not land
   * in a window that is already full. For Intune's 200 per 20 s that is one call (0.5%).
   */
  static int scaled(int budget, double share, double factor, Duration window) {
    double target = budget * share * factor;
    double jitterCalls = target * JITTER_ALLOWANCE.toNanos() / window.toNanos();
    int headroom = (int) Math.max(1, Math.ceil(jitterCalls));
    return Math.max(2, (int) Math.floor(target) - headroom);
  }

  /** Opens on 5xx and timeouts while Graph is down, then lets a few probes through. */
  static CircuitBreaker breaker(Duration openFor) {
    return CircuitBreaker.of(
        "graph",
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(openFor)
            .permittedNumberOfCallsInHalfOpenState(3)
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .build());
  }
}
