package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
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
        task.requestId(),
        task.deviceId(),
        status,
        reason,
        text,
        facts == null || facts.httpStatus() == 0 ? null : facts.httpStatus(),
        facts == null ? null : facts.graphErrorCode(),
        facts == null ? null : facts.graphRequestId(),
        facts == null ? null : facts.clientRequestId(),
        attempts,
        operatingSystem,
        task.acceptedAt(),
        startedAt,
        now,
        task.requestedBy(),
        task.reason(),
        task.source());
  }
}
