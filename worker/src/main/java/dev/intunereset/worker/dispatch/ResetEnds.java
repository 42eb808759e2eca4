package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.action.DeviceAction;

/** What the end of a reset's {@link GraphOperation} means for the device's outcome. */
final class ResetEnds {
  private ResetEnds() {}

  /** The outcome's status, or null for an abandoned reset, which has no outcome here. */
  static OutcomeStatus status(GraphOperation.Result r) {
    return switch (r.end()) {
      case SUCCEEDED, ALREADY_APPLIED -> OutcomeStatus.SUCCEEDED;
      case DEADLINE_BEFORE_START -> OutcomeStatus.TIMED_OUT;
      case FAILED -> OutcomeStatus.FAILED;
      // A cancel before any POST skips the device; after a failed one it may have been applied.
      case CANCELED -> r.calls() == 0 ? OutcomeStatus.SKIPPED : OutcomeStatus.FAILED;
      case ABANDONED -> null;
    };
  }

  static ReasonCode reason(GraphOperation.Result r) {
    return switch (r.end()) {
      case SUCCEEDED -> ReasonCode.RESET_ISSUED;
      case ALREADY_APPLIED -> ReasonCode.ALREADY_RESET;
      case DEADLINE_BEFORE_START -> ReasonCode.DEADLINE_EXCEEDED;
      case FAILED -> FailureClass.reasonOf(r.last());
      case CANCELED ->
          r.calls() == 0 ? ReasonCode.REQUEST_CANCELED : FailureClass.reasonOf(r.last());
      case ABANDONED -> null;
    };
  }

  static String message(GraphOperation.Result r, DeviceAction action) {
    return r.end() == GraphOperation.End.SUCCEEDED
        ? "Graph accepted the " + action.noun()
        : r.message();
  }
}
