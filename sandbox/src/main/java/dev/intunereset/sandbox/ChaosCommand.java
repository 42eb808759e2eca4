package dev.intunereset.sandbox;

import dev.intunereset.sandbox.chaos.ChaosHarness;
import dev.intunereset.sandbox.chaos.ChaosReport;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The long form of the crash-safety run: many kills over many devices, with a chosen seed. */
@Command(
    name = "chaos",
    description =
        "Kill -9 the worker (and restart the broker) during a run; check every guarantee.")
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Seed of the kill schedule (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--kills", description = "Worker SIGKILLs (default ${DEFAULT-VALUE}).")
  int kills = 10;

  @Option(names = "--devices", description = "Devices in the run (default ${DEFAULT-VALUE}).")
  int devices = 5000;

  @Option(names = "--no-broker-restart", description = "Do not restart the broker.")
  boolean noBrokerRestart;

  @Option(
      names = "--timeout",
      description = "Seconds to wait for completion (default ${DEFAULT-VALUE}).")
  int timeoutSeconds = 900;

  @Option(
      names = "--brake-max-resets",
      description =
          "The worker's FLEET_BRAKE_MAX_RESETS and FLEET_BRAKE_MAX_ROTATIONS, 0 = off (default:"
              + " the worker's, ${DEFAULT-VALUE}); the harness releases each engagement as an"
              + " operator would.")
  int brakeMaxResets = ChaosHarness.Options.DEFAULT_BRAKE_MAX_RESETS;

  @Override
  public Integer call() {
    Logging.quiet(false);
    ChaosReport report = ChaosHarness.run(options());
    System.out.println(report.summary());
    return report.passed() ? 0 : 1;
  }

  ChaosHarness.Options options() {
    return new ChaosHarness.Options(
        seed, kills, devices, !noBrokerRestart, Duration.ofSeconds(timeoutSeconds), brakeMaxResets);
  }
}
