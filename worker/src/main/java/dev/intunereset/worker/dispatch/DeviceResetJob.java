package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.DeviceLookup;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.task.DeviceTask;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one device task to exactly one terminal outcome: optional lookup (GET), then the reset
 * (POST), each retried on transient failures within the deadline and the attempt cap. It never
 * blocks a thread while waiting: waits are gate queues and scheduler timers.
 */
final class DeviceResetJob {
  private static final Logger log = LoggerFactory.getLogger(DeviceResetJob.class);

  private enum State {
    WAITING,
    CALLING,
    DONE,
    ABANDONED
  }

  private enum Step {
    LOOKUP,
    RESET
  }

  private final DeviceTask task;
  private final JobContext ctx;
  private final Consumer<DeviceOutcome> onOutcome;
  private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
  // Fields below are touched by one thread at a time: each step hands over to the next through
  // the gate or the scheduler, which publish safely.
  private int postAttempts;
  private int failuresInStep;
  private Instant startedAt;
  private String operatingSystem;
  private GraphCallResult lastFailure;

  DeviceResetJob(DeviceTask task, JobContext ctx, Consumer<DeviceOutcome> onOutcome) {
    this.task = task;
    this.ctx = ctx;
    this.onOutcome = onOutcome;
  }

  void start() {
    next(task.validateDeviceExists() ? Step.LOOKUP : Step.RESET);
  }

  /** Stops the job unless a call is in progress; returns true if it is now settled. */
  boolean abandon() {
    state.compareAndSet(State.WAITING, State.ABANDONED);
    return isSettled();
  }

  boolean isSettled() {
    State s = state.get();
    return s == State.DONE || s == State.ABANDONED;
  }

  private boolean wanted() {
    return state.get() == State.WAITING;
  }

  private void next(Step step) {
    if (!wanted()) {
      return;
    }
    if (step == Step.RESET && task.dryRun()) {
      finish(OutcomeStatus.SKIPPED, ReasonCode.DRY_RUN, "dry run: the device would be reset", null);
      return;
    }
    if (postAttempts == 0 && pastDeadline()) {
      finish(
          OutcomeStatus.TIMED_OUT,
          ReasonCode.DEADLINE_EXCEEDED,
          "the request's deadline " + task.deadline() + " passed before the reset started",
          null);
      return;
    }
    Operation op = step == Step.LOOKUP ? Operation.READ : Operation.WRITE;
    ctx.gate().request(task.lane(), op, this::wanted, () -> call(step));
  }

  private boolean pastDeadline() {
    return !ctx.clock().instant().isBefore(task.deadline());
  }

  private void call(Step step) {
    try {
      if (!state.compareAndSet(State.WAITING, State.CALLING)) {
        return;
      }
      if (postAttempts == 0 && pastDeadline()) {
        state.set(State.WAITING);
        next(step);
        return;
      }
      String clientRequestId = UUID.randomUUID().toString();
      Instant before = ctx.clock().instant();
      GraphCallResult result;
      if (step == Step.LOOKUP) {
        DeviceLookup lookup = ctx.graph().getDevice(task.deviceId(), clientRequestId);
        result = lookup.call();
        lookup.device().ifPresent(d -> operatingSystem = d.operatingSystem());
      } else {
        if (startedAt == null) {
          startedAt = before;
        }
        postAttempts++;
        result = ctx.graph().resetPasscode(task.deviceId(), clientRequestId);
      }
      ctx.metrics()
          .graphCall(
              step == Step.LOOKUP ? "getManagedDevice" : "resetPasscode",
              result.httpStatus(),
              Duration.between(before, ctx.clock().instant()));
      state.set(State.WAITING);
      handle(step, result);
    } catch (RuntimeException e) {
      // The gateway reports failures as values; reaching here is a bug. The device still gets
      // an explicit outcome rather than silently vanishing.
      log.error(
          "unexpected failure on device {} of request {}", task.deviceId(), task.requestId(), e);
      state.set(State.WAITING);
      finish(
          OutcomeStatus.FAILED,
          ReasonCode.GRAPH_ERROR,
          "internal error: " + e.getClass().getSimpleName(),
          null);
    } finally {
      ctx.gate().release();
    }
  }

  private void handle(Step step, GraphCallResult result) {
    if (result.isSuccess()) {
      ctx.health().authWorked();
      failuresInStep = 0;
      if (step == Step.LOOKUP) {
        next(Step.RESET);
      } else {
        finish(
            OutcomeStatus.SUCCEEDED,
            ReasonCode.RESET_ISSUED,
            "Graph accepted the passcode reset",
            result);
      }
      return;
    }
    lastFailure = result;
    FailureClass failure = FailureClass.of(result);
    if (failure == FailureClass.PERMANENT) {
      finish(
          OutcomeStatus.FAILED,
          FailureClass.reasonOf(result),
          FailureClass.describe(result),
          result);
      return;
    }
    if (failure == FailureClass.SYSTEMIC) {
      ctx.health().authFailed(result.message());
    } else {
      failuresInStep++;
      if (failuresInStep >= ctx.maxAttempts()) {
        finish(
            OutcomeStatus.FAILED,
            FailureClass.reasonOf(result),
            "gave up after " + failuresInStep + " attempts: " + FailureClass.describe(result),
            result);
        return;
      }
    }
    Duration delay = ctx.backoff().delay(Math.max(failuresInStep, 1), result.retryAfter());
    if (ctx.clock().instant().plus(delay).isAfter(task.deadline()) && postAttempts > 0) {
      finish(
          OutcomeStatus.FAILED,
          FailureClass.reasonOf(result),
          "the deadline leaves no time for another attempt: " + FailureClass.describe(result),
          result);
      return;
    }
    ctx.metrics()
        .graphRetry(
            step == Step.LOOKUP ? "getManagedDevice" : "resetPasscode",
            FailureClass.reasonOf(result).name());
    ctx.scheduler().schedule(() -> next(step), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void finish(
      OutcomeStatus status, ReasonCode reason, String message, GraphCallResult call) {
    if (!state.compareAndSet(State.WAITING, State.DONE)) {
      return;
    }
    GraphCallResult facts = call != null ? call : lastFailure;
    DeviceOutcome outcome =
        new DeviceOutcome(
            task.requestId(),
            task.deviceId(),
            status,
            reason,
            message,
            facts == null || facts.httpStatus() == 0 ? null : facts.httpStatus(),
            facts == null ? null : facts.graphErrorCode(),
            facts == null ? null : facts.graphRequestId(),
            facts == null ? null : facts.clientRequestId(),
            postAttempts,
            operatingSystem,
            task.acceptedAt(),
            startedAt,
            ctx.clock().instant(),
            task.requestedBy(),
            task.reason(),
            task.source());
    onOutcome.accept(outcome);
  }
}
