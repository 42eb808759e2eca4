package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.trace.Traces;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical Graph operation (a lookup or a reset) taken through the budget gate and retried on
 * transient failures, until it succeeds, fails for good, runs out of deadline, or is abandoned.
 * Nothing blocks while waiting: the gate queues it and the scheduler times its retries.
 */
final class GraphOperation {
  private static final Logger log = LoggerFactory.getLogger(GraphOperation.class);

  /**
   * Consulted before retrying a write whose previous attempt may have been applied anyway (a 429,
   * 5xx or lost response does not prove Graph did nothing): it either lets the retry proceed or
   * reports that Graph already shows the effect.
   */
  interface RetryGuard {
    void check(Instant firstCallAt, Runnable proceed, Consumer<String> alreadyApplied);
  }

  /** How the operation ended. */
  enum End {
    SUCCEEDED,
    /** A retry guard found the write already applied; no further call was made. */
    ALREADY_APPLIED,
    FAILED,
    /** The deadline passed before a write was first sent, or before a read could answer. */
    DEADLINE_BEFORE_START,
    /** The request was canceled before the next call; {@code calls} says whether one was made. */
    CANCELED,
    ABANDONED
  }

  /** The end, the last call's facts (null if none was made) and the number of calls made. */
  record Result(End end, GraphCallResult last, int calls, Instant firstCallAt, String message) {}

  private enum State {
    WAITING,
    CALLING,
    DONE
  }

  private final GraphCalls ctx;
  private final Lane lane;
  private final Operation operation;
  private final String name;
  private final Instant deadline;
  private final Context trace;
  private final Function<String, GraphCallResult> call;
  private final Consumer<Result> onEnd;
  private volatile RetryGuard guard;
  private volatile boolean canceled;
  private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
  // Touched by one thread at a time: each hand-over goes through the gate or the scheduler.
  private volatile int calls;
  private int transientFailures;
  private Instant firstCallAt;
  private GraphCallResult last;

  /** The name of a device lookup in metrics, spans and messages. */
  static final String LOOKUP = "getManagedDevice";

  /**
   * @param name the operation in metrics, spans and messages: {@link #LOOKUP} or the action's Graph
   *     name
   */
  GraphOperation(
      GraphCalls ctx,
      Lane lane,
      Operation operation,
      String name,
      Instant deadline,
      String traceparent,
      Function<String, GraphCallResult> call,
      Consumer<Result> onEnd) {
    this.ctx = ctx;
    this.lane = lane;
    this.trace = Traces.context(traceparent);
    this.operation = operation;
    this.name = name;
    this.deadline = deadline;
    this.call = call;
    this.onEnd = onEnd;
  }

  void start() {
    attempt();
  }

  GraphOperation guardedBy(RetryGuard retryGuard) {
    this.guard = retryGuard;
    return this;
  }

  /** Abandons the operation unless a call is in progress; returns true if it has now ended. */
  boolean abandon() {
    if (state.compareAndSet(State.WAITING, State.DONE)) {
      onEnd.accept(new Result(End.ABANDONED, last, calls, firstCallAt, "abandoned"));
    }
    return state.get() == State.DONE;
  }

  /**
   * Makes no further call: returns true if the operation has now ended ({@link End#CANCELED}),
   * false while a call is under way. That call's answer still counts if it succeeded or failed for
   * good; otherwise the operation ends canceled instead of retrying.
   */
  boolean cancel() {
    canceled = true;
    end(End.CANCELED, "the request was canceled before the " + name + " was sent");
    return state.get() == State.DONE;
  }

  /** Whether a call is under way right now. */
  boolean calling() {
    return state.get() == State.CALLING;
  }

  private boolean wanted() {
    return state.get() == State.WAITING;
  }

  /** Writes are "started" once sent; a read that has not answered yet has not helped anyone. */
  private boolean tooLateToStart() {
    boolean started = operation == Operation.WRITE && calls > 0;
    return !started && !ctx.time().now().isBefore(deadline);
  }

  private void endTooLate() {
    end(
        End.DEADLINE_BEFORE_START,
        "the deadline " + deadline + " passed before the " + name + " could start");
  }

  private void attempt() {
    if (!wanted()) {
      return;
    }
    if (canceled) {
      end(End.CANCELED, "the request was canceled before another attempt");
      return;
    }
    if (tooLateToStart()) {
      endTooLate();
      return;
    }
    long asked = ctx.time().nanos();
    ctx.gate()
        .request(
            lane,
            operation,
            name,
            // A waiter past its deadline is dropped instead of spending a permit on nothing.
            () -> wanted() && !tooLateToStart(),
            () -> {
              ctx.metrics()
                  .permitWait(name, lane.name(), Duration.ofNanos(ctx.time().nanos() - asked));
              callNow();
            },
            this::droppedByGate);
  }

  /** The gate let go of this waiter: end it at its deadline unless something else ended it. */
  private void droppedByGate() {
    if (wanted() && tooLateToStart()) {
      endTooLate();
    }
  }

  private void callNow() {
    GraphCallResult result = null;
    Instant before = ctx.time().now();
    try {
      if (!state.compareAndSet(State.WAITING, State.CALLING)) {
        return;
      }
      if (canceled || tooLateToStart()) {
        state.set(State.WAITING);
        if (canceled) {
          end(End.CANCELED, "the request was canceled before the " + name + " was sent");
        } else {
          endTooLate();
        }
        return;
      }
      if (firstCallAt == null) {
        firstCallAt = before;
      }
      calls++;
      result = GraphSpans.call(ctx.tracer(), name, trace, UUID.randomUUID().toString(), call);
      ctx.metrics()
          .graphCall(name, result.httpStatus(), Duration.between(before, ctx.time().now()));
      if (result.httpStatus() == 429) {
        ctx.metrics().graphThrottled(name, result.retryAfter().isPresent());
      }
      last = result;
      state.set(State.WAITING);
      handle(result);
    } catch (RuntimeException e) {
      // The gateway reports failures as values; reaching here is a bug. Still end explicitly.
      log.error("unexpected failure in {}", name, e);
      state.set(State.WAITING);
      end(End.FAILED, "internal error: " + e.getClass().getSimpleName());
    } finally {
      ctx.gate().release(result, Duration.between(before, ctx.time().now()));
    }
  }

  private void handle(GraphCallResult result) {
    if (result.isSuccess()) {
      ctx.health().authWorked();
      end(End.SUCCEEDED, null);
      return;
    }
    FailureClass failure = FailureClass.of(result);
    if (failure == FailureClass.PERMANENT) {
      end(End.FAILED, FailureClass.describe(result, name));
      return;
    }
    if (failure == FailureClass.SYSTEMIC) {
      ctx.health().authFailed(result.message());
    } else if (++transientFailures >= ctx.maxAttempts()) {
      end(
          End.FAILED,
          "gave up after "
              + transientFailures
              + " attempts: "
              + FailureClass.describe(result, name));
      return;
    }
    if (canceled) {
      end(
          End.CANCELED,
          "the request was canceled before another attempt; the last one: "
              + FailureClass.describe(result, name));
      return;
    }
    Duration delay = ctx.backoff().delay(Math.max(transientFailures, 1), result.retryAfter());
    boolean started = operation == Operation.WRITE && calls > 0;
    if (started && ctx.time().now().plus(delay).isAfter(deadline)) {
      end(
          End.FAILED,
          "the deadline leaves no time for another attempt: "
              + FailureClass.describe(result, name));
      return;
    }
    ctx.metrics().graphRetry(name, FailureClass.reasonOf(result).name());
    RetryGuard g = guard;
    Runnable next =
        started && g != null && failure == FailureClass.TRANSIENT
            ? () -> g.check(firstCallAt, this::attempt, m -> end(End.ALREADY_APPLIED, m))
            : this::attempt;
    ctx.time().scheduler().schedule(next, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void end(End end, String message) {
    if (state.compareAndSet(State.WAITING, State.DONE)) {
      onEnd.accept(new Result(end, last, calls, firstCallAt, message));
    }
  }
}
