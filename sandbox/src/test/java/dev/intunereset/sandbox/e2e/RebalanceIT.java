package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Work moves between replicas without loss or duplicates: a second worker joins in the middle of a
 * run, then the first leaves with SIGTERM-style graceful shutdown (drain and commit).
 */
class RebalanceIT {
  private SandboxStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aJoiningAndALeavingReplicaNeitherLoseNorDuplicateWork() {
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults()
                .withWorkerEnv(Map.of("GRAPH_WRITE_BUDGET", "60", "GRAPH_BUDGET_WINDOW", "2s")));
    stack.simulator().behavior(SimulatorBehavior.builder().latency(Duration.ofMillis(20)).build());
    Worker first = stack.startWorker("rebalance-1", Map.of());
    List<String> devices = DeviceInventory.firstResettableAndroidIds(400);
    UUID id = UUID.randomUUID();
    Map<String, Integer> outcomes = new HashMap<>();
    int completions = 0;
    boolean joined = false;
    boolean left = false;
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers());
        ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
      publisher.send(
          id.toString(),
          RequestRun.request(
              id, devices, "\"validateDeviceExists\":false,\"ignorePartialFailures\":true"));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (completions == 0 && System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(100))) {
          if (e instanceof DeviceOutcome o && o.requestId().equals(id)) {
            outcomes.merge(o.deviceId(), 1, Integer::sum);
          } else if (e instanceof RequestCompleted c && c.requestId().equals(id)) {
            completions++;
          }
        }
        if (!joined && outcomes.size() >= 60) {
          stack.startWorker("rebalance-2", Map.of());
          joined = true;
        }
        if (joined && !left && outcomes.size() >= 180) {
          first.close();
          left = true;
        }
      }
      // Anything late (a duplicate) would arrive within this extra second.
      for (ResultEvent e : feed.poll(Duration.ofSeconds(1))) {
        if (e instanceof DeviceOutcome o && o.requestId().equals(id)) {
          outcomes.merge(o.deviceId(), 1, Integer::sum);
        }
      }
    }
    assertThat(joined && left).as("both rebalances happened mid-run").isTrue();
    assertThat(completions).isEqualTo(1);
    assertThat(outcomes.keySet()).containsExactlyInAnyOrderElementsOf(devices);
    assertThat(outcomes.values()).allMatch(n -> n == 1);
    assertThat(devices).allMatch(d -> stack.simulator().postCount(d) == 1);
  }
}
