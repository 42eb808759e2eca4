package dev.intunereset.worker.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An all-or-nothing request ({@code validateDeviceExists} and not {@code ignorePartialFailures}):
 * every device is looked up before any is reset. One record on the device-tasks topic (key: request
 * id) carries the request once, as the task of its first device, plus all device ids; the
 * dispatcher turns it either into the device tasks (all valid) or into the outcomes (something
 * failed), in one transaction.
 */
public record ValidationTask(
    @JsonProperty("first") DeviceTask first, @JsonProperty("deviceIds") List<String> deviceIds) {
  public static final String KIND = "validation";

  public ValidationTask {
    Objects.requireNonNull(first, "first");
    deviceIds = List.copyOf(deviceIds);
    if (deviceIds.size() != first.deviceCount() || !deviceIds.get(0).equals(first.deviceId())) {
      throw new IllegalArgumentException("deviceIds do not match the request's first task");
    }
  }

  /** The task of every device, in request order. */
  public List<DeviceTask> tasks() {
    List<DeviceTask> out = new ArrayList<>(deviceIds.size());
    for (int i = 0; i < deviceIds.size(); i++) {
      out.add(first.forDevice(deviceIds.get(i), i));
    }
    return out;
  }
}
