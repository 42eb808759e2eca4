package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.ResetOutcome;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No double reset: where a task may already have been applied, Graph's deviceActionResults decide,
 * and a device Graph already shows as reset is reported ALREADY_RESET instead of reset again.
 */
class ReconciliationIT {
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(1_000);
  private SandboxStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void a429ThatWasAppliedAnywayIsReconciledNotResetAgain() {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_WRITE_BUDGET", "80");
    env.put("GRAPH_BUDGET_WINDOW", "2s");
    env.put("DISPATCH_RETRY_BASE_DELAY", "200ms");
    env.put("DISPATCH_MAX_ATTEMPTS", "30");
    stack = SandboxStack.start(SandboxStack.Options.defaults().withWorkerEnv(env));
    // Graph grants half what the worker believes, and every 429 it sends was applied anyway.
    stack
        .simulator()
        .behavior(
            SimulatorBehavior.builder()
                .throttle(40, 400, Duration.ofSeconds(2))
                .throttledButAppliedRatio(1.0)
                .build());
    stack.startWorker();
    UUID id = UUID.randomUUID();
    List<String> devices = ANDROID.subList(0, 200);

    RequestRun run =
        new RequestRun(stack.bootstrapServers())
            .publishAndAwait(
                java.util.Set.of(id),
                Duration.ofSeconds(120),
                RequestRun.request(
                    id, devices, "\"validateDeviceExists\":false,\"ignorePartialFailures\":true"));

    assertThat(stack.simulator().throttledCount()).isPositive();
    assertThat(run.outcomes(id)).hasSize(200).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
    assertThat(run.outcomes(id)).anyMatch(o -> o.reasonCode() == ReasonCode.ALREADY_RESET);
    assertThat(devices).allMatch(d -> stack.simulator().postCount(d) == 1);
  }

  @Test
  void aTaskInheritedFromACrashedOwnerIsCheckedAgainstGraphBeforeAnyReset() throws Exception {
    stack = SandboxStack.start(SandboxStack.Options.defaults());
    String resetBefore = ANDROID.get(300);
    String untouched = ANDROID.get(301);
    UUID id = UUID.randomUUID();
    Instant accepted = Instant.now().minusSeconds(30);
    // What a crashed owner leaves behind: the tasks still uncommitted in the topic...
    List<InheritedTask> tasks = new ArrayList<>();
    for (String device : List.of(resetBefore, untouched)) {
      tasks.add(
          InheritedTask.of(id, device, device.equals(resetBefore) ? 0 : 1, 2, Lane.BULK, accepted)
              .with("ignorePartialFailures", true));
    }
    InheritedTask.send(stack.bootstrapServers(), Topics.DEVICE_TASKS, tasks);
    // ...and one reset it did send before dying.
    OutsideReset.of(stack, resetBefore);

    stack.startWorker();

    Map<String, DeviceOutcome> outcomes = awaitOutcomes(id, 2);
    assertThat(outcomes.get(resetBefore).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcomes.get(resetBefore).reasonCode()).isEqualTo(ReasonCode.ALREADY_RESET);
    assertThat(outcomes.get(resetBefore).attempts()).isZero();
    assertThat(stack.simulator().postCount(resetBefore)).isEqualTo(1);
    assertThat(outcomes.get(untouched).reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(stack.simulator().postCount(untouched)).isEqualTo(1);
    assertThat(
            stack.simulator().calls().stream()
                .filter(c -> untouched.equalsIgnoreCase(c.deviceId()))
                .map(RecordedCall::operation))
        .containsExactly(RecordedCall.GET_MANAGED_DEVICE, RecordedCall.RESET_PASSCODE);
  }

  /**
   * A reset the crashed owner sent that ended {@code failed} on the device changed nothing: it is
   * no reason to hold this request's reset back, so the device is reset again, not reported
   * ALREADY_RESET (issue 14, part 3).
   */
  @Test
  void aCrashedOwnersResetThatFailedOnTheDeviceIsRetriedNotReportedAsDone() throws Exception {
    stack = SandboxStack.start(SandboxStack.Options.defaults());
    String device = ANDROID.get(310);
    UUID id = UUID.randomUUID();
    InheritedTask.send(
        stack.bootstrapServers(),
        Topics.DEVICE_TASKS,
        List.of(
            InheritedTask.of(id, device, 0, 1, Lane.BULK, Instant.now().minusSeconds(30))
                .with("ignorePartialFailures", true)));
    stack.simulator().resetOutcome(device, ResetOutcome.failed(50));
    stack.simulator().passcodeReadyAfter(Duration.ZERO);
    OutsideReset.of(stack, device);

    stack.startWorker();

    DeviceOutcome outcome = awaitOutcomes(id, 1).get(device);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(stack.simulator().postCount(device)).as("the failed one and the retry").isEqualTo(2);
  }

  private Map<String, DeviceOutcome> awaitOutcomes(UUID id, int expected) {
    Map<String, DeviceOutcome> outcomes = new HashMap<>();
    try (ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (outcomes.size() < expected && System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(200))) {
          if (e instanceof DeviceOutcome o && o.requestId().equals(id)) {
            outcomes.put(o.deviceId(), o);
          }
        }
      }
    }
    assertThat(outcomes).as("outcomes of %s within 60 s", id).hasSize(expected);
    return outcomes;
  }
}
