package dev.intunereset.contracts;

/** What an {@link Approval} decides about a held request. */
public enum ApprovalDecision {
  /** Run the request: it is accepted and split at once. */
  APPROVE,
  /** Do not run it: it is rejected and no device is touched. */
  DENY
}
