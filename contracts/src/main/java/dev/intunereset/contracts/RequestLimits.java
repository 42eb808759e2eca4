package dev.intunereset.contracts;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of a reset request that a worker may configure ({@code REQUEST_MAX_DEVICES}, {@code
 * REQUEST_MAX_BYTES}, {@code REQUEST_MAX_TIMEOUT}). The configured limits of the worker that reads
 * a request are the contract; {@link #DEFAULTS} are what a worker uses unless configured otherwise,
 * and what the JSON Schema states where it can.
 *
 * @param maxDevices most distinct devices one request may name, after duplicates are folded
 * @param maxBytes largest message, in bytes
 * @param maxTimeout longest {@code timeout} a request may ask for
 */
public record RequestLimits(int maxDevices, int maxBytes, Duration maxTimeout) {

  /** The shortest {@code timeout} a request may ask for; not configurable. */
  public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  /** The shortest {@code settleTimeout} a request may ask for; not configurable. */
  public static final Duration MIN_SETTLE_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The longest {@code settleTimeout} a request may ask for, and the most the worker's {@code
   * SETTLE_TIMEOUT} may be: the longest a device is followed is fixed by the contract.
   */
  public static final Duration MAX_SETTLE_TIMEOUT = Duration.ofHours(72);

  /** The default limits: 10,000 devices, 1 MiB, 24 hours. */
  public static final RequestLimits DEFAULTS =
      new RequestLimits(10_000, 1024 * 1024, Duration.ofHours(24));

  public RequestLimits {
    Objects.requireNonNull(maxTimeout, "maxTimeout");
    if (maxDevices < 1) {
      throw new IllegalArgumentException("maxDevices must be at least 1, got " + maxDevices);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
    }
    if (maxTimeout.compareTo(MIN_TIMEOUT) < 0) {
      throw new IllegalArgumentException("maxTimeout must be at least 1s, got " + maxTimeout);
    }
  }
}
