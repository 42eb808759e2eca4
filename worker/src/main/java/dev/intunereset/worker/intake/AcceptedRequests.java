package dev.intunereset.worker.intake;

import dev.intunereset.worker.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The request ids accepted so far, per requests-topic partition, backed by a compacted topic
 * written in the same transaction as the acceptance. Every request id is routed to one fixed
 * partition (Kafka's default partitioner on the id), so the intake that owns that partition sees
 * every copy of it and can refuse the second one.
 */
final class AcceptedRequests {
  private final String topic;
  private final KafkaClients clients;
  private final String clientId;
  private final Map<Integer, Set<UUID>> byPartition = new HashMap<>();

  AcceptedRequests(String topic, KafkaClients clients, String clientId) {
    this.topic = topic;
    this.clients = clients;
    this.clientId = clientId;
  }

  /** The requests-topic partition every copy of this request id belongs on. */
  static int home(UUID requestId, int partitions) {
    byte[] key = requestId.toString().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /** Reads the accepted ids of newly assigned partitions from the compacted topic. */
  void load(Collection<Integer> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    KafkaConsumer<byte[], byte[]> consumer = clients.consumer(null, clientId + "-loader", 5000);
    try {
      List<TopicPartition> tps =
          partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
      for (TopicPartition tp : tps) {
        byPartition.put(tp.partition(), new HashSet<>());
      }
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() != null) {
            try {
              byPartition
                  .get(r.partition())
                  .add(UUID.fromString(new String(r.key(), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
              // not ours; the topic is internal, but a stray record must not stop the loader
            }
          }
        }
      }
    } finally {
      clients.close(consumer);
    }
  }

  void forget(Collection<Integer> partitions) {
    partitions.forEach(byPartition::remove);
  }

  boolean contains(int partition, UUID requestId) {
    Set<UUID> ids = byPartition.get(partition);
    return ids != null && ids.contains(requestId);
  }

  /** Marks the id accepted in memory and returns the record that makes it durable. */
  ProducerRecord<byte[], byte[]> accept(int partition, UUID requestId, Instant at) {
    byPartition.computeIfAbsent(partition, p -> new HashSet<>()).add(requestId);
    return new ProducerRecord<>(
        topic,
        partition,
        requestId.toString().getBytes(StandardCharsets.UTF_8),
        at.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Undoes in-memory marks of an aborted transaction by reloading. */
  void reload() {
    Set<Integer> partitions = new HashSet<>(byPartition.keySet());
    byPartition.clear();
    load(partitions);
  }
}
