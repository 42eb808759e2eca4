package dev.intunereset.worker.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transaction of a stage, begun at its first send (so a large decision streams into the
 * producer instead of being held in memory) and finished by {@link #finish}.
 */
final class StageTransaction implements Emitter {
  private static final Logger log = LoggerFactory.getLogger(StageTransaction.class);

  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
  private final List<Runnable> effects = new ArrayList<>();
  private boolean begun;

  StageTransaction(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
    this.producer = producer;
    this.consumer = consumer;
  }

  @Override
  public void send(ProducerRecord<byte[], byte[]> record) {
    begin();
    producer.send(record);
  }

  @Override
  public void commit(TopicPartition partition, long nextOffset) {
    offsets.put(partition, new OffsetAndMetadata(nextOffset));
  }

  @Override
  public void afterCommit(Runnable effect) {
    effects.add(effect);
  }

  private void begin() {
    if (!begun) {
      producer.beginTransaction();
      begun = true;
    }
  }

  /**
   * Commits what was sent with the offsets, tells the stage, then runs the effects. Returns false
   * when an abortable failure aborted it; fatal failures (a fenced producer, a lost membership) are
   * thrown.
   */
  boolean finish(Stage stage) {
    if (!begun && offsets.isEmpty()) {
      runEffects();
      return true;
    }
    try {
      begin();
      if (offsets.isEmpty()) {
        // Sends without input offsets: commit the positions anyway, so that this transaction is
        // fenced like every other if the replica has lost its partitions.
        for (TopicPartition tp : consumer.assignment()) {
          offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      abandon(e);
      return false;
    }
    stage.committed();
    runEffects();
    return true;
  }

  /**
   * Gives the transaction up after {@code e}, thrown while deciding or committing it: fatal and
   * non-Kafka failures are rethrown (the shell reopens the stage); others abort what was sent.
   */
  void abandon(RuntimeException e) {
    if (isFatal(e) || !(e instanceof KafkaException)) {
      throw e;
    }
    log.warn("transaction failed; aborting it", e);
    if (!begun) {
      return;
    }
    try {
      producer.abortTransaction();
    } catch (KafkaException abortFailure) {
      throw e;
    }
  }

  private void runEffects() {
    for (Runnable effect : effects) {
      try {
        effect.run();
      } catch (RuntimeException e) {
        log.warn("an after-commit effect failed", e);
      }
    }
  }

  /** True for errors after which the producer cannot be used again (e.g. a fenced zombie). */
  static boolean isFatal(RuntimeException e) {
    return isFencing(e)
        || e instanceof OutOfOrderSequenceException
        || e instanceof AuthorizationException
        || e instanceof WakeupException;
  }

  /** The broker refused a write as out of sequence (see {@link TransactionalStage}). */
  static boolean isOutOfSequence(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfOrderSequenceException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The expected end of a zombie: another replica took over its partitions or transactional id.
   * Looks through causes, since the consumer wraps what a rebalance callback throws.
   */
  static boolean isFencing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProducerFencedException
          || t instanceof InvalidProducerEpochException
          || t instanceof org.apache.kafka.clients.consumer.CommitFailedException) {
        return true;
      }
    }
    return false;
  }

  /** Seeks every assigned partition back to its committed offset (or the beginning). */
  static void rewind(Consumer<?, ?> consumer) {
    Set<TopicPartition> assignment = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed =
        new HashMap<>(consumer.committed(assignment));
    for (TopicPartition tp : assignment) {
      OffsetAndMetadata om = committed.get(tp);
      if (om == null) {
        consumer.seekToBeginning(Set.of(tp));
      } else {
        consumer.seek(tp, om.offset());
      }
    }
  }
}
