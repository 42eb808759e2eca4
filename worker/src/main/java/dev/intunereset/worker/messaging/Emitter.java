package dev.intunereset.worker.messaging;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a stage's decisions go: records are written in the stage's transaction together with the
 * input offsets they account for, and effects (metrics, logs) run only once that transaction has
 * committed, so an aborted and redone batch is never counted twice.
 */
public interface Emitter {
  void send(ProducerRecord<byte[], byte[]> record);

  /** Commits {@code nextOffset} (the next record to read) of an input partition with the sends. */
  void commit(TopicPartition partition, long nextOffset);

  /** Runs {@code effect} after the transaction commits; never if it aborts. */
  void afterCommit(Runnable effect);
}
