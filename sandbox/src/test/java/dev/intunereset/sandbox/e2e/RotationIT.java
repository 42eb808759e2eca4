package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.SettleState;
import dev.intunereset.sandbox.graph.CheckIn;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second action, {@code rotateBitLockerKeys} (issue 16), through the real broker, worker and SDK
 * against the simulator over HTTP: the same pipeline, its own policy (Windows 10 1909+ / 11), no
 * passcode, and settlement that follows the rotation's own action result.
 */
class RotationIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String ROTATE = "\"action\":\"rotateBitLockerKeys\"";
  // Every fifth Windows device of the deterministic fleet runs 1809, too old for rotation.
  private static final List<String> WINDOWS = DeviceInventory.firstWindowsIds(10);
  private static final String TOO_OLD = WINDOWS.get(4);
  private static final String FAILS = WINDOWS.get(6);
  private static final String ANDROID = DeviceInventory.firstResettableAndroidIds(1).get(0);
  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    stack =
        SandboxStack.start(
            new SandboxStack.Options(
                0,
                0,
                0,
                DeviceInventory.deterministic(400).withCheckIn(Map.of(FAILS, CheckIn.FAILED)),
                Map.of("SETTLE_FIRST_CHECK", "200ms", "SETTLE_MAX_CHECK_INTERVAL", "1s")));
    stack.startWorker();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static RequestRun run(UUID id, List<String> devices, String extra) {
    return new RequestRun(stack.bootstrapServers())
        .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, devices, extra));
  }

  @Test
  void windowsDevicesHaveTheirKeysRotatedOnceWithNoPasscodeAndSettleOnTheRotationsResult() {
    List<String> devices = List.of(WINDOWS.get(0), WINDOWS.get(1), WINDOWS.get(2), FAILS);
    UUID id = UUID.randomUUID();

    RequestRun run = run(id, devices, ROTATE).awaitSettled(Set.of(id), TIMEOUT);

    assertThat(run.outcomes(id)).hasSize(4);
    for (DeviceOutcome o : run.outcomes(id)) {
      assertThat(o.status()).as(o.deviceId()).isEqualTo(OutcomeStatus.SUCCEEDED);
      assertThat(o.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
      assertThat(o.request().action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
      assertThat(o.message()).isEqualTo("Graph accepted the BitLocker key rotation");
      assertThat(o.passcode()).as("a rotation leaves no passcode").isNull();
      assertThat(stack.simulator().rotationCount(o.deviceId())).isEqualTo(1);
      assertThat(stack.simulator().postCount(o.deviceId())).as("no passcode reset").isZero();
    }
    assertThat(run.acceptances(id).get(0).action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
    assertThat(run.completions(id).get(0).action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
    Map<String, DeviceSettled> settled =
        run.settlements(id).stream()
            .collect(Collectors.toMap(DeviceSettled::deviceId, Function.identity()));
    assertThat(settled).hasSize(4);
    assertThat(settled.get(WINDOWS.get(0)).state()).isEqualTo(SettleState.DONE);
    assertThat(settled.get(WINDOWS.get(0)).message()).contains("rotateBitLockerKeys");
    assertThat(settled.get(FAILS).state()).isEqualTo(SettleState.FAILED);
    assertThat(settled.values()).allMatch(d -> d.action() == Action.ROTATE_BITLOCKER_KEYS);
    assertThat(run.requestSettlements(id).get(0).counts().done()).isEqualTo(3);
  }

  @Test
  void windowsBefore1909IsRefusedAsUnsupportedNamingTheVersionWithoutAPost() {
    UUID id = UUID.randomUUID();

    DeviceOutcome o = run(id, List.of(TOO_OLD), ROTATE).onlyOutcome(id);

    assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PLATFORM);
    assertThat(o.message()).contains("10.0.17763").contains("Windows 10 1909");
    assertThat(stack.simulator().rotationCount(TOO_OLD)).isZero();
  }

  @Test
  void aMixedRequestUnderAllOrNothingRotatesNothing() {
    List<String> devices = List.of(WINDOWS.get(3), ANDROID);
    UUID id = UUID.randomUUID();

    RequestRun run = run(id, devices, ROTATE + ",\"ignorePartialFailures\":false");

    Map<String, DeviceOutcome> outcomes = run.outcomesByDevice(id);
    assertThat(outcomes.get(ANDROID).reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PLATFORM);
    assertThat(outcomes.get(ANDROID).message()).contains("Android").contains("rotateBitLockerKeys");
    assertThat(outcomes.get(WINDOWS.get(3)).status()).isNotEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(run.completions(id).get(0).status()).isEqualTo(RequestStatus.FAILED);
    assertThat(stack.simulator().rotationCount(WINDOWS.get(3))).isZero();
    assertThat(stack.simulator().postCount(ANDROID)).isZero();
  }

  @Test
  void aRotationThatAsksForPasscodeDeliveryIsRejectedBeforeAnyCall() {
    UUID id = UUID.randomUUID();

    RequestRun run =
        run(id, List.of(WINDOWS.get(5)), ROTATE + ",\"passcodeDelivery\":{\"recipient\":\"x\"}");

    assertThat(run.rejections(id)).hasSize(1);
    assertThat(run.rejections(id).get(0).problems())
        .anySatisfy(
            p -> {
              assertThat(p.field()).isEqualTo("passcodeDelivery");
              assertThat(p.problem()).contains("rotateBitLockerKeys");
            });
    assertThat(run.outcomes(id)).isEmpty();
    assertThat(stack.simulator().rotationCount(WINDOWS.get(5))).isZero();
  }

  @Test
  void aSecondRotationWithinTheCooldownIsSkippedAsRecent() {
    String device = WINDOWS.get(7);
    UUID first = UUID.randomUUID();
    run(first, List.of(device), ROTATE);
    UUID second = UUID.randomUUID();

    DeviceOutcome o = run(second, List.of(device), ROTATE).onlyOutcome(second);

    assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RECENTLY_RESET);
    assertThat(o.message()).contains("BitLocker key rotation");
    assertThat(stack.simulator().rotationCount(device)).isEqualTo(1);
  }
}
