package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Device reads for other stages, through dispatch's gate: they spend the same read budget (so the
 * process never exceeds {@code GRAPH_READ_BUDGET}), stop with the same circuit breaker, back off on
 * the same 429s, and queue behind every reset, as the bulk lane's lowest priority.
 */
public final class SharedReads {
  private final GraphCalls calls;

  SharedReads(GraphCalls calls) {
    this.calls = calls;
  }

  /**
   * Reads the device, retrying as dispatch retries a lookup until {@code deadline}. {@code done}
   * runs on a Graph thread with the last call's facts (null when no call was made before the
   * deadline) and the device when it was read.
   */
  public void read(
      String deviceId,
      String traceparent,
      Instant deadline,
      BiConsumer<GraphCallResult, ManagedDeviceInfo> done) {
    DeviceCheck.lookup(
            calls,
            Lane.BULK,
            deviceId,
            deadline,
            traceparent,
            (result, device) -> done.accept(result.last(), device))
        .start();
  }
}
