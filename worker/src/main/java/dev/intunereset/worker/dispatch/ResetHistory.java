package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a device's {@code deviceActionResults} say about resetting it now. Two rules, in order:
 *
 * <ol>
 *   <li><b>Reconciliation</b>: a reset started since the request was accepted (less the allowed
 *       clock skew, where the task may already have been attempted) is this request's own earlier
 *       attempt, or one just as good: {@code SUCCEEDED / ALREADY_RESET}, never reset again, not
 *       even with {@code force}.
 *   <li><b>Cooldown</b>: a reset started within the cooldown window, by anyone, means the device
 *       has a fresh passcode that someone may be reading out: {@code SKIPPED / RECENTLY_RESET},
 *       unless the request sets {@code force}.
 * </ol>
 */
final class ResetHistory {
  /** What to do with the device. */
  enum Kind {
    PROCEED,
    ALREADY_RESET,
    RECENTLY_RESET
  }

  /** The decision and, unless proceeding, the start of the reset it rests on. */
  record Decision(Kind kind, Instant startedAt, Duration cooldown, DeviceAction action) {
    static final Decision PROCEED = new Decision(Kind.PROCEED, null, null, null);

    OutcomeStatus status() {
      return kind == Kind.ALREADY_RESET ? OutcomeStatus.SUCCEEDED : OutcomeStatus.SKIPPED;
    }

    ReasonCode reason() {
      return kind == Kind.ALREADY_RESET ? ReasonCode.ALREADY_RESET : ReasonCode.RECENTLY_RESET;
    }

    String message() {
      return kind == Kind.ALREADY_RESET
          ? alreadyResetMessage(action, startedAt)
          : "not sent: Graph shows a "
              + action.noun()
              + " started at "
              + startedAt
              + ", within the "
              + Durations.format(cooldown)
              + " cooldown (RESET_COOLDOWN); send force=true to reset anyway";
    }
  }

  private ResetHistory() {}

  /** What a dry run reports for a device that passed every check. */
  static String dryRunMessage(DeviceAction action) {
    return "dry run: the device would get a " + action.noun();
  }

  static String alreadyResetMessage(DeviceAction action, Instant startedAt) {
    return "Graph already shows a "
        + action.noun()
        + " started at "
        + startedAt
        + ", after this request was accepted; not reset again";
  }

  /**
   * @param action the action about to be sent, whose own runs count
   * @param acceptedSince the request's acceptance less the allowed clock skew
   * @param cooldown zero when the cooldown is off
   * @param dryRun a dry run reports the cooldown but has no earlier attempt to reconcile
   */
  static Decision decide(
      ManagedDeviceInfo device,
      DeviceAction action,
      Instant acceptedSince,
      Instant now,
      Duration cooldown,
      boolean force,
      boolean dryRun) {
    if (device == null) {
      return Decision.PROCEED;
    }
    if (!dryRun) {
      Optional<Instant> ours = Reconciliation.resetSince(device, action, acceptedSince);
      if (ours.isPresent()) {
        return new Decision(Kind.ALREADY_RESET, ours.get(), cooldown, action);
      }
    }
    if (force || cooldown.isZero()) {
      return Decision.PROCEED;
    }
    Instant since = now.minus(cooldown);
    return device.actionResults().stream()
        .filter(a -> action.names(a.actionName()))
        // A reset that did not change the passcode owes no cooldown.
        .filter(Reconciliation::mayHaveTakenEffect)
        .map(ManagedDeviceInfo.ActionResult::startDateTime)
        .filter(t -> t != null && !t.isBefore(since))
        .max(Instant::compareTo)
        .map(t -> new Decision(Kind.RECENTLY_RESET, t, cooldown, action))
        .orElse(Decision.PROCEED);
  }
}
