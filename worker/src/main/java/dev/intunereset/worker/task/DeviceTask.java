package dev.intunereset.worker.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.worker.trace.Traces;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One device of an accepted request, as written to the internal device-tasks topic (key: device
 * id). It carries everything the dispatcher needs, so no lookup of the request is required.
 *
 * <p>On the topic it is one flat object whose field order predates this record: the request's
 * fields, the options and the validation interleave, so it reads and writes through {@link Wire}.
 *
 * @param request the request, with its audit trail
 * @param deadline when the request's time is up
 * @param options how the request is to be carried out
 * @param lane the lane the request travels in
 * @param deviceIndex position of the device in the request, from 0
 * @param deviceCount devices in the request
 * @param prevalidated true when an all-or-nothing validation already looked the device up, so the
 *     dispatcher goes straight to the reset
 * @param operatingSystem what that validation found, for the outcome event
 */
public record DeviceTask(
    RequestRef request,
    Instant deadline,
    RequestOptions options,
    Lane lane,
    String deviceId,
    int deviceIndex,
    int deviceCount,
    boolean prevalidated,
    String operatingSystem) {

  /** Header naming the kind of record on the device-tasks topic. */
  public static final String KIND_HEADER = "task-kind";

  public static final String KIND = "device";

  public DeviceTask {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(deviceId, "deviceId");
    if (deviceIndex < 0 || deviceIndex >= deviceCount) {
      throw new IllegalArgumentException("deviceIndex out of range: " + deviceIndex);
    }
  }

  /** The task of device {@code index} (of {@code count}) of a request, not yet validated. */
  public static DeviceTask of(
      RequestRef request,
      Instant deadline,
      RequestOptions options,
      Lane lane,
      String deviceId,
      int index,
      int count) {
    return new DeviceTask(request, deadline, options, lane, deviceId, index, count, false, null);
  }

  /** The same request's task for another of its devices, not yet validated. */
  public DeviceTask forDevice(String otherDeviceId, int index) {
    return of(request, deadline, options, lane, otherDeviceId, index, deviceCount);
  }

  /** The same task after a successful all-or-nothing validation. */
  public DeviceTask validated(String os) {
    return new DeviceTask(
        request, deadline, options, lane, deviceId, deviceIndex, deviceCount, true, os);
  }

  @JsonValue
  Wire wire() {
    return new Wire(
        request.id(),
        deviceId,
        deviceIndex,
        deviceCount,
        lane,
        request.acceptedAt(),
        deadline,
        request.requestedBy(),
        request.reason(),
        request.source(),
        options.ignorePartialFailures(),
        options.validateDeviceExists(),
        options.dryRun(),
        prevalidated,
        operatingSystem,
        options.force(),
        options.passcodeRecipient(),
        request.traceparent(),
        // Left out for the default, so a passcode task reads as it did before actions existed.
        request.action() == Action.DEFAULT ? null : request.action());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DeviceTask fromWire(Wire w) {
    return new DeviceTask(
        new RequestRef(
            w.requestId(),
            w.requestedBy(),
            w.reason(),
            w.source(),
            w.acceptedAt(),
            Traces.canonical(w.traceparent()),
            w.action()),
        w.deadline(),
        new RequestOptions(
            w.ignorePartialFailures(),
            w.validateDeviceExists(),
            w.dryRun(),
            w.force(),
            w.passcodeRecipient()),
        w.lane(),
        w.deviceId(),
        w.deviceIndex(),
        w.deviceCount(),
        w.prevalidated(),
        w.operatingSystem());
  }

  /** The task as the device-tasks topic carries it: flat, in this order, nulls left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Wire(
      @JsonProperty("requestId") UUID requestId,
      @JsonProperty("deviceId") String deviceId,
      @JsonProperty("deviceIndex") int deviceIndex,
      @JsonProperty("deviceCount") int deviceCount,
      @JsonProperty("lane") Lane lane,
      @JsonProperty("acceptedAt") Instant acceptedAt,
      @JsonProperty("deadline") Instant deadline,
      @JsonProperty("requestedBy") String requestedBy,
      @JsonProperty("reason") String reason,
      @JsonProperty("source") String source,
      @JsonProperty("ignorePartialFailures") boolean ignorePartialFailures,
      @JsonProperty("validateDeviceExists") boolean validateDeviceExists,
      @JsonProperty("dryRun") boolean dryRun,
      @JsonProperty("prevalidated") boolean prevalidated,
      @JsonProperty("operatingSystem") String operatingSystem,
      @JsonProperty("force") boolean force,
      @JsonProperty("passcodeRecipient") String passcodeRecipient,
      @JsonProperty("traceparent") String traceparent,
      @JsonProperty("action") Action action) {}
}
