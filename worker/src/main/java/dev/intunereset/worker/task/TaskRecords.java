package dev.intunereset.worker.task;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.messaging.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Kafka records of the device-tasks topic: the kind in a header, the task as JSON. */
public final class TaskRecords {
  private TaskRecords() {}

  /** Interactive work has its own topic so that it never queues behind a bulk backlog. */
  public static String topicFor(WorkerConfig.KafkaSettings kafka, Lane lane) {
    return lane == Lane.INTERACTIVE ? kafka.interactiveTasksTopic() : kafka.deviceTasksTopic();
  }

  /** Keyed by device id, so one device's tasks stay on one partition. */
  public static ProducerRecord<byte[], byte[]> device(String topic, DeviceTask task) {
    return record(topic, task.deviceId(), DeviceTask.KIND, Json.write(task));
  }

  /** Keyed by request id: the whole request is validated in one place. */
  public static ProducerRecord<byte[], byte[]> validation(String topic, ValidationTask task) {
    return record(
        topic, task.first().request().id().toString(), ValidationTask.KIND, Json.write(task));
  }

  /** Keyed by request id: one request's targets are expanded in one place. */
  public static ProducerRecord<byte[], byte[]> expansion(String topic, ExpansionTask task) {
    return record(topic, task.requestId().toString(), ExpansionTask.KIND, Json.write(task));
  }

  /**
   * An expansion's answer, on the expansions topic partition numbered like the request's home
   * partition of the requests topic, where the intake that owns the request reads it.
   */
  public static ProducerRecord<byte[], byte[]> expanded(
      String topic, int home, ExpansionDone done) {
    return new ProducerRecord<>(
        topic,
        home,
        done.requestId().toString().getBytes(StandardCharsets.UTF_8),
        Json.write(done));
  }

  private static ProducerRecord<byte[], byte[]> record(
      String topic, String key, String kind, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeviceTask.KIND_HEADER, kind.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value, headers);
  }
}
