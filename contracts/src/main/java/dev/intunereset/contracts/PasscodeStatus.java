package dev.intunereset.contracts;

/** What became of the new passcode of a device whose reset was issued. */
public enum PasscodeStatus {
  /** Read from Graph and sealed to the requested recipient; the outcome carries the JWE. */
  SEALED,
  /** No delivery was asked for: the passcode is in the Intune admin center, for 7 days. */
  NOT_REQUESTED,
  /** The platform removes the passcode instead of setting a new one (iOS/iPadOS): none exists. */
  NONE_ISSUED,
  /** Graph reports the reset action failed on the device, so there is no passcode. */
  ACTION_FAILED,
  /** The passcode was not ready before the retrieval timeout (or could not be read). */
  NOT_RETRIEVED
}
