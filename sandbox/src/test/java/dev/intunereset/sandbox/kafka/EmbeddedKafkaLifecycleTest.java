package dev.intunereset.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting embedded brokers; each test owns its brokers. */
class EmbeddedKafkaLifecycleTest {

  @Test
  void closeIsIdempotentDeletesTheTempDirAndReleasesThePortsForTheNextBroker() throws Exception {
    int port = KafkaTestSupport.freePort();
    int controllerPort = KafkaTestSupport.freePort();
    EmbeddedKafkaConfig config =
        EmbeddedKafkaConfig.builder().port(port).controllerPort(controllerPort).build();

    EmbeddedKafka first = EmbeddedKafka.start(config);
    Path firstLogDir = first.logDir();
    assertThat(first.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
    first.close();
    first.close();

    assertThat(firstLogDir).doesNotExist();
    assertThatThrownBy(first::admin).isInstanceOf(IllegalStateException.class);
    try (EmbeddedKafka second = EmbeddedKafka.start(config)) {
      second.createTopics(List.of(new TopicSpec("after-restart", 1)));
      assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
    }
  }

  @Test
  void twoBrokersRunAtOnceWithTheirOwnPortsTopicsAndProperties() throws Exception {
    try (EmbeddedKafka first =
            EmbeddedKafka.start(
                EmbeddedKafkaConfig.builder()
                    .brokerProperty("message.max.bytes", "2097152")
                    .build());
        EmbeddedKafka second = EmbeddedKafka.start()) {
      first.createTopics(List.of(new TopicSpec("only-on-first", 1)));

      assertThat(first.bootstrapServers()).isNotEqualTo(second.bootstrapServers());
      assertThat(first.admin().listTopics().names().get()).contains("only-on-first");
      assertThat(second.admin().listTopics().names().get()).doesNotContain("only-on-first");
      assertThat(messageMaxBytes(first)).isEqualTo("2097152");
      assertThat(messageMaxBytes(second)).isNotEqualTo("2097152");
    }
  }

  @Test
  void aGivenLogDirIsKeptOnCloseAndItsRecordsAreReadableAfterTheNextStart(@TempDir Path dir)
      throws Exception {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder().logDir(dir).build();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
      kafka.createTopics(List.of(new TopicSpec("kept", 1)));
      try (KafkaProducer<String, String> producer =
          KafkaTestSupport.producer(kafka.bootstrapServers(), Map.of())) {
        producer.send(new ProducerRecord<>("kept", "k", "survives")).get();
      }
    }
    assertThat(dir.resolve("data/meta.properties")).exists();

    try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
      kafka.createTopics(List.of(new TopicSpec("kept", 1)));
      assertThat(KafkaTestSupport.readToEnd(kafka.bootstrapServers(), "kept", "read_committed"))
          .containsExactly("survives");
    }
  }

  @Test
  void startFailsWithAnExceptionNamingThePortWhenTheFixedPortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder().port(taken.getLocalPort()).build();

      assertThatThrownBy(() -> EmbeddedKafka.start(config))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }

  private static String messageMaxBytes(EmbeddedKafka kafka) throws Exception {
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
    Config config = kafka.admin().describeConfigs(List.of(broker)).all().get().get(broker);
    return config.get("message.max.bytes").value();
  }
}
