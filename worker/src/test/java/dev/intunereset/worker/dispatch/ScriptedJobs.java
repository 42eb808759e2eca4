package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Jobs on manual time, with Graph as a script and a gate that grants at once. */
final class ScriptedJobs {
  private ScriptedJobs() {}

  static JobContext context(
      FakeGraph graph,
      FakeGate gate,
      ManualTime time,
      Set<Platform> policy,
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

  /** The first task of a request of {@code count} devices accepted at {@code acceptedAt}. */
  static DeviceTask firstTask(
      UUID request,
      Instant acceptedAt,
      RequestOptions options,
      Lane lane,
      String deviceId,
      int count) {
    return DeviceTask.of(
        new RequestRef(request, "agent@contoso.com", "INC1", "servicenow", acceptedAt),
        acceptedAt.plus(Duration.ofMinutes(10)),
        options,
        lane,
        deviceId,
        0,
        count);
  }
}
