package dev.intunereset.worker.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.intunereset.contracts.Lane;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One device of an accepted request, as written to the internal device-tasks topic. It carries
 * everything the dispatcher needs, so no lookup of the request is required.
 */
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
    @JsonProperty("dryRun") boolean dryRun) {

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
}
