package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.ops.WorkerMetrics;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The Graph-call side of a job: the edge, the gate in front of it, when to retry and how often, and
 * the time, both wall-clock ({@code clock}, for deadlines and events) and monotonic ({@code
 * ticker}, nanoseconds, for measured waits), injected so that tests run on fake time.
 */
record GraphCalls(
    GraphGateway graph,
    CallGate gate,
    ScheduledExecutorService scheduler,
    Backoff backoff,
    int maxAttempts,
    Clock clock,
    LongSupplier ticker,
    GraphHealth health,
    WorkerMetrics metrics) {

  GraphCalls {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(metrics, "metrics");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
  }
}
