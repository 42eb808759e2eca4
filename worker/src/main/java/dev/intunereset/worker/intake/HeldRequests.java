package dev.intunereset.worker.intake;

import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.Cancel;
import dev.intunereset.contracts.CancelRefusal;
import dev.intunereset.contracts.ControlMessage;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.approval.ApprovalRules;
import dev.intunereset.worker.approval.ApprovalRules.Ruling;
import dev.intunereset.worker.approval.HeldRequest;
import dev.intunereset.worker.control.ControlValidator;
import dev.intunereset.worker.messaging.Emitter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The intake's side of the two-person rule: control messages read from the approvals partitions
 * numbered like its requests partitions, and the expiry of holds. {@link ApprovalRules} decides;
 * this applies the rulings to the intake's state and writes what they announce. It keeps no state
 * of its own (that is {@code accepted}), so it is just the collaborators it works with.
 *
 * @param validator checks a held request again when it is approved
 * @param requestPartitions how many partitions the requests topic has: a control message is handled
 *     on the one its request belongs to
 * @param brakeEnabled whether a brake keeper is there to answer brake releases
 */
record HeldRequests(
    RequestValidator validator,
    AcceptedRequests accepted,
    IntakeWrites writes,
    int requestPartitions,
    boolean brakeEnabled) {
  private static final Logger log = LoggerFactory.getLogger(IntakeStage.class);
  // Stateless: one serves every control message.
  private static final ControlValidator CONTROLS = new ControlValidator();

  void handleControl(ConsumerRecord<byte[], byte[]> record, Instant now, Emitter out) {
    ControlValidator.Result result;
    try {
      result = CONTROLS.validate(record.value());
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
      writes.deadLetter(record, u.dlqReason(), u.summary(), now, out);
      return;
    }
    ControlMessage message = ((ControlValidator.Usable) result).message();
    int home = AcceptedRequests.home(message.kafkaKey(), requestPartitions);
    if (record.partition() != home) {
      IntakeWrites.reroute(record, message.kafkaKey(), home, out);
    } else if (message instanceof Approval approval) {
      decide(approval, record, home, now, out);
    } else if (message instanceof Cancel cancel) {
      cancel(cancel, home, now, out);
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
      writes.deadLetter(record, refused.dlqReason(), refused.message(), now, out);
    } else if (ruling instanceof Ruling.Denied denied) {
      writes.result(denied.event(), held.traceparent(), out);
      endHeld(home, held, denied.why(), now, out);
      writes.decided("DENIED", out);
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
      writes.result(approved.event(), held.traceparent(), out);
      writes.accept(home, request, now, held.traceparent(), out);
      writes.decided("APPROVED", out);
      logDecision(held, approved.why(), out);
    }
  }

  /**
   * A held request ends here and now; a running one is ordered to stop, which every dispatcher
   * follows. Any other cancel is answered with why it changed nothing.
   */
  private void cancel(Cancel cancel, int home, Instant now, Emitter out) {
    UUID id = cancel.requestId();
    switch (accepted.standing(home, id)) {
      case HELD -> {
        HeldRequest held = accepted.held(home, id);
        String why = "canceled by " + cancel.canceledBy() + ": " + cancel.reason();
        writes.result(
            new RequestCanceled(id, cancel.canceledBy(), cancel.reason(), true, now),
            held.traceparent(),
            out);
        endHeld(home, held, why, now, out);
        writes.decided("CANCELED", out);
        logDecision(held, why, out);
      }
      case RUNNING -> {
        out.send(accepted.cancel(home, id));
        writes.cancelRunning(cancel, now, out);
      }
      case CANCELED ->
          writes.refuseCancel(
              cancel,
              CancelRefusal.ALREADY_CANCELED,
              "request " + id + " is already being canceled",
              now,
              out);
      case ENDED ->
          writes.refuseCancel(
              cancel,
              CancelRefusal.ALREADY_FINISHED,
              "request " + id + " was held and has already ended (denied, expired or canceled)",
              now,
              out);
      case UNKNOWN ->
          writes.refuseCancel(
              cancel,
              CancelRefusal.UNKNOWN_REQUEST,
              "no request " + id + " was received",
              now,
              out);
    }
  }

  void expire(int home, HeldRequest held, Instant now, Emitter out) {
    ApprovalRules.Expiry expiry = ApprovalRules.expire(held, now);
    writes.result(expiry.event(), held.traceparent(), out);
    endHeld(home, held, expiry.why(), now, out);
    writes.decided("EXPIRED", out);
    logDecision(held, expiry.why(), out);
  }

  /** A held request ends without running: rejected, its id spent. */
  private void endHeld(int home, HeldRequest held, String why, Instant now, Emitter out) {
    out.send(accepted.end(home, held.requestId()));
    writes.result(ApprovalRules.ended(held, why, now), held.traceparent(), out);
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
    if (!brakeEnabled) {
      writes.deadLetter(
          record,
          "BRAKE_NOT_ENGAGED",
          "brakeId: the fleet brakes are off here (FLEET_BRAKE_MAX_RESETS=0, FLEET_BRAKE_MAX_ROTATIONS=0)",
          now,
          out);
    }
  }
}
