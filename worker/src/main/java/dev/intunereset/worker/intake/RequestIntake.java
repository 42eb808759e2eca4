package dev.intunereset.worker.intake;

import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.ApprovalDecision;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.ControlMessage;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestApproved;
import dev.intunereset.contracts.RequestDenied;
import dev.intunereset.contracts.RequestExpired;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.guard.BrakeKeeper;
import dev.intunereset.worker.guard.BrakeTopic;
import dev.intunereset.worker.guard.FleetBrake;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>It also applies the mass-reset guards that need a request's whole picture: a large request
 * from an untrusted source is held (its content kept in the accepted-requests topic) until an
 * approval on the same-numbered partition of the approvals topic, which this loop reads alongside
 * the requests it owns, or until it expires. The owner of the partition of {@link
 * BrakeRelease#KAFKA_KEY} also keeps the fleet brake ({@link BrakeKeeper}). Every such decision is
 * written in the same transaction as the offsets and approvals position it accounts for.
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
  private final GuardSettings guards;
  private final ControlValidator controls = new ControlValidator();
  private final AtomicInteger heldGauge = new AtomicInteger();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaConsumer<byte[], byte[]> approvals;
  private KafkaProducer<byte[], byte[]> producer;
  private AcceptedRequests accepted;
  private BrakeKeeper keeper;
  private String clientId;
  private int requestPartitions;
  private int keeperPartition;

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
  public String name() {
    return "intake";
  }

  @Override
  public void open() {
    String group = config.kafka().groupId() + "-intake";
    clientId = config.kafka().instanceId() + "-intake";
    consumer = clients.consumer(group, clientId, 100);
    approvals = clients.consumer(null, clientId + "-approvals", 100);
    producer = clients.transactionalProducer(clientId);
    producer.initTransactions();
    requestPartitions = checkPartitions();
    keeperPartition = AcceptedRequests.home(BrakeRelease.KAFKA_KEY, requestPartitions);
    if (guards.brakeEnabled() && producer.partitionsFor(guards.brakeTopic()).isEmpty()) {
      throw new IllegalStateException("topic " + guards.brakeTopic() + " has no partitions");
    }
    accepted = new AcceptedRequests(config.kafka().acceptedRequestsTopic(), clients, clientId);
    consumer.subscribe(
        List.of(config.kafka().requestsTopic()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            accepted.forget(numbers);
            mirrorApprovals();
            if (keeper != null && numbers.contains(keeperPartition)) {
              keeper.close();
              keeper = null;
              log.info("no longer keeping the fleet brake");
            }
            heldGauge.set(accepted.heldCount());
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
            accepted.load(numbers);
            mirrorApprovals();
            if (guards.brakeEnabled() && keeper == null && numbers.contains(keeperPartition)) {
              keeper =
                  BrakeKeeper.start(
                      clients, guards, config.kafka().resultsTopic(), clientId, clock);
            }
            heldGauge.set(accepted.heldCount());
          }
        });
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
    int requests = producer.partitionsFor(config.kafka().requestsTopic()).size();
    for (String topic : List.of(config.kafka().acceptedRequestsTopic(), guards.approvalsTopic())) {
      int partitions = producer.partitionsFor(topic).size();
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
  public void pollOnce(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    List<ConsumerRecord<byte[], byte[]>> controlRecords = new ArrayList<>();
    if (!approvals.assignment().isEmpty()) {
      approvals.poll(Duration.ZERO).forEach(controlRecords::add);
    }
    if (keeper != null) {
      keeper.poll();
    }
    Instant now = clock.instant();
    List<Map.Entry<Integer, HeldRequest>> expired = accepted.expired(now);
    boolean brakeDue = keeper != null && keeper.brake().due(now);
    if (records.isEmpty() && controlRecords.isEmpty() && expired.isEmpty() && !brakeDue) {
      return;
    }
    afterCommit.clear();
    producer.beginTransaction();
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        handle(record);
        offsets.put(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1));
      }
      // Expiry before approvals: an approval counts only if it is acted on before expiresAt.
      for (Map.Entry<Integer, HeldRequest> e : expired) {
        expire(e.getKey(), e.getValue(), now);
      }
      Map<Integer, Long> positions = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : controlRecords) {
        handleControl(record, now);
        positions.put(record.partition(), record.offset() + 1);
      }
      positions.forEach((p, next) -> producer.send(accepted.position(p, next)));
      if (keeper != null) {
        keeper.brake().check(now).ifPresent(this::writeBrake);
      }
      if (offsets.isEmpty()) {
        // Nothing read from the requests topic: re-commit its positions anyway, so that this
        // transaction is fenced like every other if this replica lost its partitions.
        for (TopicPartition tp : consumer.assignment()) {
          offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      if (keeper != null) {
        keeper.brake().rolledBack();
      }
      LoopRunner.abortAndRewind(producer, consumer, e);
      accepted.reload();
      seekApprovals();
      heldGauge.set(accepted.heldCount());
      return;
    }
    if (keeper != null) {
      keeper.brake().committed();
    }
    afterCommit.forEach(Runnable::run);
    heldGauge.set(accepted.heldCount());
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
        reject(duplicate(a, accepted.describe(home, a.requestId())), record, now);
      } else if (guards.needsApproval(a.deviceIds().size(), a.source(), a.dryRun())) {
        hold(a, record.value(), home, now);
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
              a.force(),
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
    reroute(record, requestId.toString(), home);
  }

  private void reroute(ConsumerRecord<byte[], byte[]> record, String key, int home) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(
        REROUTED_FROM,
        (record.topic() + "-" + record.partition() + "@" + record.offset())
            .getBytes(StandardCharsets.UTF_8));
    producer.send(
        new ProducerRecord<>(
            record.topic(), home, key.getBytes(StandardCharsets.UTF_8), record.value(), headers));
  }

  private static Verdict.Rejected duplicate(Verdict.Accepted a, String earlier) {
    return new Verdict.Rejected(
        a.requestId(),
        a.requestedBy(),
        a.source(),
        "DUPLICATE_REQUEST",
        List.of(
            new RequestRejected.Problem(
                "requestId",
                "duplicate: "
                    + earlier
                    + "; this copy is not run and the original's events stand")));
  }

  /** Keeps the request, untouched, until a second person decides or it expires. */
  private void hold(Verdict.Accepted a, byte[] json, int home, Instant now) {
    HeldRequest held = HeldRequest.of(a, json, now, now.plus(guards.approvalTimeout()));
    producer.send(accepted.hold(home, held));
    producer.send(
        results.record(
            new RequestHeld(
                a.requestId(),
                a.deviceIds().size(),
                guards.approvalThreshold(),
                now,
                held.expiresAt(),
                a.requestedBy(),
                a.reason(),
                a.source())));
    afterCommit.add(
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

  private void handleControl(ConsumerRecord<byte[], byte[]> record, Instant now) {
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
      deadLetter(record, u.dlqReason(), u.summary(), now);
      return;
    }
    ControlMessage message = ((ControlValidator.Usable) result).message();
    int home = AcceptedRequests.home(message.kafkaKey(), requestPartitions);
    if (record.partition() != home) {
      reroute(record, message.kafkaKey(), home);
    } else if (message instanceof Approval approval) {
      decide(approval, record, home, now);
    } else {
      release((BrakeRelease) message, record, now);
    }
  }

  private void decide(
      Approval approval, ConsumerRecord<byte[], byte[]> record, int home, Instant now) {
    UUID id = approval.requestId();
    HeldRequest held = accepted.held(home, id);
    if (held == null) {
      deadLetter(
          record,
          "NOT_HELD",
          "requestId: " + accepted.describe(home, id) + "; there is nothing to decide",
          now);
      return;
    }
    boolean byRequester =
        approval
            .approver()
            .toLowerCase(Locale.ROOT)
            .equals(held.requestedBy().toLowerCase(Locale.ROOT));
    if (approval.decision() == ApprovalDecision.APPROVE && byRequester) {
      deadLetter(
          record,
          "SELF_APPROVAL",
          "approver: "
              + held.requestedBy()
              + " asked for request "
              + id
              + " and may not approve it (two-person rule); it stays held until someone else"
              + " decides",
          now);
      return;
    }
    if (approval.decision() == ApprovalDecision.DENY) {
      producer.send(
          results.record(
              new RequestDenied(
                  id,
                  approval.approver(),
                  approval.comment(),
                  now,
                  held.requestedBy(),
                  held.reason(),
                  held.source())));
      String why =
          (byRequester ? "withdrawn by " : "denied by ")
              + approval.approver()
              + (approval.comment() == null ? "" : ": " + approval.comment());
      endHeld(home, held, why, now);
      afterCommit.add(() -> metrics.approvalDecision("DENIED"));
      logDecision(held, why);
      return;
    }
    Verdict verdict = validator.validate(held.requestBytes());
    if (!(verdict instanceof Verdict.Accepted request)) {
      // The configuration changed while it was held (e.g. its source is no longer allowed).
      endHeld(home, held, "no longer valid: " + ((Verdict.Rejected) verdict).summary(), now);
      return;
    }
    producer.send(
        results.record(
            new RequestApproved(
                id,
                approval.approver(),
                approval.comment(),
                now,
                held.requestedBy(),
                held.reason(),
                held.source())));
    producer.send(accepted.accept(home, id, now));
    accept(request, now);
    afterCommit.add(() -> metrics.approvalDecision("APPROVED"));
    logDecision(held, "approved by " + approval.approver());
  }

  private void expire(int home, HeldRequest held, Instant now) {
    producer.send(
        results.record(
            new RequestExpired(
                held.requestId(),
                held.heldAt(),
                now,
                held.requestedBy(),
                held.reason(),
                held.source())));
    String why =
        "not approved within "
            + Durations.format(Duration.between(held.heldAt(), held.expiresAt()))
            + " (held at "
            + held.heldAt()
            + ")";
    endHeld(home, held, why, now);
    afterCommit.add(() -> metrics.approvalDecision("EXPIRED"));
    logDecision(held, why);
  }

  /** A held request ends without running: rejected, its id spent. */
  private void endHeld(int home, HeldRequest held, String why, Instant now) {
    producer.send(accepted.end(home, held.requestId()));
    producer.send(
        results.record(
            new RequestRejected(
                held.requestId(),
                List.of(new RequestRejected.Problem("approval", why)),
                now,
                held.requestedBy(),
                held.source())));
  }

  private void logDecision(HeldRequest held, String what) {
    afterCommit.add(
        () -> {
          try (var r = MDC.putCloseable("requestId", held.requestId().toString());
              var s = MDC.putCloseable("source", held.source())) {
            log.info("held request {}: {}", held.requestId(), what);
          }
        });
  }

  private void release(BrakeRelease release, ConsumerRecord<byte[], byte[]> record, Instant now) {
    if (keeper == null) {
      deadLetter(
          record,
          "BRAKE_NOT_ENGAGED",
          "brakeId: the fleet brake is off here (FLEET_BRAKE_MAX_RESETS=0)",
          now);
      return;
    }
    Optional<FleetBrake.Change> change = keeper.brake().release(release, now);
    if (change.isEmpty()) {
      deadLetter(
          record,
          "BRAKE_NOT_ENGAGED",
          "brakeId: " + release.brakeId() + " is not engaged; " + keeper.brake().describe(),
          now);
      return;
    }
    writeBrake(change.get());
  }

  private void writeBrake(FleetBrake.Change change) {
    producer.send(BrakeTopic.record(guards.brakeTopic(), change.state()));
    producer.send(results.record(change.event()));
    afterCommit.add(
        () -> {
          if (change.state().engaged()) {
            log.warn(
                "fleet brake {} ENGAGED: {}; bulk resets are held until an operator releases it"
                    + " (see docs/operations.md)",
                change.state().brakeId(),
                change.event());
          } else {
            log.warn(
                "fleet brake {} released by {}",
                change.state().brakeId(),
                change.state().releasedBy());
          }
        });
  }

  private void deadLetter(
      ConsumerRecord<byte[], byte[]> record, String reason, String message, Instant now) {
    producer.send(dlq.record(record, reason, message, now));
    afterCommit.add(
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
    if (keeper != null) {
      keeper.close();
      keeper = null;
    }
    clients.close(consumer);
    clients.close(approvals);
    clients.close(producer);
  }
}
