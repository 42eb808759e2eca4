package dev.intunereset.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.BrakeEngaged;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.BrakeReleased;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestRef;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FleetBrakeTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final UUID BRAKE = UUID.fromString("c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f");

  private final FleetBrake brake =
      new FleetBrake(Action.RESET_PASSCODE, 3, WINDOW, BrakeState.INITIAL, () -> BRAKE);

  private static DeviceOutcome outcome(Instant at, ReasonCode reason) {
    return outcome(at, reason, Action.RESET_PASSCODE);
  }

  private static DeviceOutcome outcome(Instant at, ReasonCode reason, Action action) {
    return DeviceOutcome.of(
            new RequestRef(UUID.randomUUID(), "a", "r", null, T0).withAction(action),
            "d",
            OutcomeStatus.SUCCEEDED,
            reason,
            "m",
            at)
        .withAttempts(1, null);
  }

  private void resets(int n, Instant at) {
    for (int i = 0; i < n; i++) {
      brake.observe(outcome(at, ReasonCode.RESET_ISSUED));
    }
  }

  @Test
  void staysReleasedAtTheLimit() {
    resets(3, T0);

    assertThat(brake.due(T0)).isFalse();
    assertThat(brake.check(T0)).isEmpty();
  }

  @Test
  void engagesAboveTheLimitWithAnEventNamingTheCount() {
    resets(4, T0);

    FleetBrake.Change change = brake.check(T0.plusSeconds(1)).orElseThrow();
    brake.committed();

    assertThat(change.state().engaged()).isTrue();
    assertThat(change.event())
        .isEqualTo(new BrakeEngaged(BRAKE, 4, 3, 600, T0.plusSeconds(1), Action.RESET_PASSCODE));
    assertThat(brake.state().engaged()).isTrue();
    assertThat(brake.check(T0.plusSeconds(2))).as("engages once").isEmpty();
  }

  @Test
  void onlyResetsGraphAcceptedCount() {
    resets(3, T0);
    brake.observe(outcome(T0, ReasonCode.ALREADY_RESET));
    brake.observe(outcome(T0, ReasonCode.DRY_RUN));

    assertThat(brake.due(T0)).isFalse();
  }

  @Test
  void resetsOlderThanTheWindowNoLongerCount() {
    resets(2, T0);
    resets(2, T0.plus(Duration.ofMinutes(9)));

    assertThat(brake.due(T0.plus(Duration.ofMinutes(9)))).isTrue();
    assertThat(brake.due(T0.plus(Duration.ofMinutes(10)).plusSeconds(1))).isFalse();
  }

  @Test
  void anAbortedEngagementLeavesTheBrakeReleased() {
    resets(4, T0);
    brake.check(T0);

    brake.rolledBack();

    assertThat(brake.state().engaged()).isFalse();
    assertThat(brake.due(T0)).isTrue();
  }

  @Test
  void aReleaseNamingTheEngagedBrakeReleasesItAndTheCountStartsAfresh() {
    resets(4, T0);
    brake.check(T0);
    brake.committed();
    Instant at = T0.plusSeconds(30);

    FleetBrake.Change change =
        brake.release(new BrakeRelease(1, BRAKE, "sre@contoso.com", "planned"), at).orElseThrow();
    brake.committed();

    assertThat(change.event())
        .isEqualTo(
            new BrakeReleased(BRAKE, "sre@contoso.com", "planned", T0, at, Action.RESET_PASSCODE));
    assertThat(brake.state().engaged()).isFalse();
    assertThat(brake.state().countFrom()).isEqualTo(at);
    assertThat(brake.resetsInWindow(at)).isZero();
    resets(3, at.plusSeconds(1));
    assertThat(brake.due(at.plusSeconds(2))).isFalse();
    resets(1, at.plusSeconds(1));
    assertThat(brake.due(at.plusSeconds(2))).isTrue();
  }

  @Test
  void aCheckInTheTransactionOfAReleaseCountsFromTheRelease() {
    resets(30, T0);
    brake.check(T0);
    brake.committed();
    Instant at = T0.plusSeconds(30);

    brake.release(new BrakeRelease(1, BRAKE, "sre@contoso.com", "planned"), at).orElseThrow();

    assertThat(brake.due(at)).isFalse();
    assertThat(brake.check(at)).isEmpty();
  }

  @Test
  void aReleaseNamingAnotherBrakeIsRefused() {
    resets(4, T0);
    brake.check(T0);
    brake.committed();

    assertThat(brake.release(new BrakeRelease(1, UUID.randomUUID(), "sre", "x"), T0)).isEmpty();
    assertThat(brake.describe()).contains(BRAKE.toString());
  }

  @Test
  void aReleaseOfAReleasedBrakeIsRefused() {
    assertThat(brake.release(new BrakeRelease(1, BRAKE, "sre", "x"), T0)).isEmpty();
  }

  @Test
  void aKeeperTakingOverCountsFromTheLastReleaseWhenItIsInsideTheWindow() {
    Instant released = T0.minus(Duration.ofMinutes(3));
    FleetBrake taken =
        new FleetBrake(
            Action.RESET_PASSCODE,
            3,
            WINDOW,
            new BrakeState(false, BRAKE, T0.minusSeconds(600), released, "sre"),
            () -> BRAKE);

    assertThat(taken.countStart(T0)).isEqualTo(released);
    assertThat(
            new FleetBrake(Action.RESET_PASSCODE, 3, WINDOW, BrakeState.INITIAL, () -> BRAKE)
                .countStart(T0))
        .isEqualTo(T0.minus(WINDOW));
    taken.observe(outcome(released.minusSeconds(1), ReasonCode.RESET_ISSUED));
    assertThat(taken.resetsInWindow(T0)).isZero();
  }

  @Test
  void countsOnlyItsOwnActionSoOneIncidentRotatingKeysLeavesThePasscodeBrakeAlone() {
    for (int i = 0; i < 10; i++) {
      brake.observe(outcome(T0, ReasonCode.RESET_ISSUED, Action.ROTATE_BITLOCKER_KEYS));
    }
    resets(2, T0);

    assertThat(brake.resetsInWindow(T0)).isEqualTo(2);
    assertThat(brake.check(T0)).isEmpty();
  }

  @Test
  void aRotationBrakeNamesItsActionInItsEvents() {
    FleetBrake rotations =
        new FleetBrake(Action.ROTATE_BITLOCKER_KEYS, 1, WINDOW, BrakeState.INITIAL, () -> BRAKE);
    rotations.observe(outcome(T0, ReasonCode.RESET_ISSUED, Action.ROTATE_BITLOCKER_KEYS));
    rotations.observe(outcome(T0, ReasonCode.RESET_ISSUED, Action.ROTATE_BITLOCKER_KEYS));

    FleetBrake.Change change = rotations.check(T0).orElseThrow();

    assertThat(change.action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
    assertThat(((BrakeEngaged) change.event()).action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
    assertThat(rotations.describe()).contains("rotateBitLockerKeys");
  }
}
