package dev.intunereset.worker.intake;

import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.ControlMessage;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.approval.ApprovalRules;
import dev.intunereset.worker.approval.ApprovalRules.Ruling;
import dev.intunereset.worker.approval.HeldRequest;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.control.ControlValidator;
import dev.intunereset.worker.messaging.DlqRecords;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageConsumer;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.split.RequestSplitter;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.TaskRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 *
 * <p>It also applies the mass-reset guards that need a request's whole picture: a large request
 * from an untrusted source is held (its content kept in the accepted-requests topic) until an
 * approval on the same-numbered partition of the approvals topic, which this loop reads alongside
 * the requests it owns, or until it expires. Every such decision is written in the same transaction
 * as the offsets and approvals position it accounts for.
 */
public final class IntakeStage implements Stage {
  /** Header on a request moved to its id's home partition: where it was first read. */
  public static final String REROUTED_FROM = "rerouted-from";

  private static final Logger log = LoggerFactory.getLogger(IntakeStage.class);

  private final WorkerConfig config;
  private final KafkaClients clients;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final RequestValidator validator;
  private final ResultRecords results;
  private final DlqRecords dlq;
  private final GuardSettings guards;
  private final ControlValidator controls = new ControlValidator();
  private final AtomicInteger heldGauge = new AtomicInteger();
  private StageConsumer consumer;
  private KafkaConsumer<byte[], byte[]> approvals;
  private AcceptedRequests accepted;
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
    this.results = new ResultRecords(config.kafka().resultsTopic(), clock);
    this.dlq = new DlqRecords(config.kafka().dlqTopic(), config.requests().maxBytes());
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
      expire(e.getKey(), e.getValue(), now, out);
    }
    Map<Integer, Long> positions = new java.util.HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : controlRecords) {
      handleControl(record, now, out);
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
      reroute(record, ((Verdict.Accepted) verdict).requestId(), r.home(), out);
    } else if (admission instanceof Admission.Reject r) {
      reject(r.rejected(), record, now, out);
    } else if (admission instanceof Admission.Hold h) {
      hold(h.request(), record.value(), h.home(), now, out);
    } else {
      Admission.Accept a = (Admission.Accept) admission;
      out.send(accepted.accept(a.home(), a.request().requestId(), now));
      accept(a.request(), now, out);
    }
  }

  private void accept(Verdict.Accepted a, Instant now, Emitter out) {
    RequestSplitter.Split split = RequestSplitter.split(a, now);
    String topic = TaskRecords.topicFor(config.kafka(), a.lane());
    if (split.validation() != null) {
      out.send(TaskRecords.validation(topic, split.validation()));
    }
    for (DeviceTask task : split.tasks()) {
      out.send(TaskRecords.device(topic, task));
    }
    out.send(results.record(split.accepted()));
    int devices = split.accepted().deviceCount();
    out.afterCommit(
        () -> {
          metrics.requestAccepted(a.lane());
          try (var r = MDC.putCloseable("requestId", a.requestId().toString());
              var s = MDC.putCloseable("source", a.source())) {
            log.info(
                "accepted request {} with {} devices ({} lane, {} duplicates folded)",
                a.requestId(),
                devices,
                a.lane(),
                a.duplicatesFolded());
          }
        });
  }

  /**
   * Moves a request to the partition its id hashes to, so every copy of an id meets the same
   * duplicate check. Producers that key by requestId (as documented) never pay this hop.
   */
  private void reroute(
      ConsumerRecord<byte[], byte[]> record, UUID requestId, int home, Emitter out) {
    reroute(record, requestId.toString(), home, out);
  }

  private static void reroute(
      ConsumerRecord<byte[], byte[]> record, String key, int home, Emitter out) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(
        REROUTED_FROM,
        (record.topic() + "-" + record.partition() + "@" + record.offset())
            .getBytes(StandardCharsets.UTF_8));
    out.send(
        new ProducerRecord<>(
            record.topic(), home, key.getBytes(StandardCharsets.UTF_8), record.value(), headers));
  }

  /** Keeps the request, untouched, until a second person decides or it expires. */
  private void hold(Verdict.Accepted a, byte[] json, int home, Instant now, Emitter out) {
    HeldRequest held =
        HeldRequest.of(
            a.requestId(),
            a.deviceIds().size(),
            a.requestedBy(),
            a.reason(),
            a.source(),
            json,
            now,
            now.plus(guards.approvalTimeout()));
    out.send(accepted.hold(home, held));
    out.send(results.record(ApprovalRules.held(held, guards.approvalThreshold())));
    out.afterCommit(
        () -> {
          metrics.approvalDecision("HELD");
          try (var r = MDC.putCloseable("requestId", a.requestId().toString());
              var s = MDC.putCloseable("source", a.source())) {
            log.warn(
                "held request {} with {} devices (over {}) for approval by someone other than {},"
                    + " until {}",
                a.requestId(),
                a.deviceIds().size(),
                guards.approvalThreshold(),
                a.requestedBy(),
                held.expiresAt());
          }
        });
  }

  private void handleControl(ConsumerRecord<byte[], byte[]> record, Instant now, Emitter out) {
    ControlValidator.Result result;
    try {
      result = controls.validate(record.value());
    } catch (RuntimeException e) {
      log.error(
          "control validator failed on {}-{}@{}",
          record.topic(),
          record.partition(),
          record.offset(),
          e);
      result =
          new ControlValidator.Unusable(
              "INTERNAL_ERROR",
              List.of(new RequestRejected.Problem("$", "the worker could not validate it")));
    }
    if (result instanceof ControlValidator.Unusable u) {
      deadLetter(record, u.dlqReason(), u.summary(), now, out);
      return;
    }
    ControlMessage message = ((ControlValidator.Usable) result).message();
    int home = AcceptedRequests.home(message.kafkaKey(), requestPartitions);
    if (record.partition() != home) {
      reroute(record, message.kafkaKey(), home, out);
    } else if (message instanceof Approval approval) {
      decide(approval, record, home, now, out);
    } else {
      release(record, now, out);
    }
  }

  private void decide(
      Approval approval,
      ConsumerRecord<byte[], byte[]> record,
      int home,
      Instant now,
      Emitter out) {
    UUID id = approval.requestId();
    HeldRequest held = accepted.held(home, id);
    Ruling ruling = ApprovalRules.decide(approval, held, accepted.describe(home, id), now);
    if (ruling instanceof Ruling.Refused refused) {
      deadLetter(record, refused.dlqReason(), refused.message(), now, out);
    } else if (ruling instanceof Ruling.Denied denied) {
      out.send(results.record(denied.event()));
      endHeld(home, held, denied.why(), now, out);
      out.afterCommit(() -> metrics.approvalDecision("DENIED"));
      logDecision(held, denied.why(), out);
    } else {
      Ruling.Approved approved = (Ruling.Approved) ruling;
      Verdict verdict = validator.validate(held.requestBytes());
      if (!(verdict instanceof Verdict.Accepted request)) {
        // The configuration changed while it was held (e.g. its source is no longer allowed).
        String why = "no longer valid: " + ((Verdict.Rejected) verdict).summary();
        endHeld(home, held, why, now, out);
        return;
      }
      out.send(results.record(approved.event()));
      out.send(accepted.accept(home, id, now));
      accept(request, now, out);
      out.afterCommit(() -> metrics.approvalDecision("APPROVED"));
      logDecision(held, approved.why(), out);
    }
  }

  private void expire(int home, HeldRequest held, Instant now, Emitter out) {
    ApprovalRules.Expiry expiry = ApprovalRules.expire(held, now);
    out.send(results.record(expiry.event()));
    endHeld(home, held, expiry.why(), now, out);
    out.afterCommit(() -> metrics.approvalDecision("EXPIRED"));
    logDecision(held, expiry.why(), out);
  }

  /** A held request ends without running: rejected, its id spent. */
  private void endHeld(int home, HeldRequest held, String why, Instant now, Emitter out) {
    out.send(accepted.end(home, held.requestId()));
    out.send(results.record(ApprovalRules.ended(held, why, now)));
  }

  private static void logDecision(HeldRequest held, String what, Emitter out) {
    out.afterCommit(
        () -> {
          try (var r = MDC.putCloseable("requestId", held.requestId().toString());
              var s = MDC.putCloseable("source", held.source())) {
            log.info("held request {}: {}", held.requestId(), what);
          }
        });
  }

  /**
   * Releases are the brake keeper's ({@code guard.BrakeStage}), which reads them from this same
   * partition; here they only count as read. With the brake off there is no keeper to answer.
   */
  private void release(ConsumerRecord<byte[], byte[]> record, Instant now, Emitter out) {
    if (!guards.brakeEnabled()) {
      deadLetter(
          record,
          "BRAKE_NOT_ENGAGED",
          "brakeId: the fleet brake is off here (FLEET_BRAKE_MAX_RESETS=0)",
          now,
          out);
    }
  }

  private void deadLetter(
      ConsumerRecord<byte[], byte[]> record,
      String reason,
      String message,
      Instant now,
      Emitter out) {
    out.send(dlq.record(record, reason, message, now));
    out.afterCommit(
        () -> {
          metrics.requestRejected(reason);
          log.warn(
              "dead-lettered control message {}-{}@{} ({}): {}",
              record.topic(),
              record.partition(),
              record.offset(),
              reason,
              message);
        });
  }

  private void reject(
      Verdict.Rejected r, ConsumerRecord<byte[], byte[]> record, Instant now, Emitter out) {
    if (r.requestId() != null) {
      out.send(
          results.record(
              new RequestRejected(r.requestId(), r.problems(), now, r.requestedBy(), r.source())));
    }
    out.send(dlq.record(record, r.dlqReason(), r.summary(), now));
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    out.afterCommit(
        () -> {
          metrics.requestRejected(r.dlqReason());
          try (var id =
                  MDC.putCloseable(
                      "requestId", r.requestId() == null ? null : r.requestId().toString());
              var s = MDC.putCloseable("source", r.source())) {
            log.warn("rejected message {} ({}): {}", where, r.dlqReason(), r.summary());
          }
        });
  }

  @Override
  public void closed() {
    clients.close(approvals);
    approvals = null;
  }
}
