package dev.intunereset.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transaction rules of the stage shell, against Kafka's own in-memory client fakes. */
class StageTransactionTest {
  private static final TopicPartition IN = new TopicPartition("in", 0);

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final List<String> calls = new ArrayList<>();
  private final Stage stage =
      new Stage() {
        @Override
        public void process(ConsumerRecords<byte[], byte[]> records, Emitter out) {}

        @Override
        public void committed() {
          calls.add("committed");
        }
      };

  @BeforeEach
  void initTransactions() {
    producer.initTransactions();
    consumer.assign(List.of(IN));
    consumer.updateBeginningOffsets(Map.of(IN, 0L));
    consumer.seek(IN, 7);
  }

  private static ProducerRecord<byte[], byte[]> record(String value) {
    return new ProducerRecord<>("out", value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void commitsTheSendsWithTheOffsetsTheyAccountFor() {
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.send(record("a"));
    tx.commit(IN, 5);

    assertThat(tx.finish(stage)).isTrue();

    assertThat(producer.history()).hasSize(1);
    assertThat(producer.consumerGroupOffsetsHistory())
        .singleElement()
        .satisfies(
            m -> assertThat(m.values()).containsExactly(Map.of(IN, new OffsetAndMetadata(5))));
    assertThat(calls).containsExactly("committed");
  }

  @Test
  void runsEffectsOnlyAfterTheCommit() {
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.send(record("a"));
    tx.afterCommit(() -> calls.add("effect, committed: " + producer.transactionCommitted()));

    tx.finish(stage);

    assertThat(calls).containsExactly("committed", "effect, committed: true");
  }

  @Test
  void anAbortedTransactionRunsNoEffectAndReportsTheAbort() {
    producer.commitTransactionException = new KafkaException("broker went away");
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.send(record("a"));
    tx.afterCommit(() -> calls.add("effect"));

    assertThat(tx.finish(stage)).isFalse();

    assertThat(producer.transactionAborted()).isTrue();
    assertThat(calls).isEmpty();
  }

  @Test
  void anOutOfSequenceWriteIsThrownForTheShellToReopenWithANewProducerEpoch() {
    producer.commitTransactionException = new OutOfOrderSequenceException("seq 0 expected 22");
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.send(record("a"));

    assertThatThrownBy(() -> tx.finish(stage)).isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(
            StageTransaction.isOutOfSequence(
                new KafkaException("x", new OutOfOrderSequenceException("y"))))
        .isTrue();
    assertThat(StageTransaction.isOutOfSequence(new KafkaException("other"))).isFalse();
  }

  @Test
  void aFencedProducerIsThrownForTheShellToReopen() {
    producer.commitTransactionException = new ProducerFencedException("zombie");
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.send(record("a"));

    assertThatThrownBy(() -> tx.finish(stage)).isInstanceOf(ProducerFencedException.class);
  }

  @Test
  void sendsWithoutInputOffsetsCommitTheCurrentPositionsSoTheyAreFencedToo() {
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.send(record("a"));

    tx.finish(stage);

    assertThat(producer.consumerGroupOffsetsHistory())
        .singleElement()
        .satisfies(
            m -> assertThat(m.values()).containsExactly(Map.of(IN, new OffsetAndMetadata(7))));
  }

  @Test
  void nothingToWriteBeginsNoTransactionButStillRunsTheEffects() {
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.afterCommit(() -> calls.add("effect"));

    assertThat(tx.finish(stage)).isTrue();

    assertThat(producer.commitCount()).isZero();
    assertThat(calls).containsExactly("effect");
  }

  @Test
  void recognisesFencingInsideTheConsumersRebalanceWrapper() {
    KafkaException wrapped =
        new KafkaException(
            "User rebalance callback throws an error", new ProducerFencedException("z"));

    assertThat(StageTransaction.isFencing(wrapped)).isTrue();
    assertThat(StageTransaction.isFencing(new KafkaException("other"))).isFalse();
  }

  @Test
  void aKafkaFailureWhileDecidingAbortsWhatWasAlreadySent() {
    StageTransaction tx = new StageTransaction(producer, consumer);
    tx.send(record("a"));

    tx.abandon(new KafkaException("send failed"));

    assertThat(producer.transactionAborted()).isTrue();
  }

  @Test
  void aBugWhileDecidingIsRethrownForTheShellToReopenTheStage() {
    StageTransaction tx = new StageTransaction(producer, consumer);
    IllegalStateException bug = new IllegalStateException("bug");

    assertThatThrownBy(() -> tx.abandon(bug)).isSameAs(bug);
  }
}
