package dev.intunereset.bench;

import dev.intunereset.sandbox.SandboxStack;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Starting the sandbox stack the way every scenario needs it. */
final class BenchStacks {
  private BenchStacks() {}

  /** Broker and simulator (no worker), with the inventory and behaviour given. */
  static SandboxStack start(
      int inventorySize, SimulatorBehavior behavior, Map<String, String> workerEnv) {
    SandboxStack stack =
        SandboxStack.start(
            new SandboxStack.Options(
                0, 0, 0, DeviceInventory.deterministic(inventorySize), workerEnv));
    stack.simulator().behavior(behavior);
    return stack;
  }

  /** Arrival times of the resetPasscode POSTs the simulator has recorded. */
  static List<Instant> postTimes(SandboxStack stack) {
    return stack.simulator().calls().stream()
        .filter(RecordedCall::isResetPasscode)
        .map(RecordedCall::at)
        .toList();
  }

  /** Inventory size holding at least {@code n} resettable Android devices (13 in 20 are). */
  static int inventoryFor(int n) {
    return Math.max(DeviceInventory.DEFAULT_SIZE, n * 20 / 13 + 40);
  }
}
