package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.config.WorkerConfig.DispatchSettings;
import java.time.Duration;

/** Dispatch settings for gate tests: budgets paced far faster than any wait in a test. */
final class GateSettings {
  private GateSettings() {}

  /** 1,000 writes and 10,000 requests a second, so a permit is never what a test waits for. */
  static DispatchSettings fast(int concurrency) {
    return new DispatchSettings(
        1_000,
        10_000,
        Duration.ofSeconds(1),
        concurrency,
        10,
        3,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofMinutes(2));
  }
}
