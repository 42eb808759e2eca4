package dev.intunereset.worker.intake;

import dev.intunereset.worker.config.WorkerConfig.ActionLimits;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import java.time.Duration;
import java.util.Set;

/** Guard settings for intake tests. */
final class Guards {
  /** Any source accepted, no approvals, no cooldown, no brake: the guards out of the way. */
  static final GuardSettings ANY_SOURCE =
      new GuardSettings(
          "approvals",
          "brake",
          Set.of(),
          true,
          Set.of(),
          0,
          Duration.ofHours(1),
          Duration.ZERO,
          Duration.ZERO,
          0,
          Duration.ofMinutes(10),
          new ActionLimits(0, Duration.ZERO, 0));

  private Guards() {}

  static GuardSettings allowing(String... sources) {
    return new GuardSettings(
        "approvals",
        "brake",
        Set.of(sources),
        false,
        Set.of(),
        0,
        Duration.ofHours(1),
        Duration.ZERO,
        Duration.ZERO,
        0,
        Duration.ofMinutes(10),
        new ActionLimits(0, Duration.ZERO, 0));
  }
}
