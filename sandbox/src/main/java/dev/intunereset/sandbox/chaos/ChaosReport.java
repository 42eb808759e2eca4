package dev.intunereset.sandbox.chaos;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a chaos run observed. {@code violations} lists every broken guarantee; empty means the run
 * upheld them all. {@code operatorActions} lists what the harness did as the on-call engineer, such
 * as aborting a transaction the broker left hanging or releasing the fleet brake.
 *
 * @param brakeMaxResets the worker's fleet brake limit (0 = off); the guard is not raised for the
 *     run: each engagement is released by the harness as an operator would
 * @param brakeReleases brake engagements released and confirmed by {@code BrakeReleased}
 * @param devicesSettled {@code DeviceSettled} events: one per device whose reset was accepted
 * @param workerKills SIGKILLs of the worker, the last one while it followed the last devices
 */
public record ChaosReport(
    long seed,
    int devices,
    int workerKills,
    int brokerRestarts,
    long durationMillis,
    int outcomes,
    int alreadyReset,
    int devicesSettled,
    int maxAppliedPostsPerDevice,
    Map<UUID, Integer> completionsPerRequest,
    int brakeMaxResets,
    int brakeReleases,
    List<String> operatorActions,
    List<String> workerErrors,
    List<String> violations) {

  public boolean passed() {
    return violations.isEmpty();
  }

  public String summary() {
    return String.format(
        "seed=%d devices=%d kills=%d brokerRestarts=%d outcomes=%d alreadyReset=%d settled=%d"
            + " maxPostsPerDevice=%d brakeMaxResets=%s brakeReleases=%d workerErrorLines=%d"
            + " took=%.1fs%s %s",
        seed,
        devices,
        workerKills,
        brokerRestarts,
        outcomes,
        alreadyReset,
        devicesSettled,
        maxAppliedPostsPerDevice,
        brakeMaxResets == 0 ? "off" : Integer.toString(brakeMaxResets),
        brakeReleases,
        workerErrors.size(),
        durationMillis / 1000.0,
        operatorActions.isEmpty() ? "" : " operatorActions=" + operatorActions,
        passed() ? "PASSED" : "FAILED " + violations);
  }
}
