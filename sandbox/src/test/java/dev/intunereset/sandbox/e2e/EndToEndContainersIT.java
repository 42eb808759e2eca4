package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.GraphSimulator;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import dev.intunereset.worker.config.ConfigReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same end-to-end path against the official {@code apache/kafka} image, for machines with
 * Docker; skipped cleanly where there is none (the embedded broker covers those).
 */
@Testcontainers(disabledWithoutDocker = true)
class EndToEndContainersIT {
  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

  @Test
  void resetsDevicesThroughAContainerizedBroker() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
      admin
          .createTopics(
              SandboxStack.TOPICS.stream()
                  .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                  .toList())
          .all()
          .get();
    }
    List<String> devices = DeviceInventory.firstResettableAndroidIds(20);
    try (GraphSimulator sim =
            GraphSimulator.builder()
                .inventory(DeviceInventory.deterministic(200))
                .acceptedTokens(Set.of(SandboxStack.SANDBOX_TOKEN))
                .start();
        Worker worker =
            Worker.start(
                ConfigReader.read(
                    Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        KAFKA.getBootstrapServers(),
                        "WORKER_INSTANCE_ID",
                        "containers-it",
                        "GRAPH_BASE_URL",
                        sim.baseUrl(),
                        "GRAPH_AUTH_MODE",
                        "static-token",
                        "GRAPH_STATIC_TOKEN",
                        SandboxStack.SANDBOX_TOKEN,
                        "OPS_HTTP_PORT",
                        "0")),
                Clock.systemUTC())) {
      UUID id = UUID.randomUUID();
      RequestRun run =
          new RequestRun(KAFKA.getBootstrapServers())
              .publishAndAwait(
                  Set.of(id), Duration.ofSeconds(120), RequestRun.request(id, devices, ""));
      assertThat(run.outcomes(id)).hasSize(20).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
      assertThat(run.completions(id))
          .singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo(RequestStatus.COMPLETED));
      assertThat(devices).allMatch(d -> sim.postCount(d) == 1);
    }
  }
}
