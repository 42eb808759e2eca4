package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.task.DeviceTask;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Graph's {@code deviceActionResults} as the source of truth for "was this device already reset?":
 * a resetPasscode action started at or after a point in time (less the allowed clock skew) means
 * yes. Used when a task may already have been attempted, so that a passcode a helpdesk has read out
 * is never invalidated by a second reset.
 */
final class Reconciliation {
  /** Action states in which the passcode did not change and never will. */
  private static final Set<String> NO_EFFECT = Set.of("failed", "canceled", "notsupported");

  private Reconciliation() {}

  /**
   * The start of a resetPasscode action at or after {@code since} that changed the passcode or may
   * still, if the device shows one. An attempt that failed on the device, was canceled or is not
   * supported there reset nothing, so it is no reason to hold back this request's reset.
   */
  static Optional<Instant> resetSince(
      ManagedDeviceInfo device, DeviceAction action, Instant since) {
    return runs(device, action, since)
        .filter(Reconciliation::mayHaveTakenEffect)
        .map(ManagedDeviceInfo.ActionResult::startDateTime)
        .max(Comparator.naturalOrder());
  }

  /** True unless the action's state says the passcode did not change. */
  static boolean mayHaveTakenEffect(ManagedDeviceInfo.ActionResult action) {
    String state = action.actionState();
    return state == null || !NO_EFFECT.contains(state.toLowerCase(Locale.ROOT));
  }

  /** The latest run of the action started at or after {@code since}, if the device shows one. */
  static Optional<ManagedDeviceInfo.ActionResult> latestResetSince(
      ManagedDeviceInfo device, DeviceAction action, Instant since) {
    return device == null ? Optional.empty() : device.latestAction(action.graphName(), since);
  }

  private static Stream<ManagedDeviceInfo.ActionResult> runs(
      ManagedDeviceInfo device, DeviceAction action, Instant since) {
    if (device == null) {
      return Stream.empty();
    }
    return device.actionResults().stream()
        .filter(a -> action.names(a.actionName()))
        .filter(a -> a.startDateTime() != null && !a.startDateTime().isBefore(since));
  }

  /**
   * Before a write is retried: an earlier attempt that Graph reported as failed but applied anyway
   * (a 429, 5xx or lost response proves nothing) ends the write instead of sending it again.
   */
  static GraphOperation.RetryGuard retryGuard(
      JobContext ctx, DeviceTask task, DeviceAction action) {
    return (firstCallAt, proceed, applied) ->
        lookup(
            ctx.calls(),
            task,
            action,
            firstCallAt.minus(ctx.rules().reconcileSkew()),
            found ->
                found.ifPresentOrElse(
                    t ->
                        applied.accept(
                            "an earlier attempt was applied although Graph reported a failure ("
                                + action.noun()
                                + " started at "
                                + t
                                + "); not sent again"),
                    proceed));
  }

  /**
   * Reads the device (read budget) and reports a reset since {@code since}; empty when there is
   * none or the read failed, in which case the caller proceeds with its write.
   */
  static void lookup(
      GraphCalls ctx,
      DeviceTask task,
      DeviceAction action,
      Instant since,
      Consumer<Optional<Instant>> result) {
    DeviceCheck.lookup(
            ctx,
            task,
            (r, device) ->
                result.accept(
                    r.end() == GraphOperation.End.SUCCEEDED
                        ? resetSince(device, action, since)
                        : Optional.empty()))
        .start();
  }
}
