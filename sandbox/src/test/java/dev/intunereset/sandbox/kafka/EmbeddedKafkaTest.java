package dev.intunereset.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour of one shared embedded broker; lifecycle tests live in EmbeddedKafkaLifecycleTest. */
class EmbeddedKafkaTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void recordsProducedToATopicAreReceivedByAConsumerGroup() throws Exception {
    String topic = "round-trip";
    kafka.createTopics(List.of(new TopicSpec(topic, 3)));
    try (KafkaProducer<String, String> producer =
        KafkaTestSupport.producer(kafka.bootstrapServers(), Map.of())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
      }
    }

    List<String> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        KafkaTestSupport.consumer(
            kafka.bootstrapServers(),
            Map.of(ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID()))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < 10 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
      }
      // Committing proves the group coordinator and its offsets topic work on a single node.
      consumer.commitSync(Duration.ofSeconds(10));
    }

    assertThat(received)
        .containsExactlyInAnyOrder(
            "value-0", "value-1", "value-2", "value-3", "value-4", "value-5", "value-6", "value-7",
            "value-8", "value-9");
  }

  @Test
  void readCommittedConsumerSeesCommittedTransactionsButNotAnAbortedOne() {
    String topic = "transactions";
    kafka.createTopics(List.of(new TopicSpec(topic, 1)));
    try (KafkaProducer<String, String> producer =
        KafkaTestSupport.producer(
            kafka.bootstrapServers(),
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()))) {
      producer.initTransactions();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.commitTransaction();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.flush();
      producer.abortTransaction();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();
    }

    assertThat(KafkaTestSupport.readToEnd(kafka.bootstrapServers(), topic, "read_committed"))
        .containsExactly("committed-1", "committed-2");
    // The aborted record did reach the log; only the isolation level hides it.
    assertThat(KafkaTestSupport.readToEnd(kafka.bootstrapServers(), topic, "read_uncommitted"))
        .containsExactly("committed-1", "aborted", "committed-2");
  }

  @Test
  void createTopicsCreatesTheRequestedPartitionCountsAndConfigs() throws Exception {
    kafka.createTopics(
        List.of(
            new TopicSpec("created-three", 3),
            new TopicSpec("created-compacted", 1, Map.of("cleanup.policy", "compact"))));

    Map<String, TopicDescription> topics =
        kafka
            .admin()
            .describeTopics(Set.of("created-three", "created-compacted"))
            .allTopicNames()
            .get();
    assertThat(topics.get("created-three").partitions()).hasSize(3);
    assertThat(topics.get("created-compacted").partitions()).hasSize(1);
    ConfigResource compacted = new ConfigResource(ConfigResource.Type.TOPIC, "created-compacted");
    Config config = kafka.admin().describeConfigs(List.of(compacted)).all().get().get(compacted);
    assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
  }

  @Test
  void createTopicsAcceptsTopicsThatAlreadyExistWithTheSameSpec() throws Exception {
    List<TopicSpec> topics =
        List.of(
            new TopicSpec("idempotent-a", 2),
            new TopicSpec("idempotent-b", 1, Map.of("retention.ms", "3600000")));
    kafka.createTopics(topics);

    kafka.createTopics(topics);
    kafka.createTopics(List.of(new TopicSpec("idempotent-a", 2), new TopicSpec("idempotent-c", 4)));

    Map<String, TopicDescription> described =
        kafka
            .admin()
            .describeTopics(Set.of("idempotent-a", "idempotent-b", "idempotent-c"))
            .allTopicNames()
            .get();
    assertThat(described.get("idempotent-a").partitions()).hasSize(2);
    assertThat(described.get("idempotent-c").partitions()).hasSize(4);
  }

  @Test
  void createTopicsRejectsAnExistingTopicWithADifferentSpec() {
    kafka.createTopics(List.of(new TopicSpec("conflict", 2, Map.of("retention.ms", "3600000"))));

    assertThatThrownBy(() -> kafka.createTopics(List.of(new TopicSpec("conflict", 3))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already exists with 2 partitions, requested 3");
    assertThatThrownBy(
            () ->
                kafka.createTopics(
                    List.of(new TopicSpec("conflict", 2, Map.of("retention.ms", "1000")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("retention.ms=3600000, requested 1000");
  }

  @Test
  void createTopicsWithAnEmptyListDoesNothing() {
    kafka.createTopics(List.of());
  }

  @Test
  void clientPropertiesPointAtTheBroker() {
    assertThat(kafka.clientProperties())
        .containsExactly(Map.entry("bootstrap.servers", kafka.bootstrapServers()));
    assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
  }
}
