package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.GraphCallFacts;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PartitionLedgerTest {
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final PartitionLedger ledger = new PartitionLedger();

  /** A job that only records whether it was abandoned and answers as told. */
  private static final class FakeJob implements StubJob {
    private final boolean inCall;
    int abandonCalls;

    FakeJob(boolean inCall) {
      this.inCall = inCall;
    }

    @Override
    public boolean abandon() {
      abandonCalls++;
      return !inCall;
    }

    @Override
    public boolean writing() {
      return inCall;
    }

    @Override
    public boolean isSettled() {
      return false;
    }
  }

  private static JobResult result(String deviceId) {
    return JobResult.of(
        DeviceOutcome.of(
                new RequestRef(REQUEST, "agent", "reason", null, T0),
                deviceId,
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "ok",
                T0)
            .withGraph(new GraphCallFacts(202, null, null, null))
            .withAttempts(1, T0));
  }

  @Test
  void nothingIsCommittableWhenEmpty() {
    assertThat(ledger.takeCommittable()).isNull();
  }

  @Test
  void nothingIsCommittableWhileTheFirstTaskIsInFlight() {
    ledger.track(5, new FakeJob(false));
    ledger.track(6, new FakeJob(false));
    ledger.complete(6, result("b"));

    assertThat(ledger.takeCommittable()).isNull();
    assertThat(ledger.inFlight()).isEqualTo(2);
  }

  @Test
  void onlyTheContiguousDonePrefixIsCommittable() {
    JobResult a = result("a");
    JobResult b = result("b");
    ledger.track(5, new FakeJob(false));
    ledger.track(6, new FakeJob(false));
    ledger.track(7, new FakeJob(false));
    ledger.track(8, new FakeJob(false));
    ledger.complete(5, a);
    ledger.complete(6, b);
    ledger.complete(8, result("d"));

    PartitionLedger.Committable c = ledger.takeCommittable();

    assertThat(c.results()).containsExactly(a, b);
    assertThat(c.nextOffset()).isEqualTo(7);
    assertThat(c.entries()).isEqualTo(2);
    assertThat(ledger.inFlight()).isEqualTo(2);
  }

  @Test
  void theRestBecomesCommittableOnceTheGapCloses() {
    JobResult c7 = result("c");
    JobResult d8 = result("d");
    ledger.track(7, new FakeJob(false));
    ledger.track(8, new FakeJob(false));
    ledger.complete(8, d8);
    assertThat(ledger.takeCommittable()).isNull();

    ledger.complete(7, c7);
    PartitionLedger.Committable c = ledger.takeCommittable();

    assertThat(c.results()).containsExactly(c7, d8);
    assertThat(c.nextOffset()).isEqualTo(9);
    assertThat(ledger.inFlight()).isZero();
  }

  @Test
  void committedEntriesAreNotReturnedTwice() {
    ledger.track(1, new FakeJob(false));
    ledger.complete(1, result("a"));
    assertThat(ledger.takeCommittable()).isNotNull();

    assertThat(ledger.takeCommittable()).isNull();
  }

  @Test
  void gapsBetweenOffsetsAreFine() {
    JobResult a = result("a");
    JobResult b = result("b");
    JobResult c = result("c");
    ledger.track(5, new FakeJob(false));
    ledger.track(7, new FakeJob(false));
    ledger.track(9, new FakeJob(false));
    ledger.complete(9, c);
    ledger.complete(5, a);
    ledger.complete(7, b);

    PartitionLedger.Committable taken = ledger.takeCommittable();

    assertThat(taken.results()).containsExactly(a, b, c);
    assertThat(taken.nextOffset()).isEqualTo(10);
    assertThat(taken.entries()).isEqualTo(3);
  }

  @Test
  void skippedEntriesCommitWithoutAnOutcome() {
    JobResult b = result("b");
    ledger.skip(4);
    ledger.track(5, new FakeJob(false));
    ledger.skip(6);
    ledger.complete(5, b);

    PartitionLedger.Committable c = ledger.takeCommittable();

    assertThat(c.results()).containsExactly(b);
    assertThat(c.nextOffset()).isEqualTo(7);
    assertThat(c.entries()).isEqualTo(3);
  }

  @Test
  void onlySkippedEntriesStillAdvanceTheOffset() {
    ledger.skip(10);
    ledger.skip(11);

    PartitionLedger.Committable c = ledger.takeCommittable();

    assertThat(c.results()).isEmpty();
    assertThat(c.nextOffset()).isEqualTo(12);
  }

  @Test
  void skippedEntryBehindAnInFlightTaskWaits() {
    ledger.track(3, new FakeJob(false));
    ledger.skip(4);

    assertThat(ledger.takeCommittable()).isNull();
  }

  @Test
  void completingAnUntrackedOffsetIsIgnored() {
    ledger.complete(42, result("x"));

    assertThat(ledger.takeCommittable()).isNull();
    assertThat(ledger.inFlight()).isZero();
  }

  @Test
  void completingAnAlreadyCommittedOffsetIsIgnored() {
    ledger.track(1, new FakeJob(false));
    ledger.complete(1, result("a"));
    ledger.takeCommittable();

    ledger.complete(1, result("again"));

    assertThat(ledger.takeCommittable()).isNull();
  }

  @Test
  void abandonAllReturnsOnlyJobsStillCalling() {
    FakeJob waiting = new FakeJob(false);
    FakeJob calling = new FakeJob(true);
    ledger.track(1, waiting);
    ledger.track(2, calling);

    List<TaskJob> stillCalling = ledger.abandonAll();

    assertThat(stillCalling).containsExactly(calling);
    assertThat(waiting.abandonCalls).isEqualTo(1);
    assertThat(calling.abandonCalls).isEqualTo(1);
  }

  @Test
  void abandonAllLeavesCompletedJobsAlone() {
    FakeJob done = new FakeJob(true);
    ledger.track(1, done);
    ledger.complete(1, result("a"));

    assertThat(ledger.abandonAll()).isEmpty();
    assertThat(done.abandonCalls).isZero();
  }
}
