package dev.intunereset.worker.guard;

import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brake topic: one compacted partition holding the latest {@link BrakeState}. A reader is
 * brought up to date when opened and then follows new writes without blocking, so every replica
 * learns of an engagement or release within one loop iteration of its commit.
 */
public final class BrakeTopic {
  private static final Logger log = LoggerFactory.getLogger(BrakeTopic.class);

  private final KafkaConsumer<byte[], byte[]> consumer;

  /** Key of the record holding the brake's state. */
  static final String STATE_KEY = "fleet-brake";

  /** Key of the record saying how far the keeper has acted on the releases partition. */
  static final String RELEASES_POSITION_KEY = "releases-position";

  private volatile BrakeState state = BrakeState.INITIAL;
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

  /** The record that makes {@code state} the brake's state; written in the caller's transaction. */
  public static ProducerRecord<byte[], byte[]> record(String topic, BrakeState state) {
    return new ProducerRecord<>(
        topic, 0, STATE_KEY.getBytes(StandardCharsets.UTF_8), Json.write(state));
  }

  /** Takes in whatever was committed since the last call; never blocks. */
  public BrakeState poll() {
    apply(consumer.poll(Duration.ZERO));
    return state;
  }

  public BrakeState state() {
    return state;
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
      if (!STATE_KEY.equals(key)) {
        continue;
      }
      try {
        state = Json.read(r.value(), BrakeState.class);
      } catch (RuntimeException e) {
        // Only the worker writes this topic; keep the last good state rather than stop.
        log.error("unreadable brake state at offset {}; keeping {}", r.offset(), state, e);
      }
    }
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
