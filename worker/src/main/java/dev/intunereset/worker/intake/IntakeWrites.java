package dev.intunereset.worker.intake;

import dev.intunereset.contracts.Cancel;
import dev.intunereset.contracts.CancelReceived;
import dev.intunereset.contracts.CancelRefusal;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.approval.ApprovalRules;
import dev.intunereset.worker.approval.HeldRequest;
import dev.intunereset.worker.cancel.CancelOrder;
import dev.intunereset.worker.cancel.CancelTopic;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.messaging.DlqRecords;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.messaging.TraceHeaders;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.split.RequestSplitter;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.TaskRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the intake writes for its decisions, in the stage's transaction: accepted requests split
 * into tasks, held requests, rejections with their dead letters, and messages moved to their home
 * partition. Metrics and logs follow only once the transaction commits.
 */
final class IntakeWrites {
  /** Header on a message moved to its key's home partition: where it was first read. */
  static final String REROUTED_FROM = "rerouted-from";

  private static final Logger log = LoggerFactory.getLogger(IntakeStage.class);

  private final WorkerConfig config;
  private final GuardSettings guards;
  private final WorkerMetrics metrics;
  private final ResultRecords results;
  private final DlqRecords dlq;
  private final AcceptedRequests accepted;

  IntakeWrites(WorkerConfig config, Clock clock, WorkerMetrics metrics, AcceptedRequests accepted) {
    this.config = config;
    this.guards = config.guards();
    this.metrics = metrics;
    this.results = new ResultRecords(config.kafka().resultsTopic(), clock);
    this.dlq = new DlqRecords(config.kafka().dlqTopic(), config.requests().maxBytes());
    this.accepted = accepted;
  }

  /**
   * Marks the id used and writes the request's tasks and its acceptance, in the trace the request
   * arrived with ({@code trace}, may be null).
   */
  void accept(int home, Verdict.Accepted a, Instant now, String trace, Emitter out) {
    out.send(accepted.accept(home, a.requestId(), now));
    accept(a, now, trace, out);
  }

  /** Counts an approval decision once it is committed. */
  void decided(String decision, Emitter out) {
    out.afterCommit(() -> metrics.approvalDecision(decision));
  }

  void result(dev.intunereset.contracts.ResultEvent event, String trace, Emitter out) {
    out.send(results.record(event, trace));
  }

  /** Orders every dispatcher to stop the request, and says so on the results topic. */
  void cancelRunning(Cancel cancel, Instant now, Emitter out) {
    out.send(
        CancelTopic.record(
            config.kafka().cancellationsTopic(),
            new CancelOrder(cancel.requestId(), cancel.canceledBy(), cancel.reason(), now)));
    out.send(
        results.record(
            new CancelReceived(cancel.requestId(), cancel.canceledBy(), cancel.reason(), now),
            null));
    out.afterCommit(
        () -> {
          metrics.cancel("RECEIVED");
          try (var r = MDC.putCloseable("requestId", cancel.requestId().toString())) {
            log.warn(
                "canceling request {} for {}: {}",
                cancel.requestId(),
                cancel.canceledBy(),
                cancel.reason());
          }
        });
  }

  void refuseCancel(
      Cancel cancel, CancelRefusal refusal, String message, Instant now, Emitter out) {
    out.send(
        results.record(
            new CancelRefused(cancel.requestId(), cancel.canceledBy(), refusal, message, now),
            null));
    out.afterCommit(
        () -> {
          metrics.cancel(refusal.name());
          log.info("cancel by {} refused ({}): {}", cancel.canceledBy(), refusal, message);
        });
  }

  private void accept(Verdict.Accepted a, Instant now, String trace, Emitter out) {
    RequestSplitter.Split split = RequestSplitter.split(a, now, trace, config.settlement());
    String topic = TaskRecords.topicFor(config.kafka(), a.lane());
    if (split.validation() != null) {
      out.send(TaskRecords.validation(topic, split.validation()));
    }
    for (DeviceTask task : split.tasks()) {
      out.send(TaskRecords.device(topic, task));
    }
    out.send(results.record(split.accepted(), trace));
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
  void reroute(ConsumerRecord<byte[], byte[]> record, UUID requestId, int home, Emitter out) {
    reroute(record, requestId.toString(), home, out);
  }

  static void reroute(ConsumerRecord<byte[], byte[]> record, String key, int home, Emitter out) {
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
  void hold(Verdict.Accepted a, byte[] json, int home, Instant now, String trace, Emitter out) {
    HeldRequest held =
        HeldRequest.of(
            a.requestId(),
            a.deviceIds().size(),
            a.requestedBy(),
            a.reason(),
            a.source(),
            json,
            now,
            now.plus(guards.approvalTimeout()),
            trace);
    out.send(accepted.hold(home, held));
    out.send(
        results.record(
            ApprovalRules.held(held, guards.limits(a.action()).approvalThreshold(), a.action()),
            trace));
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
                guards.limits(a.action()).approvalThreshold(),
                a.requestedBy(),
                held.expiresAt());
          }
        });
  }

  void deadLetter(
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

  void reject(Verdict.Rejected r, ConsumerRecord<byte[], byte[]> record, Instant now, Emitter out) {
    if (r.requestId() != null) {
      out.send(
          results.record(
              new RequestRejected(r.requestId(), r.problems(), now, r.requestedBy(), r.source()),
              TraceHeaders.traceparent(record.headers())));
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
}
