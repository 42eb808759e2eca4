package dev.intunereset.contracts;

/**
 * Overall status of a finished request, derived from its device outcomes and its {@code
 * ignorePartialFailures}; a device that ended {@link OutcomeStatus#FAILED} or {@link
 * OutcomeStatus#TIMED_OUT} counts as a failure, one that ended {@link OutcomeStatus#SKIPPED} (a dry
 * run, a recent reset) does not.
 */
public enum RequestStatus {
  /** No device failed or timed out. */
  COMPLETED,
  /**
   * Some devices failed or timed out, the request set {@code ignorePartialFailures}, and at least
   * one device succeeded or was skipped.
   */
  COMPLETED_WITH_FAILURES,
  /**
   * Some devices failed or timed out, and either the request did not set {@code
   * ignorePartialFailures} or no device succeeded or was skipped.
   */
  FAILED,
  /**
   * The request was canceled ({@link RequestCanceled}); the counts say what each device ended as,
   * those not started being {@link OutcomeStatus#SKIPPED} / {@link ReasonCode#REQUEST_CANCELED}.
   */
  CANCELED
}
