package dev.intunereset.sandbox.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Inventories tests build on: the deterministic one plus a device of their own. */
final class TestInventories {
  private TestInventories() {}

  /** A deterministic inventory of {@code count} devices and one more, made of {@code extra}. */
  static DeviceInventory deterministicAnd(int count, Map<String, Object> extra) {
    List<SimulatedDevice> devices = new ArrayList<>(DeviceInventory.deterministic(count).devices());
    devices.add(SimulatedDevice.of(extra));
    return DeviceInventory.of(devices);
  }
}
