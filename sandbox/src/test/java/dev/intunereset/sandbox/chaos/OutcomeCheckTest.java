package dev.intunereset.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.SettleState;
import dev.intunereset.sandbox.chaos.ChaosRequest.Dispatch;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutcomeCheckTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
  private static final ChaosRequest ROTATE =
      new ChaosRequest(
          new UUID(1, 0), Action.ROTATE_BITLOCKER_KEYS, Dispatch.NO_LOOKUP, List.of("w1", "w2"));
  private static final ChaosRequest RESET =
      new ChaosRequest(new UUID(1, 1), Action.RESET_PASSCODE, Dispatch.NO_LOOKUP, List.of("a1"));

  private final OutcomeCheck check = new OutcomeCheck();
  private final Map<String, Integer> applied = new HashMap<>();

  private void sawRequest(ChaosRequest r, Action named) {
    check.see(
        new RequestAccepted(
            r.id(),
            r.devices().size(),
            0,
            Lane.BULK,
            false,
            true,
            T,
            T,
            "a",
            "b",
            "chaos",
            true,
            "24h",
            named,
            null,
            null));
    check.see(
        new RequestCompleted(
            r.id(),
            RequestStatus.COMPLETED,
            r.devices().size(),
            new RequestCompleted.Counts(r.devices().size(), 0, 0, 0),
            T,
            T,
            "a",
            "b",
            "chaos",
            named));
  }

  private void sawOutcome(ChaosRequest r, String device, Action named) {
    RequestRef ref = new RequestRef(r.id(), "a", "b", "chaos", T, null, named);
    check.see(
        DeviceOutcome.of(ref, device, OutcomeStatus.SUCCEEDED, ReasonCode.RESET_ISSUED, "ok", T));
  }

  private List<String> violations() {
    return violations(false);
  }

  private List<String> violations(boolean offsetsAborted) {
    return check.violations(
        List.of(ROTATE, RESET),
        (action, device) -> applied.getOrDefault(action + device, 0),
        offsetsAborted);
  }

  /** Both requests, the rotation one's events naming {@code rotationNamed}. */
  private void sawRequests(Action rotationNamed) {
    sawRequest(ROTATE, rotationNamed);
    sawRequest(RESET, null);
  }

  /** An outcome for each device, w2's naming {@code w2Named} (none when null). */
  private void sawOutcomes(Action w2Named) {
    sawOutcome(ROTATE, "w1", Action.ROTATE_BITLOCKER_KEYS);
    if (w2Named != null) {
      sawOutcome(ROTATE, "w2", w2Named);
    }
    sawOutcome(RESET, "a1", Action.RESET_PASSCODE);
  }

  private void sawAllAsPublished() {
    sawRequests(Action.ROTATE_BITLOCKER_KEYS);
    sawOutcomes(Action.ROTATE_BITLOCKER_KEYS);
    applied.put(Action.ROTATE_BITLOCKER_KEYS + "w1", 1);
    applied.put(Action.RESET_PASSCODE + "a1", 1);
  }

  @Test
  void aRunWhereEachDeviceGotItsOwnActionOnceHasNoViolation() {
    sawAllAsPublished();

    assertThat(violations()).isEmpty();
    assertThat(check.maxApplied(Action.ROTATE_BITLOCKER_KEYS)).isEqualTo(1);
    assertThat(check.maxApplied(Action.RESET_PASSCODE)).isEqualTo(1);
    assertThat(check.outcomes()).isEqualTo(3);
  }

  @Test
  void aRotationAppliedTwiceIsAViolation() {
    sawAllAsPublished();
    applied.put(Action.ROTATE_BITLOCKER_KEYS + "w2", 2);

    assertThat(violations())
        .containsExactly("device w2 (rotateBitLockerKeys) had rotateBitLockerKeys applied 2 times");
  }

  @Test
  void aRotationSentAgainToADeviceThatReportedItNotSupportedChangedNothingAndIsNoViolation() {
    sawAllAsPublished();
    applied.put(Action.ROTATE_BITLOCKER_KEYS + "w2", 2);
    check.see(
        new DeviceSettled(
            ROTATE.id(),
            "w2",
            SettleState.NOT_SUPPORTED,
            "notSupported",
            null,
            T,
            T,
            0L,
            T,
            T,
            1,
            "Windows 10 1809",
            Action.ROTATE_BITLOCKER_KEYS));

    assertThat(violations()).isEmpty();
    assertThat(check.resentNotSupported()).isEqualTo(1);
    assertThat(check.maxApplied(Action.ROTATE_BITLOCKER_KEYS)).isEqualTo(1);
  }

  @Test
  void aPasscodeResetOnARotationDeviceIsAViolation() {
    sawAllAsPublished();
    applied.put(Action.RESET_PASSCODE + "w1", 1);

    assertThat(violations())
        .containsExactly("device w1 (rotateBitLockerKeys) had resetPasscode applied 1 times");
  }

  @Test
  void anOutcomeForTheOtherActionIsAViolation() {
    sawRequests(Action.ROTATE_BITLOCKER_KEYS);
    sawOutcomes(Action.RESET_PASSCODE);

    assertThat(violations())
        .singleElement()
        .asString()
        .contains("device w2 has an outcome for resetPasscode, not rotateBitLockerKeys");
  }

  @Test
  void aDoubledOutcomeIsAViolation() {
    sawAllAsPublished();
    sawOutcome(RESET, "a1", Action.RESET_PASSCODE);

    assertThat(violations()).singleElement().asString().contains("device a1 has 2 outcomes");
  }

  @Test
  void aDoubledOutcomeIsAViolationEvenAfterAnAbortedOffsetCommitUnlessTheRedoSentNothing() {
    sawAllAsPublished();
    sawOutcome(RESET, "a1", Action.RESET_PASSCODE);

    assertThat(violations(true)).singleElement().asString().contains("device a1 has 2 outcomes");
    assertThat(check.redoneAfterAbort()).isZero();
  }

  @Test
  void afterAnAbortedOffsetCommitARedoneDeviceMayReportItsEarlierResetOnce() {
    sawAllAsPublished();
    RequestRef ref = new RequestRef(RESET.id(), "a", "b", "chaos", T, null, null);
    check.see(
        DeviceOutcome.of(
            ref, "a1", OutcomeStatus.SUCCEEDED, ReasonCode.ALREADY_RESET, "found it", T));

    assertThat(violations(false)).singleElement().asString().contains("device a1 has 2 outcomes");
    assertThat(violations(true)).isEmpty();
    assertThat(check.redoneAfterAbort()).isEqualTo(1);
  }

  @Test
  void aMissingOutcomeIsAViolation() {
    sawRequests(Action.ROTATE_BITLOCKER_KEYS);
    sawOutcomes(null);

    assertThat(violations()).singleElement().asString().contains("device w2 has 0 outcomes");
  }

  @Test
  void aRequestCompletedAsTheOtherActionIsAViolation() {
    sawRequests(null);
    sawOutcomes(Action.ROTATE_BITLOCKER_KEYS);

    assertThat(violations())
        .singleElement()
        .asString()
        .contains("completed as resetPasscode, not rotateBitLockerKeys");
  }
}
