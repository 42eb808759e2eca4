package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.action.DevicePolicy;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.task.DeviceTask;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Takes one device task to exactly one terminal outcome: the lookup and platform check (unless
 * disabled or already done by an all-or-nothing validation), then the reset. At most one GET
 * precedes the POST, and whatever it reads is checked against {@link ResetHistory} (and, when
 * validating, {@link StaleDevice}): with the cooldown on, a device is looked up even when the
 * request skipped validation, because Graph's action results are the only record of resets made by
 * anyone else.
 */
final class DeviceResetJob implements TaskJob {
  private final DeviceTask task;
  private final DeviceAction action;
  private final JobContext ctx;
  private final Consumer<JobResult> onResult;
  private final boolean possiblyAttempted;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile DeviceCheck check;
  private volatile GraphOperation reset;
  private volatile PasscodeRetrieval retrieval;
  private volatile String operatingSystem;

  /**
   * @param possiblyAttempted the task was in the partition before this worker took it over, so a
   *     previous owner may have reset the device and crashed before committing: check Graph first
   */
  DeviceResetJob(
      DeviceTask task, JobContext ctx, boolean possiblyAttempted, Consumer<JobResult> onResult) {
    this.task = task;
    this.action = DeviceAction.of(task.request().action());
    this.possiblyAttempted = possiblyAttempted;
    this.ctx = ctx;
    this.onResult = onResult;
    this.operatingSystem = task.operatingSystem();
  }

  @Override
  public UUID requestId() {
    return task.request().id();
  }

  @Override
  public void start() {
    if (ctx.canceled().contains(requestId())) {
      startCanceled();
      return;
    }
    if (task.options().validateDeviceExists() && !task.prevalidated()) {
      check = new DeviceCheck(ctx.calls(), ctx.rules().policy(action), task, this::checked);
      check.start();
    } else if (cooldownNeedsLookup()) {
      // No validation was asked for, so no platform check: only existence and action results.
      check = new DeviceCheck(ctx.calls(), DevicePolicy.ANY, task, this::checked);
      check.start();
    } else if (possiblyAttempted && !task.options().dryRun()) {
      Reconciliation.lookup(
          ctx.calls(),
          task,
          action,
          acceptedSince(),
          found -> found.ifPresentOrElse(this::alreadyReset, this::resetOrDryRun));
    } else {
      resetOrDryRun();
    }
  }

  /**
   * A prevalidated task had its cooldown decided by the validation that looked it up, and a forced
   * one has none.
   */
  private boolean cooldownNeedsLookup() {
    return !ctx.rules().cooldown(action).isZero()
        && !task.options().force()
        && !task.prevalidated();
  }

  /**
   * Resets since then count as this request's own. The clock-skew allowance is only for a task a
   * previous owner may have attempted: a fresh task has made no POST, so a reset Graph shows from
   * before its acceptance is someone else's and falls under the cooldown instead.
   */
  private Instant acceptedSince() {
    Instant acceptedAt = task.request().acceptedAt();
    return possiblyAttempted ? acceptedAt.minus(ctx.rules().reconcileSkew()) : acceptedAt;
  }

  private void alreadyReset(Instant startedAt) {
    // The earlier attempt's passcode is still the device's: deliver that one.
    succeeded(
        ReasonCode.ALREADY_RESET,
        ResetHistory.alreadyResetMessage(action, startedAt),
        null,
        0,
        null,
        startedAt);
  }

  private void checked(DeviceCheck.Verdict v) {
    if (v.abandoned()) {
      settled.set(true);
      return;
    }
    if (v.device() != null) {
      operatingSystem = v.device().operatingSystem();
    }
    if (!v.passed()) {
      finish(v.status(), v.reason(), v.message(), v.facts(), 0, null, null);
      return;
    }
    Instant now = ctx.calls().time().now();
    ResetHistory.Decision decision =
        ResetHistory.decide(
            v.device(),
            action,
            acceptedSince(),
            now,
            ctx.rules().cooldown(action),
            task.options().force(),
            task.options().dryRun());
    if (decision.kind() == ResetHistory.Kind.ALREADY_RESET) {
      alreadyReset(decision.startedAt());
      return;
    }
    Optional<String> stale =
        StaleDevice.skip(v.device(), now, ctx.rules().staleDeviceAfter(), task.options());
    if (stale.isPresent()) {
      finish(OutcomeStatus.SKIPPED, ReasonCode.STALE_DEVICE, stale.get(), v.facts(), 0, null, null);
      return;
    }
    if (decision.kind() != ResetHistory.Kind.PROCEED) {
      finish(decision.status(), decision.reason(), decision.message(), v.facts(), 0, null, null);
      return;
    }
    resetOrDryRun();
  }

  /**
   * A task of a canceled request makes no write; one a previous owner may have attempted is looked
   * up first, so that a reset it made is reported as such rather than as skipped.
   */
  private void startCanceled() {
    if (possiblyAttempted && !task.options().dryRun()) {
      Reconciliation.lookup(
          ctx.calls(),
          task,
          action,
          acceptedSince(),
          found -> found.ifPresentOrElse(this::alreadyReset, this::finishCanceled));
    } else {
      finishCanceled();
    }
  }

  private void finishCanceled() {
    finish(
        OutcomeStatus.SKIPPED,
        ReasonCode.REQUEST_CANCELED,
        "not reset: the request was canceled before this device's reset started",
        null,
        0,
        null,
        null);
  }

  // Synchronized with abandon() and cancel(): a reset must never start after either.
  private synchronized void resetOrDryRun() {
    if (settled.get()) {
      return;
    }
    if (ctx.canceled().contains(requestId())) {
      finishCanceled();
      return;
    }
    if (task.options().dryRun()) {
      finish(
          OutcomeStatus.SKIPPED,
          ReasonCode.DRY_RUN,
          ResetHistory.dryRunMessage(action),
          null,
          0,
          null,
          null);
      return;
    }
    reset =
        new GraphOperation(
            ctx.calls(),
            task.lane(),
            Operation.WRITE,
            action.graphName(),
            task.deadline(),
            task.request().traceparent(),
            clientRequestId -> action.post(ctx.calls().graph(), task.deviceId(), clientRequestId),
            r -> ended(r, ResetEnds.status(r), ResetEnds.reason(r), ResetEnds.message(r, action)));
    reset.guardedBy(Reconciliation.retryGuard(ctx, task, action));
    reset.start();
  }

  private void ended(
      GraphOperation.Result r, OutcomeStatus status, ReasonCode reason, String message) {
    if (status == OutcomeStatus.SUCCEEDED) {
      Instant first = r.firstCallAt() == null ? task.request().acceptedAt() : r.firstCallAt();
      Instant since = first.minus(ctx.rules().reconcileSkew());
      succeeded(reason, message, r.last(), r.calls(), r.firstCallAt(), since);
    } else {
      finish(status, reason, message, r.last(), r.calls(), r.firstCallAt(), null);
    }
  }

  /**
   * The device was reset: say where its new passcode is, after reading and sealing it when the
   * request asked for delivery.
   *
   * @param resetSince the earliest start Graph may show for this reset
   */
  private void succeeded(
      ReasonCode reason,
      String message,
      GraphCallResult facts,
      int attempts,
      Instant startedAt,
      Instant resetSince) {
    Consumer<PasscodeOutcome> done =
        p -> finish(OutcomeStatus.SUCCEEDED, reason, message, facts, attempts, startedAt, p);
    if (!action.setsPasscode() || task.options().passcodeRecipient() == null) {
      done.accept(
          action.setsPasscode() ? PasscodeRetrieval.withoutDelivery(operatingSystem) : null);
      return;
    }
    PasscodeRetrieval r;
    synchronized (this) {
      if (settled.get()) {
        return;
      }
      r = new PasscodeRetrieval(ctx, task, resetSince, done);
      retrieval = r;
    }
    r.start();
  }

  private void finish(
      OutcomeStatus status,
      ReasonCode reason,
      String message,
      GraphCallResult facts,
      int attempts,
      Instant startedAt,
      PasscodeOutcome passcode) {
    if (status == null) {
      settled.set(true);
      return;
    }
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    onResult.accept(
        JobResult.of(
            Outcomes.of(
                    task,
                    status,
                    reason,
                    message,
                    facts,
                    attempts,
                    operatingSystem,
                    startedAt,
                    ctx.calls().time().now())
                .withPasscode(passcode)));
  }

  @Override
  public synchronized boolean abandon() {
    PasscodeRetrieval p = retrieval;
    if (p != null) {
      // The reset is done; the next owner finds it in Graph and reads the passcode again.
      p.abandon();
      settled.set(true);
      return true;
    }
    GraphOperation r = reset;
    if (r != null) {
      return r.abandon();
    }
    DeviceCheck c = check;
    if (c != null) {
      c.abandon();
    }
    // A lookup changes nothing in Graph: never worth waiting for.
    settled.set(true);
    return true;
  }

  @Override
  public synchronized boolean cancel() {
    if (settled.get() || retrieval != null) {
      return true;
    }
    GraphOperation r = reset;
    if (r != null) {
      return r.cancel();
    }
    if (!possiblyAttempted) {
      finishCanceled();
      DeviceCheck c = check;
      if (c != null) {
        c.abandon();
      }
    }
    // Otherwise the lookup under way tells ALREADY_RESET from canceled (see resetOrDryRun).
    return true;
  }

  @Override
  public boolean writing() {
    GraphOperation r = reset;
    return r != null && r.calling();
  }

  @Override
  public boolean isSettled() {
    return settled.get();
  }
}
