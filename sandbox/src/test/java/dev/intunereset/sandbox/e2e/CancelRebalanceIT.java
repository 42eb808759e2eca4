package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel while the replicas change: one joins as the cancel is sent, and the first leaves once it
 * is announced. Whoever takes over task partitions reads the order before starting any task, so the
 * guarantee of {@link CancelIT} holds across both rebalances.
 */
class CancelRebalanceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private SandboxStack stack;

  @AfterEach
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void noResetIsSentAfterTheAnnouncementWhileReplicasJoinAndLeave() {
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults()
                .withWorkerEnv(Map.of("GRAPH_WRITE_BUDGET", "100", "GRAPH_BUDGET_WINDOW", "2s")));
    stack.simulator().behavior(SimulatorBehavior.builder().latency(Duration.ofMillis(20)).build());
    Worker first = stack.startWorker("cancel-rebalance-1", Map.of());
    List<String> devices = DeviceInventory.firstResettableAndroidIds(3_000);
    Set<String> ids = devices.stream().map(String::toLowerCase).collect(Collectors.toSet());
    UUID id = UUID.randomUUID();
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(
          RequestRun.request(
              id, devices, "\"validateDeviceExists\":false,\"ignorePartialFailures\":true"));
      events.await(RequestAccepted.class, a -> a.requestId().equals(id), TIMEOUT);
      events.awaitAtLeast(DeviceOutcome.class, o -> o.requestId().equals(id), 100, TIMEOUT);

      events.control(id.toString(), GuardEvents.cancel(id, "soc-lead@contoso.com"));
      stack.startWorker("cancel-rebalance-2", Map.of());
      RequestCanceled canceled =
          events.await(RequestCanceled.class, c -> c.requestId().equals(id), TIMEOUT);
      first.close();
      RequestCompleted completed =
          events.await(RequestCompleted.class, c -> c.requestId().equals(id), TIMEOUT);
      // A duplicate outcome, if there were one, would be committed by now or within this second.
      events.pollFor(Duration.ofSeconds(1));

      List<RecordedCall> posts =
          stack.simulator().calls().stream()
              .filter(c -> RecordedCall.RESET_PASSCODE.equals(c.operation()))
              .filter(c -> c.deviceId() != null && ids.contains(c.deviceId().toLowerCase()))
              .toList();
      assertThat(posts.stream().map(RecordedCall::at).max(Instant::compareTo).orElseThrow())
          .as("no reset sent after the cancel was announced")
          .isBefore(canceled.canceledAt());
      Map<String, Long> outcomesPerDevice =
          events.of(id).stream()
              .filter(DeviceOutcome.class::isInstance)
              .map(e -> ((DeviceOutcome) e).deviceId().toLowerCase())
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(outcomesPerDevice.keySet()).isEqualTo(ids);
      assertThat(outcomesPerDevice.values()).as("one outcome per device").allMatch(n -> n == 1);
      List<DeviceOutcome> outcomes = events.all(DeviceOutcome.class);
      long succeeded =
          outcomes.stream()
              .filter(o -> o.requestId().equals(id) && o.status() == OutcomeStatus.SUCCEEDED)
              .count();
      assertThat(posts)
          .as("one POST per reset device, none for the others")
          .hasSize((int) succeeded);
      assertThat(outcomes)
          .filteredOn(o -> o.requestId().equals(id))
          .anyMatch(o -> o.reasonCode() == ReasonCode.REQUEST_CANCELED);
      assertThat(completed.status()).isEqualTo(RequestStatus.CANCELED);
      assertThat(completed.counts().total()).isEqualTo(3_000);
      assertThat(events.all(RequestCompleted.class))
          .filteredOn(c -> c.requestId().equals(id))
          .hasSize(1);
    }
  }
}
