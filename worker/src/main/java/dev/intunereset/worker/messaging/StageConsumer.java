package dev.intunereset.worker.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What a stage may ask of its input consumer: reading positions and pausing partitions. Polling,
 * committing and rewinding stay with {@link TransactionalStage}.
 */
public interface StageConsumer {
  Set<TopicPartition> assignment();

  Set<TopicPartition> paused();

  void pause(Collection<TopicPartition> partitions);

  void resume(Collection<TopicPartition> partitions);

  /** The offset of the next record to read. */
  long position(TopicPartition partition);

  Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

  int partitionCount(String topic);
}
