package dev.intunereset.worker.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.intunereset.contracts.Lane;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One device of an accepted request, as written to the internal device-tasks topic (key: device
 * id). It carries everything the dispatcher needs, so no lookup of the request is required.
 *
 * @param prevalidated true when an all-or-nothing validation already looked the device up, so the
 *     dispatcher goes straight to the reset
 * @param operatingSystem what that validation found, for the outcome event
 * @param force the request bypasses the reset cooldown
 * @param passcodeRecipient who the new passcode is sealed to, or null when not delivered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceTask(
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
    @JsonProperty("passcodeRecipient") String passcodeRecipient) {

  /** Header naming the kind of record on the device-tasks topic. */
  public static final String KIND_HEADER = "task-kind";

  public static final String KIND = "device";

  public DeviceTask {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    if (deviceIndex < 0 || deviceIndex >= deviceCount) {
      throw new IllegalArgumentException("deviceIndex out of range: " + deviceIndex);
    }
  }

  /** The same task after a successful all-or-nothing validation. */
  public DeviceTask validated(String os) {
    return new DeviceTask(
        requestId,
        deviceId,
        deviceIndex,
        deviceCount,
        lane,
        acceptedAt,
        deadline,
        requestedBy,
        reason,
        source,
        ignorePartialFailures,
        validateDeviceExists,
        dryRun,
        true,
        os,
        force,
        passcodeRecipient);
  }
}
