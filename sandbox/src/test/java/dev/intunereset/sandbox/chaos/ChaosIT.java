package dev.intunereset.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The short chaos run: the worker is a separate process killed with SIGKILL three times at seeded
 * moments during 500 devices, the broker a child process killed and restarted once. The seed can be
 * set with {@code -Dchaos.seed=N} to reproduce a run.
 */
class ChaosIT {
  @Test
  void everyDeviceGetsExactlyOneOutcomeAndNoDeviceIsResetTwiceThroughKillsAndABrokerRestart() {
    long seed = Long.getLong("chaos.seed", System.currentTimeMillis() % 100_000);
    ChaosReport report = ChaosHarness.run(ChaosHarness.Options.shortForm(seed));
    System.out.println("chaos: " + report.summary());
    assertThat(report.violations()).as(report.summary()).isEmpty();
    assertThat(report.outcomes()).isEqualTo(500);
    assertThat(report.completionsPerRequest().values()).allMatch(n -> n == 1);
  }
}
