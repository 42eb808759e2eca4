package dev.intunereset.bench;

import dev.intunereset.worker.WorkerGraphClient;
import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Baseline (b), Confluent's Parallel Consumer: KEY ordering (per device, as the worker keeps it),
 * the worker's concurrency, a blocking Graph call per record through the same SDK gateway, and the
 * outcome produced by PC itself. Its fastest commit mode (periodic asynchronous consumer commits,
 * at-least-once) is used, where the worker commits outcomes and offsets in Kafka transactions.
 */
final class ParallelConsumerBaseline {
  private ParallelConsumerBaseline() {}

  /**
   * The bench's classpath with kafka-clients 3.9 (PC's own version, which bench/run's build copies
   * to bench/target/parallel-consumer-lib) in place of the worker's 4.4.
   */
  static String classpath(String benchClasspath) {
    Path lib = Path.of("bench", "target", "parallel-consumer-lib");
    String clients;
    try (Stream<Path> files = Files.list(lib)) {
      clients =
          files
              .filter(f -> f.getFileName().toString().startsWith("kafka-clients-"))
              .findFirst()
              .orElseThrow()
              .toAbsolutePath()
              .toString();
    } catch (IOException | java.util.NoSuchElementException e) {
      throw new IllegalStateException("no kafka-clients in " + lib + "; build with bench/run", e);
    }
    return Arrays.stream(benchClasspath.split(File.pathSeparator))
        .map(e -> Path.of(e).getFileName().toString().startsWith("kafka-clients-") ? clients : e)
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Runs until {@code expected} records are done or the timeout passes. */
  static BaselineRun run(
      String bootstrap,
      String topic,
      WorkerGraphClient graph,
      int concurrency,
      int expected,
      Duration timeout) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-pc-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    ParallelConsumerOptions<byte[], byte[]> options =
        ParallelConsumerOptions.<byte[], byte[]>builder()
            .consumer(consumer)
            .producer(producer)
            .ordering(ProcessingOrder.KEY)
            .maxConcurrency(concurrency)
            .commitMode(CommitMode.PERIODIC_CONSUMER_ASYNCHRONOUS)
            .build();
    BaselineRun run = new BaselineRun();
    ParallelStreamProcessor<byte[], byte[]> pc =
        ParallelStreamProcessor.createEosStreamProcessor(options);
    try {
      pc.subscribe(List.of(topic));
      pc.pollAndProduce(
          ctx -> {
            ConsumerRecord<byte[], byte[]> r = ctx.getSingleConsumerRecord();
            BaselineTasks.Task task = BaselineTasks.read(r.value());
            run.callStarts();
            int httpStatus = graph.resetPasscode(task.deviceId(), UUID.randomUUID().toString());
            run.callEnded();
            return new ProducerRecord<>(
                BaselineTasks.OUTCOMES, r.key(), BaselineTasks.outcome(task, httpStatus));
          });
      long deadline = System.nanoTime() + timeout.toNanos();
      while (run.done() < expected && System.nanoTime() < deadline) {
        WorkerProcess.sleep(20);
      }
      return run;
    } finally {
      pc.closeDontDrainFirst(Duration.ofSeconds(10));
    }
  }
}
