package dev.intunereset.worker.dispatch;

/**
 * What every job shares: how a Graph call is made ({@link GraphCalls}), what a reset must respect
 * ({@link ResetRules}) and which requests were canceled. A {@link GraphOperation} sees only the
 * first.
 */
record JobContext(GraphCalls calls, ResetRules rules, CanceledRequests canceled) {
  JobContext(GraphCalls calls, ResetRules rules) {
    this(calls, rules, new CanceledRequests());
  }
}
