package dev.intunereset.worker.dispatch;

import static dev.intunereset.worker.dispatch.FakeGraph.auth;
import static dev.intunereset.worker.dispatch.FakeGraph.http;
import static dev.intunereset.worker.dispatch.FakeGraph.ok;
import static dev.intunereset.worker.dispatch.FakeGraph.throttled;
import static dev.intunereset.worker.dispatch.FakeGraph.transport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.dispatch.GraphOperation.End;
import dev.intunereset.worker.graph.DeviceLookup;
import dev.intunereset.worker.ops.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The retry and classification decisions of one Graph operation, on manual time with a gate that
 * grants at once and Graph as a script: no broker, no HTTP, no sleeping.
 */
class GraphOperationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant LATE = T0.plus(Duration.ofHours(1));
  private static final String DEVICE = "d1";

  /** Draws 0, so that equal jitter makes every backoff exactly half its step: 1 s, 2 s, 4 s. */
  private static final RandomGenerator NO_JITTER =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public long nextLong(long bound) {
          return 0;
        }
      };

  private final ManualTime time = new ManualTime(T0);
  private final FakeGate gate = new FakeGate();
  private final FakeGraph graph = new FakeGraph();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GraphHealth health = new GraphHealth(time.clock());
  private final List<GraphOperation.Result> ends = new ArrayList<>();

  private GraphCalls calls(int maxAttempts) {
    return new GraphCalls(
        graph,
        gate,
        time.dispatchTime(),
        new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), NO_JITTER),
        maxAttempts,
        health,
        new WorkerMetrics(registry),
        TracerProvider.noop().get("test"));
  }

  private GraphOperation reset(int maxAttempts, Instant deadline) {
    return new GraphOperation(
        calls(maxAttempts),
        Lane.BULK,
        Operation.WRITE,
        "resetPasscode",
        deadline,
        null,
        id -> graph.resetPasscode(DEVICE, id),
        ends::add);
  }

  private GraphOperation lookup(Instant deadline) {
    return new GraphOperation(
        calls(5),
        Lane.INTERACTIVE,
        Operation.READ,
        GraphOperation.LOOKUP,
        deadline,
        null,
        id -> graph.getDevice(DEVICE, id).call(),
        ends::add);
  }

  private GraphOperation.Result theEnd() {
    assertThat(ends).hasSize(1);
    return ends.get(0);
  }

  @Test
  void succeedsOnTheFirstCallAndGivesTheSlotBack() {
    graph.resets(DEVICE, ok(204));

    reset(3, LATE).start();

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.SUCCEEDED);
    assertThat(r.calls()).isEqualTo(1);
    assertThat(r.firstCallAt()).isEqualTo(T0);
    assertThat(r.last().httpStatus()).isEqualTo(204);
    assertThat(gate.released).containsExactly(r.last());
    assertThat(time.pending()).isEmpty();
  }

  @Test
  void aPermanentFailureEndsAtOnceWithoutRetry() {
    graph.resets(DEVICE, http(404, "ResourceNotFound"));

    reset(3, LATE).start();

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.FAILED);
    assertThat(r.message()).startsWith("Graph answered 404 ResourceNotFound");
    assertThat(r.calls()).isEqualTo(1);
    assertThat(time.pending()).isEmpty();
  }

  @Test
  void aBadRequestIsPermanentToo() {
    graph.resets(DEVICE, http(400, "BadRequest"));

    reset(3, LATE).start();

    assertThat(theEnd().end()).isEqualTo(End.FAILED);
    assertThat(graph.count("POST " + DEVICE)).isEqualTo(1);
  }

  @Test
  void a503IsRetriedAfterTheBackoffDelayAndNotBefore() {
    graph.resets(DEVICE, http(503, "ServiceUnavailable"), ok(204));

    reset(3, LATE).start();
    assertThat(ends).isEmpty();
    assertThat(time.pending()).containsExactly(Duration.ofSeconds(1));

    time.advance(Duration.ofMillis(999));
    assertThat(graph.count("POST " + DEVICE)).isEqualTo(1);
    time.advance(Duration.ofMillis(1));

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.SUCCEEDED);
    assertThat(r.calls()).isEqualTo(2);
    assertThat(r.firstCallAt()).isEqualTo(T0);
  }

  @Test
  void honoursRetryAfterOn429() {
    graph.resets(DEVICE, throttled(Duration.ofSeconds(7)), ok(204));

    reset(3, LATE).start();

    assertThat(time.pending()).containsExactly(Duration.ofSeconds(7));
    time.advance(Duration.ofSeconds(7));
    assertThat(theEnd().end()).isEqualTo(End.SUCCEEDED);
  }

  @Test
  void aTransportErrorIsRetried() {
    graph.resets(DEVICE, transport(), ok(204));

    reset(3, LATE).start();
    time.advance(Duration.ofSeconds(1));

    assertThat(theEnd().end()).isEqualTo(End.SUCCEEDED);
    assertThat(theEnd().calls()).isEqualTo(2);
  }

  @Test
  void transientFailuresGiveUpAfterMaxAttemptsWithGrowingDelays() {
    graph.resets(DEVICE, http(503, "ServiceUnavailable"));

    reset(3, LATE).start();
    time.advance(Duration.ofSeconds(1));
    assertThat(time.pending()).containsExactly(Duration.ofSeconds(2));
    time.advance(Duration.ofSeconds(2));

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.FAILED);
    assertThat(r.message()).startsWith("gave up after 3 attempts: Graph answered 503");
    assertThat(r.calls()).isEqualTo(3);
    assertThat(time.pending()).isEmpty();
  }

  @Test
  void authFailuresWaitWithoutSpendingAttemptsAndShowInHealth() {
    graph.resets(DEVICE, auth(), auth(), ok(204));

    reset(1, LATE).start();
    assertThat(health.authProblem()).hasValueSatisfying(p -> assertThat(p).contains("token"));
    time.advance(Duration.ofSeconds(1));
    time.advance(Duration.ofSeconds(1));

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.SUCCEEDED);
    assertThat(r.calls()).isEqualTo(3);
    assertThat(health.authProblem()).isEmpty();
  }

  @Test
  void aWriteIsNotRetriedWhenTheDeadlineLeavesNoTimeForIt() {
    graph.resets(DEVICE, http(503, "ServiceUnavailable"));

    reset(3, T0.plusMillis(500)).start();

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.FAILED);
    assertThat(r.message()).startsWith("the deadline leaves no time for another attempt");
    assertThat(time.pending()).isEmpty();
  }

  @Test
  void aReadThatCannotAnswerBeforeItsDeadlineEndsBeforeStart() {
    graph.lookups(DEVICE, new DeviceLookup(http(503, "ServiceUnavailable"), Optional.empty()));

    lookup(T0.plusMillis(500)).start();
    time.advance(Duration.ofSeconds(1));

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.DEADLINE_BEFORE_START);
    assertThat(r.calls()).isEqualTo(1);
    assertThat(r.last().httpStatus()).isEqualTo(503);
  }

  @Test
  void nothingIsAskedOfTheGateOnceTheDeadlineHasPassed() {
    reset(3, T0).start();

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.DEADLINE_BEFORE_START);
    assertThat(r.calls()).isZero();
    assertThat(gate.requested).isEmpty();
  }

  @Test
  void aWaiterTheGateHeldPastItsDeadlineEndsBeforeStartWithoutACall() {
    gate.hold();

    reset(3, T0.plusSeconds(1)).start();
    time.advance(Duration.ofSeconds(2));
    gate.sweep();

    assertThat(theEnd().end()).isEqualTo(End.DEADLINE_BEFORE_START);
    assertThat(graph.calls).isEmpty();
  }

  @Test
  void aRetryGuardThatFindsTheWriteAppliedEndsItWithoutAnotherCall() {
    graph.resets(DEVICE, http(503, "ServiceUnavailable"));
    List<Instant> asked = new ArrayList<>();

    reset(3, LATE)
        .guardedBy(
            (firstCallAt, proceed, applied) -> {
              asked.add(firstCallAt);
              applied.accept("Graph shows the reset");
            })
        .start();
    time.advance(Duration.ofSeconds(1));

    GraphOperation.Result r = theEnd();
    assertThat(r.end()).isEqualTo(End.ALREADY_APPLIED);
    assertThat(r.message()).isEqualTo("Graph shows the reset");
    assertThat(asked).containsExactly(T0);
    assertThat(graph.count("POST " + DEVICE)).isEqualTo(1);
  }

  @Test
  void aSystemicFailureIsRetriedWithoutConsultingTheRetryGuard() {
    graph.resets(DEVICE, auth(), ok(204));

    reset(3, LATE)
        .guardedBy(
            (firstCallAt, proceed, applied) -> {
              throw new AssertionError("no write can have been applied without a token");
            })
        .start();
    time.advance(Duration.ofSeconds(1));

    assertThat(theEnd().end()).isEqualTo(End.SUCCEEDED);
  }

  @Test
  void abandonedBetweenAttemptsItEndsAbandonedAndCallsNoMore() {
    graph.resets(DEVICE, http(503, "ServiceUnavailable"), ok(204));
    GraphOperation op = reset(3, LATE);

    op.start();
    boolean ended = op.abandon();
    time.advance(Duration.ofSeconds(5));

    assertThat(ended).isTrue();
    assertThat(theEnd().end()).isEqualTo(End.ABANDONED);
    assertThat(graph.count("POST " + DEVICE)).isEqualTo(1);
  }

  @Test
  void permitWaitIsMeasuredOnTheInjectedTicker() {
    graph.resets(DEVICE, ok(204));
    gate.hold();

    reset(3, LATE).start();
    time.advance(Duration.ofMillis(250));
    gate.grantAll();

    assertThat(theEnd().end()).isEqualTo(End.SUCCEEDED);
    assertThat(
            registry
                .get("passcode_reset_graph_permit_wait")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(250.0);
  }
}
