package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PartitionLedger#abandonAll} with real {@link DeviceResetJob}s: one blocked inside a Graph
 * reset, one waiting in the budget gate for the only HTTP slot, one already done.
 */
class PartitionLedgerAbandonTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final long WAIT_SECONDS = BlockingResets.WAIT_SECONDS;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService http = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopExecutors() {
    scheduler.shutdownNow();
    http.shutdownNow();
  }

  private static DeviceTask task(String deviceId, int index, boolean dryRun) {
    return DeviceTask.of(
        new RequestRef(REQUEST, "agent", "reason", null, T0),
        T0.plus(Duration.ofHours(1)),
        RequestOptions.NONE.withDryRun(dryRun),
        Lane.INTERACTIVE,
        deviceId,
        index,
        3);
  }

  private void drain(ExecutorService executor) throws Exception {
    executor.submit(() -> {}).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void abandonAllReturnsOnlyTheJobInAGraphWriteAndItsResetIsStillRecorded() throws Exception {
    BlockingResets graph = new BlockingResets();
    JobContext ctx = graph.context(CLOCK, scheduler, http);
    BlockingQueue<JobResult> results = new LinkedBlockingQueue<>();
    PartitionLedger ledger = new PartitionLedger();

    DeviceResetJob calling =
        new DeviceResetJob(task("d-calling", 0, false), ctx, false, results::add);
    DeviceResetJob waiting =
        new DeviceResetJob(task("d-waiting", 1, false), ctx, false, results::add);
    DeviceResetJob dryRun = new DeviceResetJob(task("d-dry", 2, true), ctx, false, results::add);
    ledger.track(10, calling);
    ledger.track(11, waiting);
    ledger.track(12, dryRun);

    calling.start();
    assertThat(graph.entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    waiting.start();
    drain(scheduler); // the waiting job is now queued behind the only HTTP slot
    dryRun.start();
    JobResult dry = results.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    ledger.complete(12, dry);

    List<TaskJob> stillCalling = ledger.abandonAll();

    assertThat(stillCalling).containsExactly(calling);
    assertThat(waiting.isSettled()).isTrue();
    assertThat(calling.isSettled()).isFalse();

    graph.release.countDown();
    JobResult reset = results.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(reset).isNotNull();
    assertThat(reset.outcomes())
        .extracting(DeviceOutcome::deviceId, DeviceOutcome::status)
        .containsExactly(tuple("d-calling", OutcomeStatus.SUCCEEDED));

    drain(http); // the finished call has released its slot
    drain(scheduler); // the gate has had its chance to grant the abandoned waiter
    drain(http); // and any granted call would have run by now
    assertThat(graph.resets).hasValue(1);
    assertThat(results).isEmpty();
  }
}
