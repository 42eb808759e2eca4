package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.config.WorkerConfig.DispatchSettings;
import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.graph.DeviceLookup;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.ops.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A Graph whose resets block until {@link #release} opens, counting them; lookups are refused. */
final class BlockingResets implements GraphGateway {
  static final long WAIT_SECONDS = 5;

  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger resets = new AtomicInteger();

  @Override
  public GraphCallResult resetPasscode(String deviceId, String clientRequestId) {
    resets.incrementAndGet();
    entered.countDown();
    try {
      release.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new GraphCallResult(
        GraphCallResult.Kind.SUCCESS, 204, null, "ok", null, clientRequestId, Optional.empty());
  }

  @Override
  public GraphCallResult rotateBitLockerKeys(String deviceId, String clientRequestId) {
    throw new UnsupportedOperationException("dispatch sends no key rotation yet");
  }

  @Override
  public DeviceLookup getDevice(String deviceId, String clientRequestId) {
    throw new UnsupportedOperationException("lookups are disabled in this test");
  }

  @Override
  public void close() {}

  /**
   * Jobs calling this Graph one at a time ({@code http} should have one thread), with budgets that
   * never hold a call back and no cooldown or validation.
   */
  JobContext context(Clock clock, ScheduledExecutorService scheduler, ExecutorService http) {
    DispatchSettings settings =
        new DispatchSettings(
            1000,
            1000,
            Duration.ofSeconds(1),
            1,
            100,
            3,
            Duration.ofMillis(10),
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            Duration.ofMinutes(2));
    DispatchTime time = DispatchTime.system(clock, scheduler);
    return new JobContext(
        new GraphCalls(
            this,
            new BudgetGate(settings, time, http),
            time,
            new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay(), new Random(1)),
            settings.maxAttempts(),
            new GraphHealth(clock),
            new WorkerMetrics(new SimpleMeterRegistry()),
            TracerProvider.noop().get("test")),
        new ResetRules(
            Set.of(Platform.AOSP),
            Duration.ofMinutes(2),
            Duration.ZERO,
            Duration.ZERO,
            new PasscodeSettings(Optional.empty(), Duration.ofMinutes(1), Duration.ofSeconds(1)),
            PasscodeRecipients.none()));
  }
}
