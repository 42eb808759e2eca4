package dev.intunereset.worker.split;

import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.worker.config.WorkerConfig.SettlementSettings;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import dev.intunereset.worker.task.ValidationTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an accepted request into the work of its devices, free of Kafka: one task per device, or
 * for an all-or-nothing request (every device looked up before any is reset) one validation task
 * that holds them all.
 */
public final class RequestSplitter {
  private RequestSplitter() {}

  /**
   * The work of one request.
   *
   * @param validation the one validation task, or null when the device tasks run on their own
   * @param tasks the device tasks, or empty when {@code validation} holds them
   */
  public record Split(RequestAccepted accepted, ValidationTask validation, List<DeviceTask> tasks) {
    public Split {
      tasks = List.copyOf(tasks);
    }
  }

  /**
   * Splits {@code request}, accepted at {@code now}; its deadline runs from then. Every task
   * carries {@code traceparent} (may be null), the trace context the request arrived with. The
   * acceptance says whether its devices are followed to settlement: when the request asks for it
   * and {@code settlement} is on, for the request's settle timeout or else the worker's.
   */
  public static Split split(
      SplitRequest request, Instant now, String traceparent, SettlementSettings settlement) {
    Instant deadline = now.plus(request.timeout());
    List<String> devices = request.deviceIds();
    RequestRef ref =
        new RequestRef(
            request.requestId(),
            request.requestedBy(),
            request.reason(),
            request.source(),
            now,
            traceparent,
            request.action());
    RequestOptions options =
        new RequestOptions(
            request.ignorePartialFailures(),
            request.validateDeviceExists(),
            request.dryRun(),
            request.force(),
            request.passcodeRecipient());
    List<DeviceTask> tasks = new ArrayList<>(devices.size());
    for (int i = 0; i < devices.size(); i++) {
      tasks.add(
          DeviceTask.of(ref, deadline, options, request.lane(), devices.get(i), i, devices.size()));
    }
    boolean track = request.trackSettlement() && settlement.enabled();
    Duration settleTimeout =
        request.settleTimeout() != null ? request.settleTimeout() : settlement.timeout();
    RequestAccepted accepted =
        new RequestAccepted(
                request.requestId(),
                devices.size(),
                request.duplicatesFolded(),
                request.lane(),
                request.dryRun(),
                request.ignorePartialFailures(),
                now,
                deadline,
                request.requestedBy(),
                request.reason(),
                request.source())
            .withSettlement(track, settleTimeout)
            .withAction(request.action());
    boolean allOrNothing =
        request.validateDeviceExists() && !request.ignorePartialFailures() && devices.size() > 1;
    return allOrNothing
        ? new Split(accepted, new ValidationTask(tasks.get(0), devices), List.of())
        : new Split(accepted, null, tasks);
  }
}
