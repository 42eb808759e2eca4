package dev.intunereset.sandbox.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;

/**
 * What a stalled run needs explained: for every partition of the given topics, its end offset and
 * its last stable offset (a gap means a transaction is still open there, and a read_committed
 * consumer waits behind it) with the producers that hold it open; every transaction the broker
 * knows; and each consumer group's committed offsets against the end. Read-only.
 */
public final class BrokerDiagnosis {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private final Admin admin;

  private BrokerDiagnosis(Admin admin) {
    this.admin = admin;
  }

  /** The diagnosis as text, or the reason it could not be taken; never throws. */
  public static String describe(String bootstrapServers, Collection<String> topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return new BrokerDiagnosis(admin).describe(topics);
    } catch (RuntimeException | ExecutionException | TimeoutException e) {
      return "broker diagnosis failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "broker diagnosis interrupted";
    }
  }

  /** Writes the diagnosis to {@code file}, for a failure message to point at. */
  public static Path write(String bootstrapServers, Collection<String> topics, Path file) {
    try {
      Files.writeString(file, describe(bootstrapServers, topics));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private String describe(Collection<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<TopicPartition> partitions = partitions(topics);
    Map<TopicPartition, Long> ends = offsets(partitions, IsolationLevel.READ_UNCOMMITTED);
    Map<TopicPartition, Long> stable = offsets(partitions, IsolationLevel.READ_COMMITTED);
    StringBuilder out = new StringBuilder("partitions (end / last stable):\n");
    for (TopicPartition tp : partitions) {
      out.append("  ").append(tp).append(' ').append(ends.get(tp)).append(" / ");
      out.append(stable.get(tp));
      if (!ends.get(tp).equals(stable.get(tp))) {
        out.append("  (a transaction is open)");
      }
      out.append('\n');
    }
    List<TopicPartition> withOffsets = new ArrayList<>(partitions);
    withOffsets.addAll(partitions(List.of(Topic.GROUP_METADATA_TOPIC_NAME)));
    out.append("hanging transactions:\n");
    for (HangingTransactions.Hanging h : new HangingTransactions(admin).find(withOffsets)) {
      out.append("  ").append(h).append('\n');
    }
    out.append("transactions:\n");
    for (TransactionListing t : get(admin.listTransactions().all())) {
      out.append("  ").append(t.transactionalId()).append(' ').append(t.state());
      out.append(" producerId=").append(t.producerId()).append('\n');
    }
    out.append("groups (committed / end):\n");
    for (GroupListing group : get(admin.listGroups().all())) {
      out.append("  ").append(group.groupId()).append(' ').append(group.groupState().orElse(null));
      Map<TopicPartition, OffsetAndMetadata> committed =
          get(admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata());
      new TreeMap<>(
              committed.entrySet().stream()
                  .filter(e -> e.getValue() != null && ends.containsKey(e.getKey()))
                  .collect(Collectors.toMap(e -> e.getKey().toString(), e -> lag(e, ends))))
          .forEach((tp, lag) -> out.append("\n    ").append(tp).append(' ').append(lag));
      out.append('\n');
    }
    return out.toString();
  }

  private static String lag(
      Map.Entry<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
    return committed.getValue().offset() + " / " + ends.get(committed.getKey());
  }

  private List<TopicPartition> partitions(Collection<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<TopicPartition> partitions = new ArrayList<>();
    get(admin.describeTopics(topics).allTopicNames())
        .forEach(
            (name, description) ->
                description
                    .partitions()
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    partitions.sort(
        java.util.Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition));
    return partitions;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, IsolationLevel level)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, ListOffsetsResultInfo> infos =
        get(
            admin
                .listOffsets(
                    partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())),
                    new ListOffsetsOptions(level))
                .all());
    return infos.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static <T> T get(KafkaFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
