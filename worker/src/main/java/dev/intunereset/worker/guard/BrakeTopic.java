package dev.intunereset.worker.guard;

import dev.intunereset.contracts.Action;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brake topic: one compacted partition holding the latest {@link BrakeState} of each action's
 * brake. A reader is brought up to date when opened and then follows new writes without blocking,
 * so every replica learns of an engagement or release within one loop iteration of its commit.
 */
public final class BrakeTopic {
  private static final Logger log = LoggerFactory.getLogger(BrakeTopic.class);

  private final KafkaConsumer<byte[], byte[]> consumer;

  /**
   * Key of the record holding the passcode reset brake's state; other actions' keys add their Graph
   * name, so the one brake kept before actions had brakes of their own keeps its record.
   */
  static final String STATE_KEY = "fleet-brake";

  /** Key of the record saying how far the keeper has acted on the releases partition. */
  static final String RELEASES_POSITION_KEY = "releases-position";

  private volatile Map<Action, BrakeState> states = Map.of();
  private long releasesPosition = -1;

  private BrakeTopic(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /** Opens a reader of {@code topic} and reads it to its end before returning. */
  public static BrakeTopic open(KafkaClients clients, String topic, String clientId) {
    KafkaConsumer<byte[], byte[]> consumer = clients.consumer(null, clientId, 100);
    BrakeTopic reader = new BrakeTopic(consumer);
    try {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        reader.apply(consumer.poll(Duration.ofMillis(200)));
      }
      return reader;
    } catch (RuntimeException e) {
      clients.close(consumer);
      throw e;
    }
  }

  /**
   * The record that makes {@code state} the state of {@code action}'s brake; written in the
   * caller's transaction.
   */
  public static ProducerRecord<byte[], byte[]> record(
      String topic, Action action, BrakeState state) {
    return new ProducerRecord<>(
        topic, 0, stateKey(action).getBytes(StandardCharsets.UTF_8), Json.write(state));
  }

  static String stateKey(Action action) {
    return action == Action.RESET_PASSCODE ? STATE_KEY : STATE_KEY + ":" + action.graphName();
  }

  /** Takes in whatever was committed since the last call; never blocks. */
  public Map<Action, BrakeState> poll() {
    apply(consumer.poll(Duration.ZERO));
    return states;
  }

  /** The state of {@code action}'s brake: {@link BrakeState#INITIAL} if it never engaged. */
  public BrakeState state(Action action) {
    return states.getOrDefault(action, BrakeState.INITIAL);
  }

  /** The actions whose brake is engaged now. */
  public List<Action> engaged() {
    return states.entrySet().stream()
        .filter(e -> e.getValue().engaged())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** The next offset of the releases partition to act on, or -1 when none was recorded. */
  long releasesPosition() {
    return releasesPosition;
  }

  /**
   * The record that makes {@code nextOffset} the releases position; in the keeper's transaction.
   */
  static ProducerRecord<byte[], byte[]> releasesPositionRecord(String topic, long nextOffset) {
    return new ProducerRecord<>(
        topic,
        0,
        RELEASES_POSITION_KEY.getBytes(StandardCharsets.UTF_8),
        Long.toString(nextOffset).getBytes(StandardCharsets.UTF_8));
  }

  private void apply(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (r.key() == null || r.value() == null) {
        continue;
      }
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (RELEASES_POSITION_KEY.equals(key)) {
        releasesPosition = parsePosition(r.value());
        continue;
      }
      Action action = actionOf(key);
      if (action == null) {
        continue;
      }
      try {
        Map<Action, BrakeState> next = new EnumMap<>(Action.class);
        next.putAll(states);
        next.put(action, Json.read(r.value(), BrakeState.class));
        states = Map.copyOf(next);
      } catch (RuntimeException e) {
        // Only the worker writes this topic; keep the last good state rather than stop.
        log.error("unreadable brake state at offset {}; keeping {}", r.offset(), states, e);
      }
    }
  }

  /** The action whose state {@code key} holds, or null for a key this version does not know. */
  private static Action actionOf(String key) {
    for (Action action : Action.values()) {
      if (stateKey(action).equals(key)) {
        return action;
      }
    }
    return null;
  }

  private long parsePosition(byte[] value) {
    try {
      return Long.parseLong(new String(value, StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return releasesPosition; // only the keeper writes it; keep the last good one
    }
  }

  /** Closes the reader's consumer (through the {@link KafkaClients} that made it). */
  public void close(KafkaClients clients) {
    clients.close(consumer);
  }
}
