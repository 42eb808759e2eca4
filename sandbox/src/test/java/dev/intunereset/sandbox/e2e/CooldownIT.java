package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reset cooldown (RESET_COOLDOWN, 15 minutes by default): a device Graph shows as reset
 * recently, by anyone, is not reset again unless the request says force. The simulator's call log
 * is the evidence: which devices were POSTed, and how many GETs preceded.
 */
class CooldownIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(5_200);
  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    stack = SharedStack.get();
  }

  private static List<String> android(int from, int count) {
    return ANDROID.subList(5_100 + from, 5_100 + from + count);
  }

  private static long calls(String deviceId, String operation) {
    return stack.simulator().calls().stream()
        .filter(c -> c.operation().equals(operation) && deviceId.equalsIgnoreCase(c.deviceId()))
        .count();
  }

  private static RequestRun run(UUID id, List<String> devices, String extra) {
    return new RequestRun(stack.bootstrapServers())
        .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, devices, extra));
  }

  private static DeviceOutcome only(RequestRun run, UUID id) {
    assertThat(run.outcomes(id)).hasSize(1);
    return run.outcomes(id).get(0);
  }

  @Test
  void aDeviceResetByAnotherRequestWithinTheCooldownIsSkippedNotResetAgain() {
    String device = android(0, 1).get(0);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    assertThat(only(run(first, List.of(device), ""), first).reasonCode())
        .isEqualTo(ReasonCode.RESET_ISSUED);
    RequestRun again = run(second, List.of(device), "");

    DeviceOutcome o = only(again, second);
    assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RECENTLY_RESET);
    assertThat(o.message()).contains("cooldown").contains("force");
    assertThat(o.attempts()).isZero();
    assertThat(calls(device, RecordedCall.RESET_PASSCODE)).isEqualTo(1);
    assertThat(again.completions(second).get(0).status()).isEqualTo(RequestStatus.COMPLETED);
  }

  @Test
  void forceResetsADeviceInsideTheCooldown() {
    String device = android(1, 1).get(0);
    UUID first = UUID.randomUUID();
    UUID forced = UUID.randomUUID();
    run(first, List.of(device), "");

    DeviceOutcome o = only(run(forced, List.of(device), "\"force\":true"), forced);

    assertThat(o.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(calls(device, RecordedCall.RESET_PASSCODE)).isEqualTo(2);
  }

  @Test
  void aResetMadeOutsideTheWorkerCountsAndIsReadWithOneLookupEvenWithoutValidation() {
    String device = android(2, 1).get(0);
    GuardEvents.resetDirectly(stack, device);
    UUID id = UUID.randomUUID();

    DeviceOutcome o = only(run(id, List.of(device), "\"validateDeviceExists\":false"), id);

    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RECENTLY_RESET);
    assertThat(o.operatingSystem()).isEqualTo("Android");
    assertThat(calls(device, RecordedCall.GET_MANAGED_DEVICE)).isEqualTo(1);
    assertThat(calls(device, RecordedCall.RESET_PASSCODE))
        .as("only the outside reset")
        .isEqualTo(1);
  }

  @Test
  void inAnAllOrNothingRequestARecentlyResetDeviceIsSkippedAndTheOthersAreReset() {
    List<String> devices = android(3, 3);
    GuardEvents.resetDirectly(stack, devices.get(0));
    UUID id = UUID.randomUUID();

    RequestRun run = run(id, devices, "\"ignorePartialFailures\":false");

    Map<String, DeviceOutcome> outcomes =
        run.outcomes(id).stream()
            .collect(Collectors.toMap(DeviceOutcome::deviceId, Function.identity()));
    assertThat(outcomes.get(devices.get(0)).reasonCode()).isEqualTo(ReasonCode.RECENTLY_RESET);
    assertThat(outcomes.get(devices.get(1)).reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(outcomes.get(devices.get(2)).reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(devices).allMatch(d -> calls(d, RecordedCall.GET_MANAGED_DEVICE) == 1);
    assertThat(calls(devices.get(0), RecordedCall.RESET_PASSCODE)).isEqualTo(1);
    assertThat(run.completions(id).get(0).status()).isEqualTo(RequestStatus.COMPLETED);
  }

  @Test
  void aDryRunReportsTheCooldownWithoutAnyPost() {
    String device = android(6, 1).get(0);
    GuardEvents.resetDirectly(stack, device);
    UUID id = UUID.randomUUID();

    DeviceOutcome o = only(run(id, List.of(device), "\"dryRun\":true"), id);

    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RECENTLY_RESET);
    assertThat(calls(device, RecordedCall.RESET_PASSCODE)).isEqualTo(1);
  }
}
