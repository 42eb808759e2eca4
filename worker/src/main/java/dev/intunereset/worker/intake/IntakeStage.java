package dev.intunereset.worker.intake;

import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.approval.HeldRequest;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageConsumer;
import dev.intunereset.worker.messaging.TraceHeaders;
import dev.intunereset.worker.ops.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes reset requests, validates them, and in one Kafka transaction per poll writes either the
 * per-device tasks and a {@code RequestAccepted}, or a {@code RequestRejected} and a DLQ record,
 * together with the request offsets. A request is thus split exactly once.
 *
 * <p>It also applies the mass-reset guards that need a request's whole picture: a large request
 * from an untrusted source is held (its content kept in the accepted-requests topic) until an
 * approval on the same-numbered partition of the approvals topic, which this loop reads alongside
 * the requests it owns, or until it expires. Every such decision is written in the same transaction
 * as the offsets and approvals position it accounts for.
 */
public final class IntakeStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(IntakeStage.class);

  private final WorkerConfig config;
  private final KafkaClients clients;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final RequestValidator validator;
  private final GuardSettings guards;
  private final AtomicInteger heldGauge = new AtomicInteger();
  private StageConsumer consumer;
  private KafkaConsumer<byte[], byte[]> approvals;
  private AcceptedRequests accepted;
  private IntakeWrites writes;
  private HeldRequests held;
  private String clientId;
  private int requestPartitions;

  public IntakeStage(
      WorkerConfig config,
      KafkaClients clients,
      Clock clock,
      WorkerMetrics metrics,
      Set<String> passcodeRecipients) {
    this.config = config;
    this.clients = clients;
    this.clock = clock;
    this.metrics = metrics;
    this.guards = config.guards();
    this.validator = new RequestValidator(config.requests(), guards, passcodeRecipients);
    metrics.gauge(
        "passcode_reset_requests_awaiting_approval",
        "Held requests waiting for a second person's approval (this replica's partitions)",
        heldGauge::get);
  }

  @Override
  public void opened(StageConsumer consumer) {
    this.consumer = consumer;
    clientId = config.kafka().instanceId() + "-intake";
    approvals = clients.consumer(null, clientId + "-approvals", 100);
    requestPartitions = checkPartitions();
    accepted = new AcceptedRequests(config.kafka().acceptedRequestsTopic(), clients, clientId);
    writes = new IntakeWrites(config, clock, metrics, accepted);
    held = new HeldRequests(validator, accepted, writes, requestPartitions, guards.brakeEnabled());
  }

  @Override
  public void revoked(Collection<TopicPartition> partitions, Emitter out) {
    lost(partitions);
  }

  @Override
  public void lost(Collection<TopicPartition> partitions) {
    List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
    accepted.forget(numbers);
    mirrorApprovals();
    heldGauge.set(accepted.heldCount());
  }

  @Override
  public void assigned(Collection<TopicPartition> partitions, Emitter out) {
    List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
    accepted.load(numbers);
    mirrorApprovals();
    heldGauge.set(accepted.heldCount());
  }

  /**
   * Reads the approvals partitions numbered like the owned requests partitions, from the position
   * the state recorded: an approval meets the state of its request, whoever owns it now.
   */
  private void mirrorApprovals() {
    List<TopicPartition> tps =
        consumer.assignment().stream()
            .map(tp -> new TopicPartition(guards.approvalsTopic(), tp.partition()))
            .toList();
    approvals.assign(tps);
    seekApprovals();
  }

  private void seekApprovals() {
    for (TopicPartition tp : approvals.assignment()) {
      long position = accepted.approvalsPosition(tp.partition());
      if (position < 0) {
        approvals.seekToBeginning(List.of(tp));
      } else {
        approvals.seek(tp, position);
      }
    }
  }

  /**
   * Duplicate detection and approvals rely on the requests, accepted-requests and approvals topics
   * being partitioned alike; refuse to run if not.
   */
  private int checkPartitions() {
    int requests = consumer.partitionCount(config.kafka().requestsTopic());
    for (String topic : List.of(config.kafka().acceptedRequestsTopic(), guards.approvalsTopic())) {
      int partitions = consumer.partitionCount(topic);
      if (partitions != requests) {
        throw new IllegalStateException(
            "topic "
                + topic
                + " has "
                + partitions
                + " partitions but "
                + config.kafka().requestsTopic()
                + " has "
                + requests
                + "; they must match (see docs/operations.md)");
      }
    }
    return requests;
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records, Emitter out) {
    List<ConsumerRecord<byte[], byte[]>> controlRecords = new ArrayList<>();
    if (!approvals.assignment().isEmpty()) {
      approvals.poll(Duration.ZERO).forEach(controlRecords::add);
    }
    Instant now = clock.instant();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      handle(record, now, out);
      out.commit(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }
    // Expiry before approvals: an approval counts only if it is acted on before expiresAt.
    for (Map.Entry<Integer, HeldRequest> e : accepted.expired(now)) {
      held.expire(e.getKey(), e.getValue(), now, out);
    }
    Map<Integer, Long> positions = new java.util.HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : controlRecords) {
      held.handleControl(record, now, out);
      positions.put(record.partition(), record.offset() + 1);
    }
    positions.forEach((p, next) -> out.send(accepted.position(p, next)));
    out.afterCommit(() -> heldGauge.set(accepted.heldCount()));
  }

  @Override
  public void aborted() {
    accepted.reload();
    seekApprovals();
    heldGauge.set(accepted.heldCount());
  }

  private void handle(ConsumerRecord<byte[], byte[]> record, Instant now, Emitter out) {
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
    Admission admission =
        Admission.of(verdict, record.partition(), requestPartitions, accepted, guards);
    if (admission instanceof Admission.Reroute r) {
      writes.reroute(record, ((Verdict.Accepted) verdict).requestId(), r.home(), out);
    } else if (admission instanceof Admission.Reject r) {
      writes.reject(r.rejected(), record, now, out);
    } else if (admission instanceof Admission.Hold h) {
      writes.hold(
          h.request(),
          record.value(),
          h.home(),
          now,
          TraceHeaders.traceparent(record.headers()),
          out);
    } else {
      Admission.Accept a = (Admission.Accept) admission;
      writes.accept(a.home(), a.request(), now, TraceHeaders.traceparent(record.headers()), out);
    }
  }

  @Override
  public void closed() {
    clients.close(approvals);
    approvals = null;
  }
}
