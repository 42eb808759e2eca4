package dev.intunereset.worker.cancel;

import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cancellations topic: every partition, read from the beginning. A reader can be brought up to
 * the topic's end on demand, which is what makes a cancel binding on a dispatcher that takes over
 * task partitions later: it reads every committed order before it starts any task.
 */
public final class CancelTopic {
  private static final Logger log = LoggerFactory.getLogger(CancelTopic.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;

  private CancelTopic(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    this.consumer = consumer;
    this.partitions = partitions;
  }

  /** The record that orders the cancel; written in the intake's transaction. */
  public static ProducerRecord<byte[], byte[]> record(String topic, CancelOrder order) {
    return new ProducerRecord<>(
        topic, order.requestId().toString().getBytes(StandardCharsets.UTF_8), Json.write(order));
  }

  /** Opens a reader of every partition of {@code topic}, positioned at the beginning. */
  public static CancelTopic open(KafkaClients clients, String topic, String clientId) {
    KafkaConsumer<byte[], byte[]> consumer = clients.consumer(null, clientId, 500);
    try {
      List<TopicPartition> tps =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (tps.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      return new CancelTopic(consumer, tps);
    } catch (RuntimeException e) {
      clients.close(consumer);
      throw e;
    }
  }

  /** Every order committed since the last call that has arrived; never blocks. */
  public List<CancelOrder> poll() {
    return read(consumer.poll(Duration.ZERO));
  }

  /** Every order committed before this call and not read yet; blocks until it has them all. */
  public List<CancelOrder> catchUp() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    List<CancelOrder> orders = new ArrayList<>();
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
      orders.addAll(read(consumer.poll(Duration.ofMillis(200))));
    }
    return orders;
  }

  private static List<CancelOrder> read(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<CancelOrder> orders = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (r.value() == null) {
        continue;
      }
      try {
        orders.add(Json.read(r.value(), CancelOrder.class));
      } catch (RuntimeException e) {
        // Only the intake writes this topic; a stray record must not stop dispatch.
        log.error("unreadable cancel order at {}-{}@{}", r.topic(), r.partition(), r.offset(), e);
      }
    }
    return orders;
  }

  /** Closes the reader's consumer (through the {@link KafkaClients} that made it). */
  public void close(KafkaClients clients) {
    clients.close(consumer);
  }
}
