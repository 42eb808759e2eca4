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

  /** Where a stage that rebuilds its state from its input starts reading a partition. */
  @FunctionalInterface
  interface Replay {
    /** The partition is read from {@code position}; its replay is over at {@code replayEnd}. */
    void assigned(int partition, long replayEnd, long position);
  }

  /**
   * Starts the replay of newly assigned partitions: each ends at the partition's end offset now, by
   * which point every event written before the assignment has been read again.
   */
  default void replay(Collection<TopicPartition> partitions, Replay target) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> ends = endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      target.assigned(tp.partition(), ends.getOrDefault(tp, 0L), position(tp));
    }
  }
}
