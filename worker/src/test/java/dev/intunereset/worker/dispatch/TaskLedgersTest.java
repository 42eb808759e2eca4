package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskLedgersTest {
  private static final JobResult NOTHING = new JobResult(List.of(), List.of());

  private final TaskLedgers<String> ledgers = new TaskLedgers<>();

  /** A job whose Graph call ends when the test says so. */
  private static final class CallingJob implements StubJob {
    private volatile boolean settled;
    private final boolean inCall;

    CallingJob(boolean inCall) {
      this.inCall = inCall;
    }

    @Override
    public boolean abandon() {
      if (!inCall) {
        settled = true;
      }
      return !inCall;
    }

    @Override
    public boolean writing() {
      return inCall;
    }

    @Override
    public boolean isSettled() {
      return settled;
    }
  }

  @Test
  void commitsOnlyPastTheContiguousDonePrefix() {
    ledgers.track("p", 0, new CallingJob(false));
    ledgers.track("p", 1, new CallingJob(false));
    ledgers.completer("p", 1).accept(NOTHING);

    ledgers.collect();
    assertThat(ledgers.pendingOffsets()).isEmpty();

    ledgers.completer("p", 0).accept(NOTHING);
    ledgers.collect();
    assertThat(ledgers.pendingOffsets()).isEqualTo(Map.of("p", 2L));
    assertThat(ledgers.pendingResults()).hasSize(2);
    assertThat(ledgers.inFlightCount().get()).isZero();
  }

  @Test
  void keepsPendingResultsUntilTheyAreCommitted() {
    ledgers.track("p", 0, new CallingJob(false));
    ledgers.completer("p", 0).accept(NOTHING);
    ledgers.collect();

    assertThat(ledgers.busy()).as("done but not committed").isTrue();
    ledgers.committed();

    assertThat(ledgers.pendingOffsets()).isEmpty();
    assertThat(ledgers.busy()).isFalse();
  }

  @Test
  void anUnreadableTaskIsCommittedWithItsNeighbours() {
    ledgers.skip("p", 0);
    ledgers.track("p", 1, new CallingJob(false));
    ledgers.completer("p", 1).accept(NOTHING);

    ledgers.collect();

    assertThat(ledgers.pendingOffsets()).isEqualTo(Map.of("p", 2L));
    assertThat(ledgers.pendingResults()).hasSize(1);
  }

  @Test
  void tasksAlreadyInTheLogAtTakeOverAreInherited() {
    ledgers.assigned(Map.of("p", 5L), Map.of("p", 0L));

    assertThat(ledgers.inherited("p", 4)).isTrue();
    assertThat(ledgers.inherited("p", 5)).isFalse();
    assertThat(ledgers.inherited("q", 0)).isFalse();
  }

  @Test
  void abandoningReturnsOnlyTheJobsInsideAGraphCall() {
    CallingJob calling = new CallingJob(true);
    ledgers.track("p", 0, new CallingJob(false));
    ledgers.track("p", 1, calling);

    assertThat(ledgers.abandon(List.of("p"))).containsExactly(calling);
  }

  @Test
  void waitingForACallEndsWhenItsResultArrives() throws Exception {
    CallingJob calling = new CallingJob(true);
    ledgers.track("p", 0, calling);
    Thread graph =
        new Thread(
            () -> {
              calling.settled = true;
              ledgers.completer("p", 0).accept(NOTHING);
            });
    graph.start();

    ledgers.awaitSettled(List.of(calling), TimeUnit.MINUTES.toNanos(5));
    graph.join();
    ledgers.collect(List.of("p"));

    assertThat(ledgers.pendingOffsets()).isEqualTo(Map.of("p", 1L));
  }

  @Test
  void aForgottenPartitionLeavesNothingBehind() {
    ledgers.assigned(Map.of("p", 0L), Map.of("p", 0L));
    ledgers.track("p", 0, new CallingJob(false));

    ledgers.forget(List.of("p"));

    assertThat(ledgers.ownedCount()).isZero();
    assertThat(ledgers.inFlightCount().get()).isZero();
    assertThat(ledgers.busy()).isFalse();
  }

  @Test
  void onlyWorkInHeldPartitionsCountsAsHeld() {
    ledgers.track("bulk", 0, new CallingJob(false));

    assertThat(ledgers.onlyInFlightIn(p -> p.equals("bulk"))).isTrue();

    ledgers.track("interactive", 0, new CallingJob(false));
    assertThat(ledgers.onlyInFlightIn(p -> p.equals("bulk"))).isFalse();
  }
}
