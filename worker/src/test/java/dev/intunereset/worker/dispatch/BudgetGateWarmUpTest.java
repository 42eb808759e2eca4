package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.GraphCallResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's cold start: a fresh process sends one call and waits for it to come back before it
 * paces the rest, so that the first calls' set-up delay cannot bunch paced grants into a burst.
 */
class BudgetGateWarmUpTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  // Granted calls land here and are never run: what counts is how many the gate let out.
  private final ConcurrentLinkedQueue<Runnable> granted = new ConcurrentLinkedQueue<>();
  // A budget of 1,000 per second paces one permit per millisecond: far faster than the waits below.
  private final BudgetGate gate =
      new BudgetGate(
          GateSettings.fast(4), DispatchTime.system(Clock.systemUTC(), scheduler), granted::add);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private void requestWrites(int n) {
    for (int i = 0; i < n; i++) {
      gate.request(Lane.BULK, Operation.WRITE, "resetPasscode", () -> true, () -> {}, () -> {});
    }
  }

  private void settle() {
    // Far longer than the 1 ms pacing period, so a warm gate would have let every call out.
    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
  }

  @Test
  void aColdGateLetsOneCallOutUntilItComesBack() {
    requestWrites(3);

    await().until(() -> granted.size() == 1);
    settle();
    assertThat(granted).hasSize(1);

    gate.release(
        new GraphCallResult(
            GraphCallResult.Kind.SUCCESS, 204, null, "accepted", null, "c", Optional.empty()),
        Duration.ofMillis(5));

    await().until(() -> granted.size() == 3);
  }

  @Test
  void anUnusedGrantDoesNotWarmTheGate() {
    requestWrites(3);
    await().until(() -> granted.size() == 1);

    gate.release(null, Duration.ZERO);
    await().until(() -> granted.size() == 2);
    settle();

    assertThat(granted).hasSize(2);
  }
}
