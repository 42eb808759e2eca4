package dev.intunereset.sandbox.chaos;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a chaos run observed. {@code violations} lists every broken guarantee; empty means the run
 * upheld them all. {@code operatorActions} lists what the harness did as the on-call engineer, such
 * as aborting a transaction the broker left hanging or releasing the fleet brake.
 *
 * @param devices devices in the run, each in one request: {@code rotations} Windows devices whose
 *     BitLocker keys are rotated, the others Android devices whose passcode is reset
 * @param rotations devices of {@code rotateBitLockerKeys} requests
 * @param brakeMaxResets the worker's fleet brake limit (0 = off); the guard is not raised for the
 *     run: each engagement is released by the harness as an operator would
 * @param brakeReleases brake engagements released and confirmed by {@code BrakeReleased}
 * @param devicesSettled {@code DeviceSettled} events: one per device whose action was accepted
 * @param maxAppliedPostsPerDevice the most passcode resets Graph applied to one device
 * @param maxAppliedRotationsPerDevice the most key rotations Graph applied to one device
 * @param resentNotSupported devices sent their action again after a crash because Graph showed the
 *     first one {@code notSupported} on the device (Windows 10 1809 and the rotation): nothing was
 *     applied, so no violation; their POSTs are left out of the two maxima
 * @param redoneAfterAbort devices with a second outcome, {@code ALREADY_RESET} and no call, because
 *     the stall operator aborted a hanging transaction's commit of dispatch's input offsets
 * @param workerKills SIGKILLs of the worker, the last one while it followed the last devices
 */
public record ChaosReport(
    long seed,
    int devices,
    int rotations,
    int workerKills,
    int brokerRestarts,
    long durationMillis,
    int outcomes,
    int alreadyReset,
    int devicesSettled,
    int maxAppliedPostsPerDevice,
    int maxAppliedRotationsPerDevice,
    int resentNotSupported,
    int redoneAfterAbort,
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
        "seed=%d devices=%d passcodeResets=%d rotations=%d kills=%d brokerRestarts=%d outcomes=%d"
            + " alreadyReset=%d settled=%d maxPostsPerDevice=%d maxRotationsPerDevice=%d"
            + " resentNotSupported=%d redoneAfterAbort=%d brakeMaxResets=%s brakeReleases=%d workerErrorLines=%d"
            + " took=%.1fs%s %s",
        seed,
        devices,
        devices - rotations,
        rotations,
        workerKills,
        brokerRestarts,
        outcomes,
        alreadyReset,
        devicesSettled,
        maxAppliedPostsPerDevice,
        maxAppliedRotationsPerDevice,
        resentNotSupported,
        redoneAfterAbort,
        brakeMaxResets == 0 ? "off" : Integer.toString(brakeMaxResets),
        brakeReleases,
        workerErrors.size(),
        durationMillis / 1000.0,
        operatorActions.isEmpty() ? "" : " operatorActions=" + operatorActions,
        passed() ? "PASSED" : "FAILED " + violations);
  }
}
