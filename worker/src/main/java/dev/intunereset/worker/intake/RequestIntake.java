package dev.intunereset.worker.intake;

import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.LoopRunner;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.TaskRecords;
import dev.intunereset.worker.task.ValidationTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes reset requests, validates them, and in one Kafka transaction per poll writes either the
 * per-device tasks and a {@code RequestAccepted}, or a {@code RequestRejected} and a DLQ record,
 * together with the request offsets. A request is thus split exactly once.
 */
public final class RequestIntake implements LoopRunner.Loop {
  /** Header on a request moved to its id's home partition: where it was first read. */
  public static final String REROUTED_FROM = "rerouted-from";

  private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

  private final WorkerConfig config;
  private final KafkaClients clients;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final RequestValidator validator;
  private final ResultRecords results;
  private final DlqRecords dlq;
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private AcceptedRequests accepted;
  private int requestPartitions;

  public RequestIntake(
      WorkerConfig config,
      KafkaClients clients,
      Clock clock,
      WorkerMetrics metrics,
      Set<String> passcodeRecipients) {
    this.config = config;
    this.clients = clients;
    this.clock = clock;
    this.metrics = metrics;
    this.validator = new RequestValidator(config.requests(), passcodeRecipients);
    this.results = new ResultRecords(config.kafka().resultsTopic(), clock);
    this.dlq = new DlqRecords(config.kafka().dlqTopic(), config.requests().maxBytes());
  }

  @Override
  public String name() {
    return "intake";
  }

  @Override
  public void open() {
    String group = config.kafka().groupId() + "-intake";
    String id = config.kafka().instanceId() + "-intake";
    consumer = clients.consumer(group, id, 100);
    producer = clients.transactionalProducer(id);
    producer.initTransactions();
    requestPartitions = checkPartitions();
    accepted = new AcceptedRequests(config.kafka().acceptedRequestsTopic(), clients, id);
    consumer.subscribe(
        List.of(config.kafka().requestsTopic()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            accepted.forget(partitions.stream().map(TopicPartition::partition).toList());
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            accepted.load(partitions.stream().map(TopicPartition::partition).toList());
          }
        });
  }

  /** Duplicate detection relies on both topics being partitioned alike; refuse to run if not. */
  private int checkPartitions() {
    int requests = producer.partitionsFor(config.kafka().requestsTopic()).size();
    int acceptedIds = producer.partitionsFor(config.kafka().acceptedRequestsTopic()).size();
    if (requests != acceptedIds) {
      throw new IllegalStateException(
          "topic "
              + config.kafka().acceptedRequestsTopic()
              + " has "
              + acceptedIds
              + " partitions but "
              + config.kafka().requestsTopic()
              + " has "
              + requests
              + "; they must match (see docs/operations.md)");
    }
    return requests;
  }

  @Override
  public void pollOnce(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    if (records.isEmpty()) {
      return;
    }
    producer.beginTransaction();
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        handle(record);
        offsets.put(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1));
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (RuntimeException e) {
      LoopRunner.abortAndRewind(producer, consumer, e);
      accepted.reload();
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    Instant now = clock.instant();
    Verdict verdict;
    try {
      verdict = validator.validate(record.value());
    } catch (RuntimeException e) {
      // A validator bug must not stall the partition: dead-letter the message and move on.
      log.error(
          "validator failed on {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
      verdict =
          new Verdict.Rejected(
              null,
              null,
              null,
              "INTERNAL_ERROR",
              List.of(new RequestRejected.Problem("$", "the worker could not validate it")));
    }
    if (verdict instanceof Verdict.Accepted a) {
      int home = AcceptedRequests.home(a.requestId(), requestPartitions);
      if (record.partition() != home) {
        reroute(record, a.requestId(), home);
      } else if (accepted.contains(home, a.requestId())) {
        reject(duplicate(a), record, now);
      } else {
        producer.send(accepted.accept(home, a.requestId(), now));
        accept(a, now);
      }
    } else {
      reject((Verdict.Rejected) verdict, record, now);
    }
  }

  private void accept(Verdict.Accepted a, Instant now) {
    Instant deadline = now.plus(a.timeout());
    List<String> devices = a.deviceIds();
    String topic = TaskRecords.topicFor(config.kafka(), a.lane());
    List<DeviceTask> tasks = new ArrayList<>(devices.size());
    for (int i = 0; i < devices.size(); i++) {
      tasks.add(
          new DeviceTask(
              a.requestId(),
              devices.get(i),
              i,
              devices.size(),
              a.lane(),
              now,
              deadline,
              a.requestedBy(),
              a.reason(),
              a.source(),
              a.ignorePartialFailures(),
              a.validateDeviceExists(),
              a.dryRun(),
              false,
              null,
              a.passcodeRecipient()));
    }
    boolean allOrNothing =
        a.validateDeviceExists() && !a.ignorePartialFailures() && devices.size() > 1;
    if (allOrNothing) {
      producer.send(TaskRecords.validation(topic, new ValidationTask(tasks.get(0), devices)));
    } else {
      for (DeviceTask task : tasks) {
        producer.send(TaskRecords.device(topic, task));
      }
    }
    producer.send(
        results.record(
            new RequestAccepted(
                a.requestId(),
                devices.size(),
                a.duplicatesFolded(),
                a.lane(),
                a.dryRun(),
                a.ignorePartialFailures(),
                now,
                deadline,
                a.requestedBy(),
                a.reason(),
                a.source())));
    metrics.requestAccepted(a.lane());
    try (var r = MDC.putCloseable("requestId", a.requestId().toString());
        var s = MDC.putCloseable("source", a.source())) {
      log.info(
          "accepted request {} with {} devices ({} lane, {} duplicates folded)",
          a.requestId(),
          devices.size(),
          a.lane(),
          a.duplicatesFolded());
    }
  }

  /**
   * Moves a request to the partition its id hashes to, so every copy of an id meets the same
   * duplicate check. Producers that key by requestId (as documented) never pay this hop.
   */
  private void reroute(ConsumerRecord<byte[], byte[]> record, UUID requestId, int home) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(
        REROUTED_FROM,
        (record.topic() + "-" + record.partition() + "@" + record.offset())
            .getBytes(StandardCharsets.UTF_8));
    producer.send(
        new ProducerRecord<>(
            record.topic(),
            home,
            requestId.toString().getBytes(StandardCharsets.UTF_8),
            record.value(),
            headers));
  }

  private static Verdict.Rejected duplicate(Verdict.Accepted a) {
    return new Verdict.Rejected(
        a.requestId(),
        a.requestedBy(),
        a.source(),
        "DUPLICATE_REQUEST",
        List.of(
            new RequestRejected.Problem(
                "requestId",
                "duplicate: request "
                    + a.requestId()
                    + " was already accepted; it is not run again and its outcomes stand")));
  }

  private void reject(Verdict.Rejected r, ConsumerRecord<byte[], byte[]> record, Instant now) {
    if (r.requestId() != null) {
      producer.send(
          results.record(
              new RequestRejected(r.requestId(), r.problems(), now, r.requestedBy(), r.source())));
    }
    producer.send(dlq.record(record, r.dlqReason(), r.summary(), now));
    metrics.requestRejected(r.dlqReason());
    try (var id =
            MDC.putCloseable("requestId", r.requestId() == null ? null : r.requestId().toString());
        var s = MDC.putCloseable("source", r.source())) {
      log.warn(
          "rejected message {}-{}@{} ({}): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          r.dlqReason(),
          r.summary());
    }
  }

  @Override
  public void close() {
    clients.close(consumer);
    clients.close(producer);
  }
}
