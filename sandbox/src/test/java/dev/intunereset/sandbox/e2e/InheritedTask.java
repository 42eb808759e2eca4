package dev.intunereset.sandbox.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.intunereset.contracts.Lane;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A device task as a crashed owner leaves it in a task topic, written in the topic's format by hand
 * rather than with the worker's internal classes: the tests stay on the worker's public face, and a
 * change of that format, which the next owner after a rolling deploy would read, fails them.
 */
final class InheritedTask {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  // The worker's member order; a null member is left out, as the worker leaves it out.
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private InheritedTask(
      UUID requestId,
      String deviceId,
      int deviceIndex,
      int deviceCount,
      Lane lane,
      Instant acceptedAt) {
    fields.put("requestId", requestId);
    fields.put("deviceId", deviceId);
    fields.put("deviceIndex", deviceIndex);
    fields.put("deviceCount", deviceCount);
    fields.put("lane", lane);
    fields.put("acceptedAt", acceptedAt);
    fields.put("deadline", acceptedAt.plusSeconds(600));
    fields.put("requestedBy", "it@contoso.com");
    fields.put("reason", "inherited");
    fields.put("source", "it");
    fields.put("ignorePartialFailures", false);
    fields.put("validateDeviceExists", false);
    fields.put("dryRun", false);
    fields.put("prevalidated", false);
    fields.put("operatingSystem", null);
    fields.put("force", false);
    fields.put("passcodeRecipient", null);
  }

  /** One device of a request from the tests' source, due 10 minutes after it was accepted. */
  static InheritedTask of(
      UUID requestId,
      String deviceId,
      int deviceIndex,
      int deviceCount,
      Lane lane,
      Instant acceptedAt) {
    return new InheritedTask(requestId, deviceId, deviceIndex, deviceCount, lane, acceptedAt);
  }

  /** Sets one member of the task, by its name in the topic's JSON. */
  InheritedTask with(String member, Object value) {
    if (!fields.containsKey(member)) {
      throw new IllegalArgumentException("a device task has no member " + member);
    }
    fields.put(member, value);
    return this;
  }

  /** Keyed by device id, with the record kind in a header, as the worker writes its tasks. */
  ProducerRecord<byte[], byte[]> record(String topic) {
    Map<String, Object> present = new LinkedHashMap<>();
    fields.forEach(
        (member, value) -> {
          if (value != null) {
            present.put(member, value);
          }
        });
    byte[] value;
    try {
      value = JSON.writeValueAsBytes(present);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    RecordHeaders headers = new RecordHeaders();
    headers.add("task-kind", "device".getBytes(StandardCharsets.UTF_8));
    byte[] key = ((String) fields.get("deviceId")).getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  /** Writes the tasks to the topic, as their owner did before it crashed. */
  static void send(String bootstrapServers, String topic, List<InheritedTask> tasks)
      throws InterruptedException, ExecutionException {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (InheritedTask task : tasks) {
        producer.send(task.record(topic)).get();
      }
    }
  }
}
