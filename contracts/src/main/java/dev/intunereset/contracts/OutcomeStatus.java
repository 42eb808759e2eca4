package dev.intunereset.contracts;

/** Final status of one device within a request; {@link ReasonCode} says why. */
public enum OutcomeStatus {
  /** The reset was issued (or, in a dry run, would have been). */
  SUCCEEDED,
  /** The reset was attempted or validated and did not happen. */
  FAILED,
  /** The reset was deliberately not attempted. */
  SKIPPED,
  /** The request deadline passed before the reset started. */
  TIMED_OUT
}
