package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.GraphCallFacts;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.task.DeviceTask;
import java.time.Instant;

/** Builds {@link DeviceOutcome}s from a task and the facts of its last Graph call. */
final class Outcomes {
  private static final int MAX_MESSAGE = 2000;

  private Outcomes() {}

  static DeviceOutcome of(
      DeviceTask task,
      OutcomeStatus status,
      ReasonCode reason,
      String message,
      GraphCallResult facts,
      int attempts,
      String operatingSystem,
      Instant startedAt,
      Instant now) {
    String text =
        message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
    return new DeviceOutcome(
        task.request(),
        task.deviceId(),
        status,
        reason,
        text,
        facts(facts),
        attempts,
        operatingSystem,
        startedAt,
        now,
        null,
        null);
  }

  /** An HTTP status of 0 means no response arrived: the outcome then has none. */
  private static GraphCallFacts facts(GraphCallResult r) {
    if (r == null) {
      return GraphCallFacts.NONE;
    }
    return new GraphCallFacts(
        r.httpStatus() == 0 ? null : r.httpStatus(),
        r.graphErrorCode(),
        r.graphRequestId(),
        r.clientRequestId());
  }
}
