package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeviceResetJob#cancel} with real jobs, gate and one HTTP slot. */
class DeviceResetJobCancelTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final long WAIT = BlockingResets.WAIT_SECONDS;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService http = Executors.newSingleThreadExecutor();
  private final BlockingResets graph = new BlockingResets();
  private final JobContext ctx = graph.context(CLOCK, scheduler, http);
  private final BlockingQueue<JobResult> results = new LinkedBlockingQueue<>();

  @AfterEach
  void stopExecutors() {
    graph.release.countDown();
    scheduler.shutdownNow();
    http.shutdownNow();
  }

  private DeviceResetJob job(String deviceId) {
    DeviceTask task =
        DeviceTask.of(
            new RequestRef(REQUEST, "agent", "reason", null, T0),
            T0.plus(Duration.ofHours(1)),
            RequestOptions.NONE,
            Lane.INTERACTIVE,
            deviceId,
            0,
            2);
    return new DeviceResetJob(task, ctx, false, results::add);
  }

  private static void drain(ExecutorService executor) throws Exception {
    executor.submit(() -> {}).get(WAIT, TimeUnit.SECONDS);
  }

  @Test
  void aCanceledJobWaitingForItsCallEndsSkippedAndIsNeverSent() throws Exception {
    DeviceResetJob calling = job("d-calling");
    DeviceResetJob waiting = job("d-waiting");
    calling.start();
    assertThat(graph.entered.await(WAIT, TimeUnit.SECONDS)).as("first reset under way").isTrue();
    waiting.start();
    drain(scheduler);

    ctx.canceled().add(REQUEST);
    assertThat(waiting.cancel()).as("nothing of it is under way").isTrue();
    assertThat(calling.cancel()).as("its POST is under way").isFalse();
    assertThat(calling.writing()).isTrue();

    JobResult skipped = results.poll(WAIT, TimeUnit.SECONDS);
    assertThat(skipped.outcomes())
        .extracting(DeviceOutcome::deviceId, DeviceOutcome::status, DeviceOutcome::reasonCode)
        .containsExactly(tuple("d-waiting", OutcomeStatus.SKIPPED, ReasonCode.REQUEST_CANCELED));

    graph.release.countDown();
    JobResult reset = results.poll(WAIT, TimeUnit.SECONDS);
    assertThat(reset.outcomes())
        .as("a reset under way keeps its real outcome")
        .extracting(DeviceOutcome::deviceId, DeviceOutcome::status)
        .containsExactly(tuple("d-calling", OutcomeStatus.SUCCEEDED));
    assertThat(calling.writing()).isFalse();

    drain(http);
    drain(scheduler);
    drain(http);
    assertThat(graph.resets).as("only the POST sent before the cancel").hasValue(1);
    assertThat(results).isEmpty();
  }

  @Test
  void aTaskOfACanceledRequestEndsSkippedWithoutAnyGraphCall() throws Exception {
    ctx.canceled().add(REQUEST);
    DeviceResetJob job = job("d-late");

    job.start();

    JobResult result = results.poll(WAIT, TimeUnit.SECONDS);
    assertThat(result.outcomes())
        .extracting(DeviceOutcome::status, DeviceOutcome::reasonCode)
        .containsExactly(tuple(OutcomeStatus.SKIPPED, ReasonCode.REQUEST_CANCELED));
    assertThat(job.isSettled()).isTrue();
    assertThat(graph.resets).hasValue(0);
  }
}
