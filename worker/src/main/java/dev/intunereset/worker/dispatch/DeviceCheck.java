package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.action.DevicePolicy;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.DeviceLookup;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.task.DeviceTask;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Looks a device up (GET budget) and applies the platform policy. Ends with the device when it may
 * be reset, or with the failing outcome's status, reason and message.
 */
final class DeviceCheck {
  /** The verdict; {@code passed} when the device exists and its platform is allowed. */
  record Verdict(
      boolean passed,
      ManagedDeviceInfo device,
      OutcomeStatus status,
      ReasonCode reason,
      String message,
      GraphCallResult facts,
      boolean abandoned) {}

  private final GraphOperation operation;

  DeviceCheck(GraphCalls ctx, DevicePolicy policy, DeviceTask task, Consumer<Verdict> onVerdict) {
    this.operation =
        lookup(ctx, task, (result, device) -> onVerdict.accept(verdict(result, device, policy)));
  }

  /** A GET of the task's device (read budget); {@code onEnd} gets the device when one was read. */
  static GraphOperation lookup(
      GraphCalls ctx, DeviceTask task, BiConsumer<GraphOperation.Result, ManagedDeviceInfo> onEnd) {
    return lookup(ctx, task, task.deadline(), onEnd);
  }

  /** The same, with its own deadline (a passcode read outlives the request's). */
  static GraphOperation lookup(
      GraphCalls ctx,
      DeviceTask task,
      Instant deadline,
      BiConsumer<GraphOperation.Result, ManagedDeviceInfo> onEnd) {
    return lookup(ctx, task.lane(), task.deviceId(), deadline, task.request().traceparent(), onEnd);
  }

  /** A GET of any device in {@code lane}, in the trace {@code traceparent} (may be null). */
  static GraphOperation lookup(
      GraphCalls ctx,
      Lane lane,
      String deviceId,
      Instant deadline,
      String traceparent,
      BiConsumer<GraphOperation.Result, ManagedDeviceInfo> onEnd) {
    AtomicReference<ManagedDeviceInfo> found = new AtomicReference<>();
    return new GraphOperation(
        ctx,
        lane,
        Operation.READ,
        GraphOperation.LOOKUP,
        deadline,
        traceparent,
        clientRequestId -> {
          DeviceLookup lookup = ctx.graph().getDevice(deviceId, clientRequestId);
          lookup.device().ifPresent(found::set);
          return lookup.call();
        },
        result -> onEnd.accept(result, found.get()));
  }

  private static Verdict verdict(
      GraphOperation.Result r, ManagedDeviceInfo device, DevicePolicy policy) {
    return switch (r.end()) {
      // Lookups are abandoned, never canceled: a cancel ends the job around them.
      case ABANDONED, CANCELED -> new Verdict(false, null, null, null, "abandoned", r.last(), true);
      case DEADLINE_BEFORE_START ->
          new Verdict(
              false,
              null,
              OutcomeStatus.TIMED_OUT,
              ReasonCode.DEADLINE_EXCEEDED,
              r.message(),
              r.last(),
              false);
      case FAILED, ALREADY_APPLIED ->
          new Verdict(
              false,
              null,
              OutcomeStatus.FAILED,
              FailureClass.reasonOf(r.last()),
              r.message(),
              r.last(),
              false);
      case SUCCEEDED -> {
        if (device == null) {
          yield new Verdict(
              false,
              null,
              OutcomeStatus.FAILED,
              ReasonCode.NOT_FOUND,
              "Graph returned no device",
              r.last(),
              false);
        }
        Optional<String> refusal = policy.refusal(device);
        yield refusal
            .map(
                m ->
                    new Verdict(
                        false,
                        device,
                        OutcomeStatus.FAILED,
                        ReasonCode.UNSUPPORTED_PLATFORM,
                        m,
                        r.last(),
                        false))
            .orElseGet(() -> new Verdict(true, device, null, null, null, r.last(), false));
      }
    };
  }

  void start() {
    operation.start();
  }

  boolean abandon() {
    return operation.abandon();
  }
}
