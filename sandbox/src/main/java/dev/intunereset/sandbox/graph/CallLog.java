package dev.intunereset.sandbox.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every call in arrival order, plus applied resets per device kept apart so {@code postCount} stays
 * O(1) for inventories of tens of thousands of devices.
 */
final class CallLog {
  private final List<RecordedCall> calls = new ArrayList<>();
  private final ConcurrentHashMap<String, AtomicInteger> appliedByDevice =
      new ConcurrentHashMap<>();

  /** Appends; the lock also orders the log and the per-device counts consistently. */
  synchronized void record(RecordedCall call) {
    calls.add(call);
    if (call.isResetPasscode() && call.applied() && call.deviceId() != null) {
      appliedByDevice
          .computeIfAbsent(key(call.deviceId()), k -> new AtomicInteger())
          .incrementAndGet();
    }
  }

  synchronized List<RecordedCall> snapshot() {
    return List.copyOf(calls);
  }

  int appliedResets(String deviceId) {
    AtomicInteger count = appliedByDevice.get(key(deviceId));
    return count == null ? 0 : count.get();
  }

  synchronized void clear() {
    calls.clear();
    appliedByDevice.clear();
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
