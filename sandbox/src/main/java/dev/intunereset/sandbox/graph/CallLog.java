package dev.intunereset.sandbox.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every call in arrival order, plus applied device actions per action and device kept apart so
 * {@code postCount} stays O(1) for inventories of tens of thousands of devices.
 */
final class CallLog {
  private final List<RecordedCall> calls = new ArrayList<>();
  private final ConcurrentHashMap<String, AtomicInteger> appliedByDevice =
      new ConcurrentHashMap<>();

  /** Appends; the lock also orders the log and the per-device counts consistently. */
  synchronized void record(RecordedCall call) {
    calls.add(call);
    boolean action = call.isResetPasscode() || call.isRotateBitLockerKeys();
    if (action && call.applied() && call.deviceId() != null) {
      appliedByDevice
          .computeIfAbsent(key(call.operation(), call.deviceId()), k -> new AtomicInteger())
          .incrementAndGet();
    }
  }

  synchronized List<RecordedCall> snapshot() {
    return List.copyOf(calls);
  }

  /**
   * Applied POSTs of {@code operation} ({@link RecordedCall#RESET_PASSCODE}, ...) on the device.
   */
  int applied(String operation, String deviceId) {
    AtomicInteger count = appliedByDevice.get(key(operation, deviceId));
    return count == null ? 0 : count.get();
  }

  synchronized void clear() {
    calls.clear();
    appliedByDevice.clear();
  }

  private static String key(String operation, String id) {
    return operation + "/" + id.toLowerCase(Locale.ROOT);
  }
}
