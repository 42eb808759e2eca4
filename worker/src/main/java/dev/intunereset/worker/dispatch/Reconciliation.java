package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.task.DeviceTask;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Graph's {@code deviceActionResults} as the source of truth for "was this device already reset?":
 * a resetPasscode action started at or after a point in time (less the allowed clock skew) means
 * yes. Used when a task may already have been attempted, so that a passcode a helpdesk has read out
 * is never invalidated by a second reset.
 */
final class Reconciliation {
  private Reconciliation() {}

  /** The start of a resetPasscode action at or after {@code since}, if the device shows one. */
  static Optional<Instant> resetSince(ManagedDeviceInfo device, Instant since) {
    return latestResetSince(device, since).map(ManagedDeviceInfo.ActionResult::startDateTime);
  }

  /** The latest resetPasscode action started at or after {@code since}, if the device shows one. */
  static Optional<ManagedDeviceInfo.ActionResult> latestResetSince(
      ManagedDeviceInfo device, Instant since) {
    if (device == null) {
      return Optional.empty();
    }
    return device.actionResults().stream()
        .filter(a -> "resetPasscode".equalsIgnoreCase(a.actionName()))
        .filter(a -> a.startDateTime() != null && !a.startDateTime().isBefore(since))
        .max(Comparator.comparing(ManagedDeviceInfo.ActionResult::startDateTime));
  }

  /**
   * Reads the device (read budget) and reports a reset since {@code since}; empty when there is
   * none or the read failed, in which case the caller proceeds with its write.
   */
  static void lookup(
      GraphCalls ctx, DeviceTask task, Instant since, Consumer<Optional<Instant>> result) {
    DeviceCheck.lookup(
            ctx,
            task,
            (r, device) ->
                result.accept(
                    r.end() == GraphOperation.End.SUCCEEDED
                        ? resetSince(device, since)
                        : Optional.empty()))
        .start();
  }
}
