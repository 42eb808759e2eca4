package dev.intunereset.worker.settlement;

import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.SettleState;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.ops.WorkerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What settlement reports: devices settled per state, reads spent following devices, and how many
 * devices (and for how long the oldest) are still followed. The gauges are set by the stage's
 * thread, and read by the scrape.
 */
public final class SettlementMetrics {
  /** How a read of a followed device ended. */
  private enum ReadResult {
    FINAL,
    PENDING,
    GONE,
    FAILED
  }

  private final MeterRegistry registry;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong oldestSeconds = new AtomicLong();

  public SettlementMetrics(WorkerMetrics metrics) {
    this.registry = metrics.registry();
    // Registered at zero, so that rates and alerts see every series before its first event.
    for (SettleState state : SettleState.values()) {
      settledCounter(state);
    }
    for (ReadResult result : ReadResult.values()) {
      readCounter(result);
    }
    metrics.gauge(
        "passcode_reset_settlement_pending",
        "Devices whose accepted reset is followed and not yet settled (this replica)",
        pending::get);
    metrics.gauge(
        "passcode_reset_settlement_oldest_pending_seconds",
        "Age of the oldest accepted reset not yet settled (this replica); 0 when none",
        oldestSeconds::get);
  }

  private Counter settledCounter(SettleState state) {
    return Counter.builder("passcode_reset_devices_settled")
        .description("Devices settled, by final state of their reset on the device")
        .tag("state", state.name())
        .register(registry);
  }

  private Counter readCounter(ReadResult result) {
    return Counter.builder("passcode_reset_settlement_reads")
        .description("Device reads spent following accepted resets, by what they found")
        .tag("result", result.name())
        .register(registry);
  }

  void settled(SettleState state) {
    settledCounter(state).increment();
  }

  void read(GraphCallResult last, ManagedDeviceInfo device, DeviceSettled settled) {
    if (last == null) {
      return;
    }
    ReadResult result;
    if (device == null) {
      result = last.httpStatus() == 404 ? ReadResult.GONE : ReadResult.FAILED;
    } else {
      result =
          settled != null && settled.state() != SettleState.UNCONFIRMED
              ? ReadResult.FINAL
              : ReadResult.PENDING;
    }
    readCounter(result).increment();
  }

  void pending(int devices, Instant oldest, Instant now) {
    pending.set(devices);
    oldestSeconds.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()));
  }
}
