package dev.intunereset.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The finder must never take a live transaction for a hanging one: the chaos harness aborts what it
 * finds. (A hanging transaction needs a broker that loses its markers; the chaos run meets them,
 * see docs/operations.md.)
 */
class HangingTransactionsTest {
  private static final TopicPartition PARTITION = new TopicPartition("txn-out", 0);

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(List.of(new TopicSpec(PARTITION.topic(), 1)));
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aTransactionInProgressAtItsCoordinatorIsNotHangingThoughItHoldsThePartitionOpen()
      throws Exception {
    try (KafkaProducer<String, String> producer = transactional("live")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(PARTITION.topic(), 0, "k", "v")).get();

      var open =
          admin
              .describeProducers(List.of(PARTITION))
              .partitionResult(PARTITION)
              .get()
              .activeProducers()
              .stream()
              .filter(p -> p.currentTransactionStartOffset().isPresent())
              .toList();
      List<HangingTransactions.Hanging> hanging =
          new HangingTransactions(admin).find(List.of(PARTITION));

      assertThat(open).as("the partition holds an open transaction").hasSize(1);
      assertThat(hanging).isEmpty();
      producer.commitTransaction();
    }
  }

  @Test
  void committedTransactionsLeaveNothingToAbort() throws Exception {
    try (KafkaProducer<String, String> producer = transactional("done")) {
      producer.initTransactions();
      for (int i = 0; i < 3; i++) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(PARTITION.topic(), 0, "k", "v" + i));
        producer.commitTransaction();
      }
    }

    // commitTransaction returns once the coordinator has decided; it writes the partition's marker
    // a moment later, and until then the partition still shows the transaction open. A look in
    // that moment sees what a lost marker looks like (hence two looks in the chaos harness), so
    // wait for the marker: a committed transaction must clear without anyone aborting it.
    HangingTransactions finder = new HangingTransactions(admin);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(finder.find(List.of(PARTITION)))
                    .as("transactions still open on %s after their commit", PARTITION)
                    .isEmpty());
  }

  private static KafkaProducer<String, String> transactional(String id) {
    return KafkaTestSupport.producer(
        kafka.bootstrapServers(), Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id));
  }
}
