package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.SealedPasscode;
import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.action.PasscodePolicy;
import dev.intunereset.worker.delivery.PasscodeOutcomes;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.graph.ManagedDeviceInfo.ActionResult;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.task.DeviceTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * After a reset, reads the device (read budget) until Graph's {@code deviceActionResults} shows the
 * resetPasscode action started since the reset as done or failed, waiting longer between reads each
 * time, up to the retrieval timeout; a done passcode is sealed for the request's recipient at once
 * and never held longer than that.
 */
final class PasscodeRetrieval {
  private static final int MAX_BACKOFF_FACTOR = 8;

  private final JobContext ctx;
  private final DeviceTask task;
  private final Instant resetSince;
  private final Instant deadline;
  private final Consumer<PasscodeOutcome> onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile GraphOperation read;
  private volatile ScheduledFuture<?> nextRead;
  private int reads;

  /**
   * @param resetSince the earliest start Graph may show for the reset in question: the first POST
   *     less the clock-skew allowance, or the start Graph showed for an earlier attempt
   */
  PasscodeRetrieval(
      JobContext ctx, DeviceTask task, Instant resetSince, Consumer<PasscodeOutcome> onEnd) {
    this.ctx = ctx;
    this.task = task;
    this.resetSince = resetSince;
    this.deadline = ctx.calls().time().now().plus(ctx.rules().passcode().retrievalTimeout());
    this.onEnd = onEnd;
  }

  void start() {
    readLater();
  }

  /** Where the passcode of a reset device is when nobody asked for it to be delivered. */
  static PasscodeOutcome withoutDelivery(String operatingSystem) {
    return PasscodeOutcomes.withoutDelivery(PasscodePolicy.isApple(operatingSystem));
  }

  /** For a reset found while validating a whole request: it is not read back. */
  static PasscodeOutcome notReadBack(DeviceTask task, String operatingSystem) {
    return PasscodeOutcomes.notReadBack(
        task.options().passcodeRecipient(), PasscodePolicy.isApple(operatingSystem));
  }

  /** Stops reading; nothing is reported. Safe at any time: a read changes nothing in Graph. */
  void abandon() {
    if (ended.compareAndSet(false, true)) {
      ScheduledFuture<?> next = nextRead;
      if (next != null) {
        next.cancel(false);
      }
      GraphOperation op = read;
      if (op != null) {
        op.abandon();
      }
    }
  }

  private void readLater() {
    Duration interval = ctx.rules().passcode().pollInterval();
    Duration wait = interval.multipliedBy(Math.min(1L << Math.min(reads, 30), MAX_BACKOFF_FACTOR));
    if (ctx.calls().time().now().plus(wait).isAfter(deadline)) {
      end(PasscodeOutcomes.timedOut(recipient(), ctx.rules().passcode().retrievalTimeout()));
      return;
    }
    nextRead =
        ctx.calls().time().scheduler().schedule(this::read, wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void read() {
    if (ended.get()) {
      return;
    }
    reads++;
    GraphOperation op = DeviceCheck.lookup(ctx.calls(), task, deadline, this::onRead);
    read = op;
    op.start();
  }

  private void onRead(GraphOperation.Result r, ManagedDeviceInfo device) {
    switch (r.end()) {
      case ABANDONED -> {}
      case DEADLINE_BEFORE_START -> end(PasscodeOutcomes.deadlinePassed(recipient()));
      case FAILED -> end(PasscodeOutcomes.unreadable(recipient(), r.message()));
      case SUCCEEDED, ALREADY_APPLIED ->
          decide(Reconciliation.latestResetSince(device, DeviceAction.RESET_PASSCODE, resetSince));
    }
  }

  private void decide(Optional<ActionResult> action) {
    PasscodeOutcomes.Reading reading =
        PasscodeOutcomes.read(
            recipient(),
            action.map(ActionResult::actionState).orElse(""),
            action.map(ActionResult::errorCode).orElse(null),
            action.flatMap(ActionResult::passcode).isPresent());
    if (reading instanceof PasscodeOutcomes.Reading.Final f) {
      end(f.outcome());
    } else if (reading instanceof PasscodeOutcomes.Reading.Seal) {
      seal(action.orElseThrow());
    } else if (!ended.get()) {
      readLater();
    }
  }

  private void seal(ActionResult action) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    SealedPasscode payload =
        new SealedPasscode(
            task.request().id(),
            task.deviceId(),
            action.passcode().orElseThrow().reveal(),
            action.startDateTime(),
            ctx.calls().time().now());
    onEnd.accept(
        PasscodeOutcomes.seal(ctx.rules().recipients(), recipient(), payload, Json::write));
  }

  private String recipient() {
    return task.options().passcodeRecipient();
  }

  private void end(PasscodeOutcome outcome) {
    if (ended.compareAndSet(false, true)) {
      onEnd.accept(outcome);
    }
  }
}
