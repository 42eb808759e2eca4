package dev.intunereset.worker.settlement;

import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.time.Instant;
import java.util.function.BiConsumer;

/** Reads a device off the poll thread, under the process's shared read budget. */
@FunctionalInterface
public interface DeviceReads {
  /**
   * Reads the device, retrying until {@code deadline}; {@code done} runs on another thread with the
   * last Graph call's facts (null when none was made) and the device when it was read.
   */
  void read(
      String deviceId,
      String traceparent,
      Instant deadline,
      BiConsumer<GraphCallResult, ManagedDeviceInfo> done);
}
