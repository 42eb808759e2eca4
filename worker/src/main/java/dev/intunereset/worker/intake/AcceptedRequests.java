package dev.intunereset.worker.intake;

import dev.intunereset.worker.approval.ApprovalRules;
import dev.intunereset.worker.approval.HeldRequest;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.Partitions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * The intake's memory, per requests-topic partition, backed by a compacted topic written in the
 * same transactions as the intake's decisions. Every request id is routed to one fixed partition
 * (Kafka's default partitioner on the id), so the intake that owns that partition sees every copy
 * of it, and every approval of it, and can decide on each against this state:
 *
 * <ul>
 *   <li>a request id maps to its acceptance time (accepted), to a {@link HeldRequest} (waiting for
 *       approval), or to an end marker (held, then denied or expired): every id is used once;
 *   <li>{@link #POSITION_KEY} maps to the next offset of the same-numbered approvals partition, so
 *       each approval is acted on exactly once.
 * </ul>
 */
final class AcceptedRequests implements Admission.UsedIds {
  /** Key of the approvals position record. */
  static final String POSITION_KEY = "approvals-position";

  private static final String ENDED = "{\"state\":\"ENDED\"}";
  private static final String CANCELED = "{\"state\":\"CANCELED\"}";

  /** Where a request id stands, for the answer to a cancel. */
  enum Standing {
    UNKNOWN,
    HELD,
    RUNNING,
    CANCELED,
    ENDED
  }

  private static final class PartitionState {
    final Set<UUID> used = new HashSet<>();
    final Map<UUID, HeldRequest> held = new HashMap<>();
    // Ids that may not be canceled (again): held and then ended, or canceled while running.
    final Map<UUID, Standing> closed = new HashMap<>();
    long approvalsPosition = -1;
  }

  private final String topic;
  private final KafkaClients clients;
  private final String clientId;
  private final Map<Integer, PartitionState> byPartition = new HashMap<>();

  AcceptedRequests(String topic, KafkaClients clients, String clientId) {
    this.topic = topic;
    this.clients = clients;
    this.clientId = clientId;
  }

  /** The requests-topic partition every copy of this request id belongs on. */
  static int home(UUID requestId, int partitions) {
    return home(requestId.toString(), partitions);
  }

  /** The partition Kafka's default partitioner gives this key. */
  static int home(String key, int partitions) {
    return Partitions.home(key, partitions);
  }

  /** Reads the state of newly assigned partitions from the compacted topic. */
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
        byPartition.put(tp.partition(), new PartitionState());
      }
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          apply(byPartition.get(r.partition()), r);
        }
      }
    } finally {
      clients.close(consumer);
    }
  }

  private static void apply(PartitionState state, ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null || r.value() == null) {
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    String value = new String(r.value(), StandardCharsets.UTF_8);
    if (key.equals(POSITION_KEY)) {
      try {
        state.approvalsPosition = Long.parseLong(value);
      } catch (NumberFormatException e) {
        // not ours; the topic is internal, but a stray record must not stop the loader
      }
      return;
    }
    UUID id;
    try {
      id = UUID.fromString(key);
    } catch (IllegalArgumentException e) {
      return; // not ours, as above
    }
    state.used.add(id);
    state.held.remove(id);
    state.closed.remove(id);
    if (value.equals(ENDED)) {
      state.closed.put(id, Standing.ENDED);
    } else if (value.equals(CANCELED)) {
      state.closed.put(id, Standing.CANCELED);
    }
    // Accepted ids carry their acceptance time; held and ended ones a JSON object.
    if (value.startsWith("{") && value.contains("\"" + HeldRequest.HELD + "\"")) {
      try {
        state.held.put(id, Json.read(r.value(), HeldRequest.class));
      } catch (RuntimeException e) {
        // an unreadable hold stays "used", so its id can never run unapproved
      }
    }
  }

  void forget(Collection<Integer> partitions) {
    partitions.forEach(byPartition::remove);
  }

  /** Whether the id was accepted, held or ended here: it may not start again. */
  @Override
  public boolean contains(int partition, UUID requestId) {
    PartitionState state = byPartition.get(partition);
    return state != null && state.used.contains(requestId);
  }

  /** What became of a used id, for the answer to a duplicate or a stray approval. */
  @Override
  public String describe(int partition, UUID requestId) {
    PartitionState state = byPartition.get(partition);
    if (state == null || !state.used.contains(requestId)) {
      return "no request " + requestId + " was received";
    }
    return state.held.containsKey(requestId)
        ? "request " + requestId + " is waiting for approval"
        : "request " + requestId + " was already accepted, or held and then denied or expired";
  }

  Standing standing(int partition, UUID requestId) {
    PartitionState state = byPartition.get(partition);
    if (state == null || !state.used.contains(requestId)) {
      return Standing.UNKNOWN;
    }
    if (state.held.containsKey(requestId)) {
      return Standing.HELD;
    }
    return state.closed.getOrDefault(requestId, Standing.RUNNING);
  }

  HeldRequest held(int partition, UUID requestId) {
    PartitionState state = byPartition.get(partition);
    return state == null ? null : state.held.get(requestId);
  }

  /** Held requests whose approval time is over, in all owned partitions. */
  List<Map.Entry<Integer, HeldRequest>> expired(Instant now) {
    List<Map.Entry<Integer, HeldRequest>> out = new ArrayList<>();
    byPartition.forEach(
        (p, state) ->
            state.held.values().stream()
                .filter(h -> ApprovalRules.expired(h, now))
                .forEach(h -> out.add(Map.entry(p, h))));
    return out;
  }

  int heldCount() {
    return byPartition.values().stream().mapToInt(s -> s.held.size()).sum();
  }

  /** Next offset to read from the approvals partition, or -1 when none was recorded. */
  long approvalsPosition(int partition) {
    PartitionState state = byPartition.get(partition);
    return state == null ? -1 : state.approvalsPosition;
  }

  /** Marks the id accepted in memory and returns the record that makes it durable. */
  ProducerRecord<byte[], byte[]> accept(int partition, UUID requestId, Instant at) {
    PartitionState state = state(partition);
    state.used.add(requestId);
    state.held.remove(requestId);
    state.closed.remove(requestId);
    return record(partition, requestId.toString(), at.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Marks the request held in memory and returns the record that makes it durable. */
  ProducerRecord<byte[], byte[]> hold(int partition, HeldRequest request) {
    PartitionState state = state(partition);
    state.used.add(request.requestId());
    state.held.put(request.requestId(), request);
    return record(partition, request.requestId().toString(), Json.write(request));
  }

  /** Ends a held request (denied or expired): its id stays used, its payload is compacted away. */
  ProducerRecord<byte[], byte[]> end(int partition, UUID requestId) {
    return close(partition, requestId, Standing.ENDED, ENDED);
  }

  /** Marks a running request canceled, so that a second cancel is answered as such. */
  ProducerRecord<byte[], byte[]> cancel(int partition, UUID requestId) {
    return close(partition, requestId, Standing.CANCELED, CANCELED);
  }

  private ProducerRecord<byte[], byte[]> close(
      int partition, UUID requestId, Standing standing, String value) {
    PartitionState state = state(partition);
    state.used.add(requestId);
    state.held.remove(requestId);
    state.closed.put(requestId, standing);
    return record(partition, requestId.toString(), value.getBytes(StandardCharsets.UTF_8));
  }

  /** Records how far the approvals partition has been acted on. */
  ProducerRecord<byte[], byte[]> position(int partition, long nextOffset) {
    state(partition).approvalsPosition = nextOffset;
    return record(
        partition, POSITION_KEY, Long.toString(nextOffset).getBytes(StandardCharsets.UTF_8));
  }

  private PartitionState state(int partition) {
    return byPartition.computeIfAbsent(partition, p -> new PartitionState());
  }

  private ProducerRecord<byte[], byte[]> record(int partition, String key, byte[] value) {
    return new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value);
  }

  /** Undoes in-memory marks of an aborted transaction by reloading. */
  void reload() {
    Set<Integer> partitions = new HashSet<>(byPartition.keySet());
    byPartition.clear();
    load(partitions);
  }
}
