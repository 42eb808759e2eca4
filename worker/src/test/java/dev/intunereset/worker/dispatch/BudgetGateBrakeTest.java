package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.GraphCallResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet brakes in the gate: an engaged brake holds the bulk writes of its own action only,
 * keeping their place, while other actions, interactive work and lookups go on.
 */
class BudgetGateBrakeTest {
  private static final String PASSCODE = "resetPasscode";
  private static final String ROTATION = "rotateBitLockerKeys";

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<String> granted = new CopyOnWriteArrayList<>();
  private final List<String> dropped = new CopyOnWriteArrayList<>();
  // Grants run inline: each records its label and keeps its slot, as a call under way would.
  private final BudgetGate gate =
      new BudgetGate(
          GateSettings.fast(8), DispatchTime.system(Clock.systemUTC(), scheduler), Runnable::run);

  @BeforeEach
  void warmUp() {
    request(Lane.INTERACTIVE, Operation.READ, "getManagedDevice", "warm-up");
    await().until(() -> granted.contains("warm-up"));
    gate.release(
        new GraphCallResult(
            GraphCallResult.Kind.SUCCESS, 200, null, "ok", null, "c", Optional.empty()),
        Duration.ofMillis(5));
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private void request(Lane lane, Operation op, String name, String label) {
    request(lane, op, name, label, new AtomicBoolean(true));
  }

  private void request(Lane lane, Operation op, String name, String label, AtomicBoolean wanted) {
    gate.request(lane, op, name, wanted::get, () -> granted.add(label), () -> dropped.add(label));
  }

  private void awaitGranted(String label) {
    await("grant of " + label + "; granted so far: " + granted)
        .atMost(Duration.ofSeconds(30))
        .until(() -> granted.contains(label));
  }

  @Test
  void aBrakeHoldsTheBulkWritesOfItsActionWhileOtherWorkPassesThem() {
    gate.brake(Set.of(PASSCODE));
    request(Lane.BULK, Operation.WRITE, PASSCODE, "bulk-passcode-1");
    request(Lane.BULK, Operation.WRITE, PASSCODE, "bulk-passcode-2");
    request(Lane.BULK, Operation.WRITE, ROTATION, "bulk-rotation");
    request(Lane.INTERACTIVE, Operation.WRITE, PASSCODE, "ticket-passcode");
    request(Lane.BULK, Operation.READ, "getManagedDevice", "bulk-lookup");

    // Queued in order, so had the brake not held them the passcode writes would have gone first.
    awaitGranted("bulk-rotation");
    awaitGranted("ticket-passcode");
    awaitGranted("bulk-lookup");
    assertThat(granted).doesNotContain("bulk-passcode-1", "bulk-passcode-2");
    assertThat(gate.braked(PASSCODE)).isTrue();
    assertThat(gate.braked(ROTATION)).isFalse();

    gate.brake(Set.of());

    awaitGranted("bulk-passcode-2");
    assertThat(granted)
        .as("held writes keep their place")
        .containsSubsequence("bulk-passcode-1", "bulk-passcode-2");
    assertThat(dropped).isEmpty();
  }

  @Test
  void aHeldWriteThatStopsWantingItsCallIsDroppedWithoutAPermit() {
    gate.brake(Set.of(ROTATION));
    AtomicBoolean wanted = new AtomicBoolean(true);
    request(Lane.BULK, Operation.WRITE, ROTATION, "expiring-rotation", wanted);
    request(Lane.BULK, Operation.WRITE, PASSCODE, "bulk-passcode");
    awaitGranted("bulk-passcode");

    wanted.set(false);

    await("the held waiter past its deadline is swept; dropped so far: " + dropped)
        .atMost(Duration.ofSeconds(30))
        .until(() -> dropped.contains("expiring-rotation"));
    gate.brake(Set.of());
    request(Lane.BULK, Operation.WRITE, PASSCODE, "after-release");
    awaitGranted("after-release");
    assertThat(granted).doesNotContain("expiring-rotation");
  }
}
