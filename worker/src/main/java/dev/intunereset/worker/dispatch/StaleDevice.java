package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Durations;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.task.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Terraform action's "the device must be online", as far as Graph can tell: a validated device
 * whose last check-in ({@code lastSyncDateTime}) is older than {@code STALE_DEVICE_AFTER} would
 * only queue the reset while whoever asked for it takes it as done, so it ends {@code SKIPPED /
 * STALE_DEVICE} unless the request sets {@code force}. It never overrides reconciliation: a reset
 * this request already made stays {@code ALREADY_RESET}.
 */
final class StaleDevice {
  /** Graph serves .NET's {@code DateTimeOffset.MinValue} for a date it does not have. */
  private static final Instant UNSET = Instant.parse("0001-01-01T00:00:00Z");

  private StaleDevice() {}

  /**
   * Empty when the device may be reset; otherwise the outcome's message. A device whose last
   * check-in Graph does not give is not stale: a missing value never refuses a device.
   *
   * @param limit zero when the check is off
   */
  static Optional<String> skip(
      ManagedDeviceInfo device, Instant now, Duration limit, RequestOptions options) {
    if (device == null || limit.isZero() || options.force() || !options.validateDeviceExists()) {
      return Optional.empty();
    }
    Instant lastSync = device.lastSyncDateTime();
    if (lastSync == null || !lastSync.isAfter(UNSET) || !lastSync.isBefore(now.minus(limit))) {
      return Optional.empty();
    }
    return Optional.of(
        "not reset: Graph shows the device last checked in at "
            + lastSync
            + ", more than "
            + Durations.format(limit)
            + " (STALE_DEVICE_AFTER) ago, so the reset would only wait for it; send force=true to"
            + " reset anyway");
  }
}
