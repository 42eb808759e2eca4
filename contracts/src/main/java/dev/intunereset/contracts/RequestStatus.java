package dev.intunereset.contracts;

/** Overall status of a finished request, derived from its device outcomes. */
public enum RequestStatus {
  /** Every device succeeded. */
  COMPLETED,
  /** Some devices succeeded and some did not. */
  COMPLETED_WITH_FAILURES,
  /** No device succeeded. */
  FAILED
}
