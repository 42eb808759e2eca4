package dev.intunereset.sandbox.graph;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Inventories and simulators tests build on: the deterministic one plus a device of their own. */
final class TestInventories {
  /** The second tenant of the listing tests, holding the token {@code token-fabrikam}. */
  static final String FABRIKAM = "8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f";

  private TestInventories() {}

  /**
   * A simulator on {@code clock} serving {@code inventory} as the default tenant, and Fabrikam with
   * {@code fabrikamDevices} generated devices of fleet 1.
   */
  static GraphSimulator withFabrikam(DeviceInventory inventory, int fabrikamDevices, Clock clock) {
    return GraphSimulator.builder()
        .inventory(inventory)
        .tenant(FABRIKAM, "Fabrikam", DeviceInventory.deterministic(fabrikamDevices, 1))
        .token("token-fabrikam", FABRIKAM, GraphSimulator.DEFAULT_APP_ID)
        .clock(clock)
        .random(new Random(7))
        .start();
  }

  /** A deterministic inventory of {@code count} devices and one more, made of {@code extra}. */
  static DeviceInventory deterministicAnd(int count, Map<String, Object> extra) {
    List<SimulatedDevice> devices = new ArrayList<>(DeviceInventory.deterministic(count).devices());
    devices.add(SimulatedDevice.of(extra));
    return DeviceInventory.of(devices);
  }
}
