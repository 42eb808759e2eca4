package dev.intunereset.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intunereset.sandbox.kafka.TopicSpec;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baselines' input and output: one record per device (already split, keyed by device id, on as
 * many partitions as the worker's task topic) and one outcome record per device. Giving them
 * pre-split tasks spares them the work the worker's intake does, which favours the baselines.
 */
final class BaselineTasks {
  static final String OUTCOMES = "bench.baseline-outcomes";
  static final int PARTITIONS = 12;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a baseline reads per device. */
  record Task(String requestId, String deviceId, String requestedBy, String reason) {}

  private BaselineTasks() {}

  /** Creates a fresh topic holding one task per device, and the outcome topic if missing. */
  static String seed(SandboxStack stack, String name, List<String> devices) {
    String topic = "bench.tasks." + name;
    stack.kafka().createTopics(List.of(new TopicSpec(topic, PARTITIONS)));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                // Plain, not idempotent: on a topic created a moment ago the 4.4 idempotent
                // producer was seen resending from sequence 0 (OutOfOrderSequenceException),
                // losing records.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false,
                ProducerConfig.ACKS_CONFIG,
                "1",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                1),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      String requestId = UUID.randomUUID().toString();
      List<Future<RecordMetadata>> sent = new ArrayList<>(devices.size());
      for (String device : devices) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topic,
                    device.getBytes(StandardCharsets.UTF_8),
                    write(new Task(requestId, device, "bench@contoso.com", "benchmark run")))));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("seeding " + topic + " failed", e.getCause());
    }
    return topic;
  }

  static void createOutcomeTopic(SandboxStack stack) {
    stack.kafka().createTopics(List.of(new TopicSpec(OUTCOMES, 6)));
  }

  static Task read(byte[] value) {
    try {
      return JSON.readValue(value, Task.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outcome a baseline publishes: what a consumer of results needs, as JSON. */
  static byte[] outcome(Task task, int httpStatus) {
    return write(
        Map.of(
            "requestId",
            task.requestId(),
            "deviceId",
            task.deviceId(),
            "status",
            httpStatus / 100 == 2 ? "SUCCEEDED" : "FAILED",
            "httpStatus",
            httpStatus));
  }

  private static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
