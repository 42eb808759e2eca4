package dev.intunereset.sandbox.client;

import dev.intunereset.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces raw request messages, as a ticketing system would: key = requestId, value = JSON. */
public final class RequestPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public RequestPublisher(String bootstrapServers) {
    this(bootstrapServers, Topics.REQUESTS);
  }

  public RequestPublisher(String bootstrapServers, String topic) {
    this.topic = topic;
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                8_388_608),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  public void send(String key, String json) {
    send(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends in the trace {@code traceparent} names, as OpenTelemetry's Kafka instrumentation would.
   */
  public void sendTraced(String key, String json, String traceparent) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic, key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    send(record);
  }

  /** Sends and waits for the broker's acknowledgement. */
  public void send(byte[] key, byte[] value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  private void send(ProducerRecord<byte[], byte[]> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing failed: " + e.getCause().getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
