package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.SealedPasscode;
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
    this.deadline = ctx.calls().clock().instant().plus(ctx.rules().passcode().retrievalTimeout());
    this.onEnd = onEnd;
  }

  void start() {
    readLater();
  }

  /** Where the passcode of a reset device is when nobody asked for it to be delivered. */
  static PasscodeOutcome withoutDelivery(String operatingSystem) {
    return PlatformPolicy.isApple(operatingSystem)
        ? new PasscodeOutcome(
            PasscodeStatus.NONE_ISSUED,
            null,
            null,
            "iOS/iPadOS removes the passcode instead of setting a new one")
        : new PasscodeOutcome(
            PasscodeStatus.NOT_REQUESTED, null, null, PasscodeOutcome.ADMIN_CENTER_HINT);
  }

  /**
   * For a reset found while validating a whole request: it is not read back (the validation holds
   * every device of the request), so the outcome points to the admin center.
   */
  static PasscodeOutcome notReadBack(DeviceTask task, String operatingSystem) {
    String recipient = task.options().passcodeRecipient();
    return recipient == null
        ? withoutDelivery(operatingSystem)
        : new PasscodeOutcome(
            PasscodeStatus.NOT_RETRIEVED,
            recipient,
            null,
            "the reset was found while validating the request and is not read back; "
                + PasscodeOutcome.ADMIN_CENTER_HINT);
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
    if (ctx.calls().clock().instant().plus(wait).isAfter(deadline)) {
      end(
          PasscodeStatus.NOT_RETRIEVED,
          "Graph did not show the new passcode within "
              + ctx.rules().passcode().retrievalTimeout()
              + " (the device has to check in); "
              + PasscodeOutcome.ADMIN_CENTER_HINT);
      return;
    }
    nextRead = ctx.calls().scheduler().schedule(this::read, wait.toNanos(), TimeUnit.NANOSECONDS);
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
      case DEADLINE_BEFORE_START ->
          end(
              PasscodeStatus.NOT_RETRIEVED,
              "the retrieval timeout passed before Graph showed the new passcode; "
                  + PasscodeOutcome.ADMIN_CENTER_HINT);
      case FAILED ->
          end(
              PasscodeStatus.NOT_RETRIEVED,
              "could not read the device from Graph: "
                  + r.message()
                  + "; "
                  + PasscodeOutcome.ADMIN_CENTER_HINT);
      case SUCCEEDED, ALREADY_APPLIED ->
          decide(Reconciliation.latestResetSince(device, resetSince));
    }
  }

  private void decide(Optional<ActionResult> action) {
    String state = action.map(ActionResult::actionState).orElse("");
    if ("failed".equalsIgnoreCase(state)) {
      end(
          PasscodeStatus.ACTION_FAILED,
          "Graph reports the passcode reset failed on the device (errorCode "
              + action.get().errorCode()
              + "); there is no new passcode");
    } else if ("done".equalsIgnoreCase(state) && action.get().passcode().isEmpty()) {
      end(
          PasscodeStatus.NONE_ISSUED,
          "the reset is done but Graph shows no new passcode: the platform removes the passcode"
              + " instead (iOS/iPadOS)");
    } else if ("done".equalsIgnoreCase(state)) {
      seal(action.get());
    } else if (!ended.get()) {
      readLater();
    }
  }

  private void seal(ActionResult action) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    String recipient = task.options().passcodeRecipient();
    SealedPasscode payload =
        new SealedPasscode(
            task.request().id(),
            task.deviceId(),
            action.passcode().orElseThrow().reveal(),
            action.startDateTime(),
            ctx.calls().clock().instant());
    String jwe = ctx.rules().recipients().seal(recipient, payload, Json::write);
    onEnd.accept(
        new PasscodeOutcome(
            PasscodeStatus.SEALED, recipient, jwe, "the new passcode is sealed for " + recipient));
  }

  private void end(PasscodeStatus status, String message) {
    if (ended.compareAndSet(false, true)) {
      onEnd.accept(new PasscodeOutcome(status, task.options().passcodeRecipient(), null, message));
    }
  }
}
