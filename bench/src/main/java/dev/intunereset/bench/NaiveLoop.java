package dev.intunereset.bench;

import dev.intunereset.worker.WorkerGraphClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Baseline (a), the hand-written worker: one KafkaConsumer, and for each record, in turn, a Graph
 * call through the SDK and an outcome record; offsets auto-committed. Its rate is latency-bound
 * (one call at a time), so it is time-boxed rather than run over every device.
 */
final class NaiveLoop {
  private NaiveLoop() {}

  /** Processes records until the time box closes or {@code max} are done. */
  static BaselineRun run(
      String bootstrap, String topic, WorkerGraphClient graph, int max, Duration timeBox) {
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "bench-naive-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      consumer.subscribe(List.of(topic));
      BaselineRun run = new BaselineRun();
      long deadline = Long.MAX_VALUE;
      while (System.nanoTime() < deadline && run.done() < max) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (deadline == Long.MAX_VALUE) {
            // The box opens with the first record, not with the group join.
            deadline = System.nanoTime() + timeBox.toNanos();
          }
          if (System.nanoTime() >= deadline) {
            break;
          }
          BaselineTasks.Task task = BaselineTasks.read(r.value());
          run.callStarts();
          int httpStatus = graph.resetPasscode(task.deviceId(), UUID.randomUUID().toString());
          producer.send(
              new ProducerRecord<>(
                  BaselineTasks.OUTCOMES, r.key(), BaselineTasks.outcome(task, httpStatus)));
          run.callEnded();
        }
      }
      producer.flush();
      return run;
    }
  }
}
