package dev.intunereset.worker.messaging;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * One step of the pipeline, as {@link TransactionalStage} runs it: the shell owns the consumer, the
 * producer, the transactions, rewinds and threads; a stage only decides what its input produces.
 * Every method is called on the stage's own thread; whatever a method sends through its {@link
 * Emitter} is committed (or aborted) before the next call.
 */
public interface Stage {
  /** Called after clients were (re)created and before the first poll. */
  default void opened(StageConsumer consumer) {}

  default void assigned(Collection<TopicPartition> partitions, Emitter out) {}

  /** Partitions handed over in an orderly way: what is done for them can still be committed. */
  default void revoked(Collection<TopicPartition> partitions, Emitter out) {}

  /** Partitions gone without a chance to commit: forget them. */
  default void lost(Collection<TopicPartition> partitions) {}

  /** Decides what one poll's records produce; also called with no records on every idle poll. */
  void process(ConsumerRecords<byte[], byte[]> records, Emitter out);

  default void committed() {}

  /** The last transaction aborted: state derived from what it held must be rebuilt. */
  default void aborted() {}

  /** The stage is being stopped: it takes no more input and finishes what it has. */
  default void stopping() {}

  /** True while work taken from the input has not been committed yet (drained on stop). */
  default boolean busy() {
    return false;
  }

  /** False while the stage cannot do its work although its clients are connected. */
  default boolean healthy() {
    return true;
  }

  /** Releases what {@link #opened} acquired; the stage may be opened again afterwards. */
  default void closed() {}
}
