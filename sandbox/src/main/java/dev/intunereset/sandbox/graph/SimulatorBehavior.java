package dev.intunereset.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the simulator misbehaves: latency, throttling, injected errors and outages. Immutable and
 * validated; {@link #perfect()} (the default) is a flawless Graph with no latency.
 *
 * <p>Order of evaluation per request: outage, authentication, routing, throttling (with the "429
 * but applied" quirk), injected error, then Graph's own answer. Latency applies to every answer
 * except a hanging outage's.
 *
 * @param latencyMean mean added latency (real time, not the simulator clock)
 * @param latencyJitter latency is uniform in {@code [mean - jitter, mean + jitter]}, floored at 0
 * @param writeLimit POSTs admitted per {@code window} per app per tenant; 0 = unlimited (Intune:
 *     200 per 20 s)
 * @param anyLimit requests admitted per {@code window} per app per tenant; 0 = unlimited (Intune:
 *     2000 per 20 s)
 * @param tenantWriteLimit POSTs admitted per {@code window} per tenant, all apps together (a {@link
 *     GraphSimulator#noisyNeighbour noisy neighbour} included); 0 = unlimited (Intune: 400 per 20
 *     s)
 * @param tenantAnyLimit requests admitted per {@code window} per tenant, all apps together; 0 =
 *     unlimited (Intune: 4000 per 20 s)
 * @param window the sliding throttling window, by the simulator clock
 * @param retryAfterOmittedRatio share of 429s sent without Retry-After (Intune often omits it)
 * @param throttledButAppliedRatio share of throttled action POSTs (reset, rotation) that still run
 * @param errorRate share of admitted requests answered with an injected 5xx
 * @param errorStatuses the statuses injected errors draw from (each of 500, 502, 503, 504)
 * @param outages windows, by the simulator clock, in which every request fails
 * @param outageMode how a request fails during an outage
 * @param filterDefect Graph's reported defect of ignoring a {@code $filter} on managedDevices; by
 *     default an unsupported filter is ignored, as Graph does
 * @param startsWithAsContains another reported defect: {@code startswith(deviceName,'x')} is
 *     accepted and matches as {@code contains(deviceName,'x')} does
 */
public record SimulatorBehavior(
    Duration latencyMean,
    Duration latencyJitter,
    int writeLimit,
    int anyLimit,
    int tenantWriteLimit,
    int tenantAnyLimit,
    Duration window,
    double retryAfterOmittedRatio,
    double throttledButAppliedRatio,
    double errorRate,
    Set<Integer> errorStatuses,
    List<Outage> outages,
    OutageMode outageMode,
    FilterDefect filterDefect,
    boolean startsWithAsContains) {

  /** Statuses an injected error may have. */
  public static final Set<Integer> ALLOWED_ERROR_STATUSES = Set.of(500, 502, 503, 504);

  /** Intune devices service limits per app per tenant (see the platform facts note). */
  public static final int INTUNE_WRITE_LIMIT = 200;

  public static final int INTUNE_ANY_LIMIT = 2000;

  /** Intune devices service limits per tenant, all apps together. */
  public static final int INTUNE_TENANT_WRITE_LIMIT = 400;

  public static final int INTUNE_TENANT_ANY_LIMIT = 4000;
  public static final Duration INTUNE_WINDOW = Duration.ofSeconds(20);

  private static final SimulatorBehavior PERFECT = builder().build();

  public SimulatorBehavior {
    Objects.requireNonNull(latencyMean, "latencyMean");
    Objects.requireNonNull(latencyJitter, "latencyJitter");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(errorStatuses, "errorStatuses");
    Objects.requireNonNull(outages, "outages");
    Objects.requireNonNull(outageMode, "outageMode");
    Objects.requireNonNull(filterDefect, "filterDefect");
    if (latencyMean.isNegative() || latencyJitter.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    if (latencyMean.plus(latencyJitter).compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("latency above 10 minutes is surely a mistake");
    }
    if (writeLimit < 0 || anyLimit < 0 || tenantWriteLimit < 0 || tenantAnyLimit < 0) {
      throw new IllegalArgumentException("limits must be >= 0 (0 = unlimited)");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    requireRatio("retryAfterOmittedRatio", retryAfterOmittedRatio);
    requireRatio("throttledButAppliedRatio", throttledButAppliedRatio);
    requireRatio("errorRate", errorRate);
    if (errorStatuses.isEmpty() || !ALLOWED_ERROR_STATUSES.containsAll(errorStatuses)) {
      throw new IllegalArgumentException(
          "errorStatuses must be a non-empty subset of " + ALLOWED_ERROR_STATUSES);
    }
    // Sorted, so draws from a seeded Random do not depend on set iteration order.
    errorStatuses = Collections.unmodifiableSet(new TreeSet<>(errorStatuses));
    outages = List.copyOf(outages);
  }

  /** Flawless Graph: no latency, no throttling, no errors, no outage. */
  public static SimulatorBehavior perfect() {
    return PERFECT;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The outage covering {@code now}, if any. */
  Optional<Outage> outageAt(Instant now) {
    for (Outage outage : outages) {
      if (outage.covers(now)) {
        return Optional.of(outage);
      }
    }
    return Optional.empty();
  }

  /** A latency drawn from the configured distribution. */
  Duration sampleLatency(Random random) {
    if (latencyJitter.isZero()) {
      return latencyMean;
    }
    long meanNanos = latencyMean.toNanos();
    long jitterNanos = latencyJitter.toNanos();
    long offset = (long) ((random.nextDouble() * 2 - 1) * jitterNanos);
    return Duration.ofNanos(Math.max(0, meanNanos + offset));
  }

  private static void requireRatio(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
    }
  }

  /** How requests fail during an outage. */
  public enum OutageMode {
    /** Answer 503 ServiceUnavailable at once. */
    UNAVAILABLE,
    /**
     * Answer nothing until the outage ends (by the simulator clock), then 504; clients see their
     * own timeouts first.
     */
    HANG
  }

  /**
   * How a managedDevices listing treats {@code $filter}. A filter that is not even OData (a syntax
   * error) is Graph's 400 whatever this says.
   */
  public enum FilterDefect {
    /** Stricter than Graph: only the documented filters; anything else is 400 (invalid clause). */
    NONE,
    /** The default, as Graph: a filter naming anything undocumented is dropped, all devices. */
    IGNORE_UNSUPPORTED,
    /** Every filter is dropped, even a supported one: 200 with every device. */
    IGNORE_ALL
  }

  /** A time window {@code [from, to)} by the simulator clock. */
  public record Outage(Instant from, Instant to) {
    public Outage {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException("outage must end after it starts: " + from + ".." + to);
      }
    }

    public boolean covers(Instant now) {
      return !now.isBefore(from) && now.isBefore(to);
    }
  }

  /** Builds a {@link SimulatorBehavior}; {@link #build()} validates. */
  public static final class Builder {
    private Duration latencyMean = Duration.ZERO;
    private Duration latencyJitter = Duration.ZERO;
    private int writeLimit;
    private int anyLimit;
    private int tenantWriteLimit;
    private int tenantAnyLimit;
    private Duration window = INTUNE_WINDOW;
    private double retryAfterOmittedRatio;
    private double throttledButAppliedRatio;
    private double errorRate;
    private Set<Integer> errorStatuses = ALLOWED_ERROR_STATUSES;
    private final List<Outage> outages = new ArrayList<>();
    private OutageMode outageMode = OutageMode.UNAVAILABLE;
    private FilterDefect filterDefect = FilterDefect.IGNORE_UNSUPPORTED;
    private boolean startsWithAsContains;

    private Builder() {}

    private Builder(SimulatorBehavior from) {
      latencyMean = from.latencyMean;
      latencyJitter = from.latencyJitter;
      writeLimit = from.writeLimit;
      anyLimit = from.anyLimit;
      tenantWriteLimit = from.tenantWriteLimit;
      tenantAnyLimit = from.tenantAnyLimit;
      window = from.window;
      retryAfterOmittedRatio = from.retryAfterOmittedRatio;
      throttledButAppliedRatio = from.throttledButAppliedRatio;
      errorRate = from.errorRate;
      errorStatuses = from.errorStatuses;
      outages.addAll(from.outages);
      outageMode = from.outageMode;
      filterDefect = from.filterDefect;
      startsWithAsContains = from.startsWithAsContains;
    }

    /** A fixed latency. */
    public Builder latency(Duration fixed) {
      return latency(fixed, Duration.ZERO);
    }

    /** Latency uniform in {@code [mean - jitter, mean + jitter]}, floored at 0. */
    public Builder latency(Duration mean, Duration jitter) {
      this.latencyMean = Objects.requireNonNull(mean, "mean");
      this.latencyJitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /** POSTs admitted per window; 0 = unlimited. */
    public Builder writeLimit(int writeLimit) {
      this.writeLimit = writeLimit;
      return this;
    }

    /** Requests of any method admitted per window; 0 = unlimited. */
    public Builder anyLimit(int anyLimit) {
      this.anyLimit = anyLimit;
      return this;
    }

    public Builder window(Duration window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /** Sets both limits and the window. */
    public Builder throttle(int writeLimit, int anyLimit, Duration window) {
      return writeLimit(writeLimit).anyLimit(anyLimit).window(window);
    }

    /**
     * Limits per tenant, all apps together (the window is {@link #window}'s); 0 = unlimited. Only a
     * second app or a {@link GraphSimulator#noisyNeighbour noisy neighbour} reaches them before the
     * per-app limits.
     */
    public Builder tenantLimits(int tenantWriteLimit, int tenantAnyLimit) {
      this.tenantWriteLimit = tenantWriteLimit;
      this.tenantAnyLimit = tenantAnyLimit;
      return this;
    }

    /**
     * Intune's real limits: 200 writes and 2000 requests per 20 s per app per tenant, 400 and 4000
     * per tenant across apps.
     */
    public Builder intuneThrottling() {
      return throttle(INTUNE_WRITE_LIMIT, INTUNE_ANY_LIMIT, INTUNE_WINDOW)
          .tenantLimits(INTUNE_TENANT_WRITE_LIMIT, INTUNE_TENANT_ANY_LIMIT);
    }

    public Builder retryAfterOmittedRatio(double ratio) {
      this.retryAfterOmittedRatio = ratio;
      return this;
    }

    public Builder throttledButAppliedRatio(double ratio) {
      this.throttledButAppliedRatio = ratio;
      return this;
    }

    public Builder errorRate(double rate) {
      this.errorRate = rate;
      return this;
    }

    public Builder errorStatuses(Set<Integer> statuses) {
      this.errorStatuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
      return this;
    }

    /** Adds an outage window {@code [from, to)}. */
    public Builder outage(Instant from, Instant to) {
      outages.add(new Outage(from, to));
      return this;
    }

    /** Replaces all outage windows. */
    public Builder outages(List<Outage> windows) {
      outages.clear();
      outages.addAll(windows);
      return this;
    }

    public Builder outageMode(OutageMode mode) {
      this.outageMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Makes the listing ignore filters as Graph has been reported to: see {@link FilterDefect}. */
    public Builder filterDefect(FilterDefect defect) {
      this.filterDefect = Objects.requireNonNull(defect, "defect");
      return this;
    }

    /** Whether {@code startswith(deviceName,…)} is accepted and matches as {@code contains}. */
    public Builder startsWithAsContains(boolean on) {
      this.startsWithAsContains = on;
      return this;
    }

    public SimulatorBehavior build() {
      return new SimulatorBehavior(
          latencyMean,
          latencyJitter,
          writeLimit,
          anyLimit,
          tenantWriteLimit,
          tenantAnyLimit,
          window,
          retryAfterOmittedRatio,
          throttledButAppliedRatio,
          errorRate,
          errorStatuses,
          outages,
          outageMode,
          filterDefect,
          startsWithAsContains);
    }
  }
}
