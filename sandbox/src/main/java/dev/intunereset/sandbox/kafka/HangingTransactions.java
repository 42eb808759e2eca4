package dev.intunereset.sandbox.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds and aborts hanging transactions: a partition holds data of a transaction that its
 * coordinator no longer counts as in progress, so no commit or abort marker will ever reach it, its
 * last stable offset stays where the transaction began, and every {@code read_committed} consumer
 * of it waits for ever. This is what {@code kafka-transactions.sh find-hanging} and {@code abort}
 * do, and what docs/operations.md tells an operator to do. A broker that loses its markers makes
 * them; no client can.
 */
public final class HangingTransactions {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
  private static final Set<TransactionState> IN_PROGRESS =
      Set.of(
          TransactionState.ONGOING,
          TransactionState.PREPARE_COMMIT,
          TransactionState.PREPARE_ABORT,
          TransactionState.PREPARE_EPOCH_FENCE);

  /** One partition held open by a transaction its coordinator has finished or forgotten. */
  public record Hanging(
      TopicPartition partition,
      long producerId,
      short producerEpoch,
      int coordinatorEpoch,
      long startOffset,
      String coordinatorView) {
    @Override
    public String toString() {
      return partition
          + " from offset "
          + startOffset
          + " (producer "
          + producerId
          + ", epoch "
          + producerEpoch
          + "; coordinator: "
          + coordinatorView
          + ")";
    }
  }

  private final Admin admin;

  public HangingTransactions(Admin admin) {
    this.admin = admin;
  }

  /** The hanging transactions on these partitions, as the broker reports them now. */
  public List<Hanging> find(Collection<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, PartitionProducerState> states =
        get(admin.describeProducers(partitions).all());
    List<Hanging> hanging = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      for (ProducerState p : states.get(tp).activeProducers()) {
        if (p.currentTransactionStartOffset().isPresent()) {
          coordinatorObjection(tp, p.producerId())
              .ifPresent(
                  view ->
                      hanging.add(
                          new Hanging(
                              tp,
                              p.producerId(),
                              (short) p.producerEpoch(),
                              p.coordinatorEpoch().orElse(-1),
                              p.currentTransactionStartOffset().getAsLong(),
                              view)));
        }
      }
    }
    return hanging;
  }

  /** Writes the abort marker the coordinator never wrote, which frees the partition. */
  public void abort(Hanging h) throws ExecutionException, InterruptedException, TimeoutException {
    get(
        admin
            .abortTransaction(
                new AbortTransactionSpec(
                    h.partition(), h.producerId(), h.producerEpoch(), h.coordinatorEpoch()))
            .all());
  }

  /** Why the coordinator does not count the partition's open transaction, or empty if it does. */
  private Optional<String> coordinatorObjection(TopicPartition tp, long producerId)
      throws ExecutionException, InterruptedException, TimeoutException {
    Collection<TransactionListing> listings =
        get(
            admin
                .listTransactions(
                    new ListTransactionsOptions().filterProducerIds(Set.of(producerId)))
                .all());
    if (listings.isEmpty()) {
      return Optional.of("no transactional id has this producer id");
    }
    String id = listings.iterator().next().transactionalId();
    TransactionDescription d = get(admin.describeTransactions(Set.of(id)).all()).get(id);
    if (IN_PROGRESS.contains(d.state()) && d.topicPartitions().contains(tp)) {
      return Optional.empty();
    }
    return Optional.of(id + " is " + d.state() + " at epoch " + d.producerEpoch());
  }

  private static <T> T get(KafkaFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
