package dev.intunereset.bench;

import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starting the sandbox stack the way every scenario needs it. */
final class BenchStacks {
  private BenchStacks() {}

  /**
   * The benchmarks measure the reset path itself: the cooldown's lookup (one GET per device) and
   * the mass-reset approval are off; the requests name a source the sandbox allows, and the sandbox
   * keeps the fleet brake out of the way.
   */
  static final Map<String, String> GUARDS_OFF =
      Map.of("RESET_COOLDOWN", "0", "MASS_RESET_APPROVAL_THRESHOLD", "0");

  /** Broker and simulator (no worker), with the inventory and behaviour given. */
  static SandboxStack start(
      int inventorySize, SimulatorBehavior behavior, Map<String, String> workerEnv) {
    Map<String, String> env = new HashMap<>(GUARDS_OFF);
    env.putAll(workerEnv);
    SandboxStack stack =
        SandboxStack.start(
            new SandboxStack.Options(0, 0, 0, DeviceInventory.deterministic(inventorySize), env));
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
