package dev.intunereset.worker.dispatch;

/**
 * What every job shares, in two halves: how a Graph call is made ({@link GraphCalls}) and what a
 * reset must respect ({@link ResetRules}). A {@link GraphOperation} sees only the first.
 */
record JobContext(GraphCalls calls, ResetRules rules) {}
