package dev.intunereset.sandbox.chaos;

import dev.intunereset.sandbox.kafka.HangingTransactions;
import dev.intunereset.sandbox.kafka.HangingTransactions.Hanging;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;

/**
 * Does what docs/operations.md ("A stage is stalled") tells the on-call engineer to do when the
 * pipeline stops moving: look for hanging transactions and abort those seen on two looks. A
 * single-node broker that is killed and restarted can leave them: while its stale registration is
 * fenced every partition is briefly leaderless, and its transaction coordinator skips the commit
 * markers of a transaction it is completing as if the partitions had been deleted. The worker
 * reports the stall; aborting takes a cluster-level permission the worker does not have.
 */
final class StallOperator {
  private final String bootstrapServers;
  private final List<String> topics;
  private final Set<String> seenOnce = new HashSet<>();
  private final List<String> actions = new ArrayList<>();
  private boolean abortedOffsetCommits;

  /** Watches the given topics and the consumer offsets, where transactions commit offsets. */
  StallOperator(String bootstrapServers, Collection<String> topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = new ArrayList<>(topics);
    this.topics.add(Topic.GROUP_METADATA_TOPIC_NAME);
  }

  /** One look; aborts what the previous look also saw. Never throws: a failed look is logged. */
  void look() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      HangingTransactions hanging = new HangingTransactions(admin);
      Set<String> now = new HashSet<>();
      for (Hanging h : hanging.find(partitions(admin))) {
        String key = h.partition() + "/" + h.producerId() + "/" + h.startOffset();
        now.add(key);
        if (seenOnce.contains(key)) {
          hanging.abort(h);
          actions.add("aborted the hanging transaction on " + h);
          abortedOffsetCommits |= h.partition().topic().equals(Topic.GROUP_METADATA_TOPIC_NAME);
        }
      }
      seenOnce.clear();
      seenOnce.addAll(now);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      actions.add("could not look for hanging transactions: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<TopicPartition> partitions(Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<TopicPartition> partitions = new ArrayList<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get(15, TimeUnit.SECONDS)
        .forEach(
            (name, d) ->
                d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    return partitions;
  }

  /**
   * Whether an abort hit a transaction's offset commit. The coordinator had already decided such a
   * transaction (that is why it hangs), so where its markers were written it stands; aborting the
   * commit of the input offsets makes the stage redo input whose results are committed.
   */
  boolean abortedOffsetCommits() {
    return abortedOffsetCommits;
  }

  /** What the operator did, in order. */
  List<String> actions() {
    return List.copyOf(actions);
  }
}
