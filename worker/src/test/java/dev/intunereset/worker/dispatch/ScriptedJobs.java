package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.ops.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/** Jobs on manual time, with Graph as a script and a gate that grants at once. */
final class ScriptedJobs {
  private ScriptedJobs() {}

  static JobContext context(
      FakeGraph graph,
      FakeGate gate,
      ManualTime time,
      PlatformPolicy policy,
      Duration cooldown,
      Duration staleAfter) {
    return new JobContext(
        new GraphCalls(
            graph,
            gate,
            time.dispatchTime(),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), new Random(1)),
            3,
            new GraphHealth(time.clock()),
            new WorkerMetrics(new SimpleMeterRegistry()),
            TracerProvider.noop().get("test")),
        new ResetRules(
            policy,
            Duration.ofMinutes(2),
            cooldown,
            staleAfter,
            new PasscodeSettings(Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(5)),
            PasscodeRecipients.none()));
  }
}
