package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.ops.WorkerMetrics;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;

/**
 * The Graph-call side of a job: the edge, the gate in front of it, the time the calls and their
 * retries run on (injected, so that tests run on fake time), when to retry and how often, and where
 * the calls are reported (metrics, and spans in the requests' traces).
 */
record GraphCalls(
    GraphGateway graph,
    CallGate gate,
    DispatchTime time,
    Backoff backoff,
    int maxAttempts,
    GraphHealth health,
    WorkerMetrics metrics,
    Tracer tracer) {

  GraphCalls {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(tracer, "tracer");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
  }
}
