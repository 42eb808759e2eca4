package dev.intunereset.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaBrokerProcessTest {

  // Kafka writes this marker on a controlled shutdown and deletes it on startup.
  private static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

  @Test
  void acknowledgedRecordsSurviveAKillAndRestartOnTheSamePortsAndLogDir() throws Exception {
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(KafkaBrokerProcessConfig.defaults());
    try {
      String bootstrapServers = broker.bootstrapServers();
      Path dataDir = broker.logDir().resolve("data");
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
        admin.createTopics(List.of(new NewTopic("durable", 2, (short) 1))).all().get();
      }
      List<String> sent = new ArrayList<>();
      try (KafkaProducer<String, String> producer =
          KafkaTestSupport.producer(bootstrapServers, Map.of())) {
        for (int i = 0; i < 50; i++) {
          // acks=all (set by the helper): get() returns only once the broker has the record.
          producer.send(new ProducerRecord<>("durable", "key-" + i, "value-" + i)).get();
          sent.add("value-" + i);
        }
      }

      broker.kill();
      assertThat(broker.isAlive()).isFalse();
      assertThat(dataDir.resolve(CLEAN_SHUTDOWN_MARKER)).doesNotExist();

      broker.restart();
      assertThat(broker.isAlive()).isTrue();
      assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
      assertThat(KafkaTestSupport.readToEnd(bootstrapServers, "durable", "read_committed"))
          .containsExactlyInAnyOrderElementsOf(sent);

      broker.stop();
      assertThat(broker.isAlive()).isFalse();
      assertThat(dataDir.resolve(CLEAN_SHUTDOWN_MARKER)).exists();
      assertThat(broker.outputFile()).exists();
    } finally {
      broker.close();
    }
    broker.close();
    assertThat(broker.logDir()).doesNotExist();
    assertThatThrownBy(broker::restart).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startFailsWithTheBrokersOwnErrorWhenTheFixedPortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      KafkaBrokerProcessConfig options =
          KafkaBrokerProcessConfig.builder().port(taken.getLocalPort()).build();

      assertThatThrownBy(() -> KafkaBrokerProcess.start(options))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stopped while starting")
          .hasMessageContaining(
              "failed to bind to 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
    }
  }
}
