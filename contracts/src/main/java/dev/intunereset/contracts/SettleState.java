package dev.intunereset.contracts;

import java.util.Locale;

/**
 * Where a device's accepted reset ended on the device, as Graph's {@code deviceActionResults} shows
 * it: one of the action's final states, or {@link #UNCONFIRMED} when none was seen in time.
 */
public enum SettleState {
  /** The device applied the reset ({@code actionState: done}). */
  DONE,
  /** The device could not apply it ({@code failed}); {@code errorCode} says why. */
  FAILED,
  /** The device does not support it ({@code notSupported}). */
  NOT_SUPPORTED,
  /** The action was canceled in Intune before the device applied it ({@code canceled}). */
  CANCELED,
  /**
   * No final state was seen before the settle deadline (an offline device, typically), or the
   * device left Intune; the event carries the last state seen.
   */
  UNCONFIRMED;

  /** The final state Graph's {@code actionState} names, or null for a state that is not final. */
  public static SettleState ofActionState(String actionState) {
    if (actionState == null) {
      return null;
    }
    return switch (actionState.toLowerCase(Locale.ROOT)) {
      case "done" -> DONE;
      case "failed" -> FAILED;
      case "notsupported" -> NOT_SUPPORTED;
      case "canceled" -> CANCELED;
      default -> null;
    };
  }
}
