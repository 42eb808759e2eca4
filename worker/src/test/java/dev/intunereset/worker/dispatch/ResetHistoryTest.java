package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.graph.ManagedDeviceInfo.ActionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResetHistoryTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant ACCEPTED_SINCE = NOW.minusSeconds(60);
  private static final Duration COOLDOWN = Duration.ofMinutes(15);

  private static ManagedDeviceInfo device(ActionResult... actions) {
    return new ManagedDeviceInfo(
        "d", "Android", "14", "android", "androidEnterprise", List.of(actions));
  }

  private static ActionResult reset(Instant start, String state) {
    return new ActionResult("resetPasscode", state, start);
  }

  private static ResetHistory.Decision decide(ManagedDeviceInfo d, boolean force, boolean dryRun) {
    return ResetHistory.decide(
        d, DeviceAction.RESET_PASSCODE, ACCEPTED_SINCE, NOW, COOLDOWN, force, dryRun);
  }

  @Test
  void aDeviceNeverResetProceeds() {
    assertThat(decide(device(), false, false).kind()).isEqualTo(ResetHistory.Kind.PROCEED);
  }

  @Test
  void aResetWithinTheCooldownIsSkippedAsRecentlyReset() {
    Instant tenMinutesAgo = NOW.minus(Duration.ofMinutes(10));

    ResetHistory.Decision d = decide(device(reset(tenMinutesAgo, "done")), false, false);

    assertThat(d.kind()).isEqualTo(ResetHistory.Kind.RECENTLY_RESET);
    assertThat(d.status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(d.reason()).isEqualTo(ReasonCode.RECENTLY_RESET);
    assertThat(d.message()).contains(tenMinutesAgo.toString()).contains("15m").contains("force");
  }

  @Test
  void aResetBeforeTheCooldownWindowProceeds() {
    ResetHistory.Decision d =
        decide(device(reset(NOW.minus(Duration.ofMinutes(16)), "done")), false, false);

    assertThat(d.kind()).isEqualTo(ResetHistory.Kind.PROCEED);
  }

  @Test
  void forceBypassesTheCooldown() {
    ResetHistory.Decision d =
        decide(device(reset(NOW.minus(Duration.ofMinutes(5)), "done")), true, false);

    assertThat(d.kind()).isEqualTo(ResetHistory.Kind.PROCEED);
  }

  @Test
  void anEarlierAttemptThatResetNothingIsNoReasonToHoldBackTheReset() {
    Instant afterAcceptance = ACCEPTED_SINCE.plusSeconds(10);

    for (String state : new String[] {"failed", "canceled", "notSupported"}) {
      ResetHistory.Decision d = decide(device(reset(afterAcceptance, state)), false, false);

      assertThat(d.kind()).as(state).isEqualTo(ResetHistory.Kind.PROCEED);
    }
  }

  @Test
  void aFailedAttemptAfterASuccessfulOneLeavesTheSuccessfulOneAsTheRequestsReset() {
    Instant done = ACCEPTED_SINCE.plusSeconds(10);

    ResetHistory.Decision d =
        decide(
            device(reset(done, "done"), reset(ACCEPTED_SINCE.plusSeconds(20), "failed")),
            false,
            false);

    assertThat(d.kind()).isEqualTo(ResetHistory.Kind.ALREADY_RESET);
    assertThat(d.message()).contains(done.toString());
  }

  @Test
  void aResetSinceAcceptanceIsThisRequestsOwnAndStaysAlreadyResetEvenWithForce() {
    Instant afterAcceptance = ACCEPTED_SINCE.plusSeconds(10);

    for (boolean force : new boolean[] {false, true}) {
      ResetHistory.Decision d = decide(device(reset(afterAcceptance, "pending")), force, false);

      assertThat(d.kind()).isEqualTo(ResetHistory.Kind.ALREADY_RESET);
      assertThat(d.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
      assertThat(d.reason()).isEqualTo(ReasonCode.ALREADY_RESET);
    }
  }

  @Test
  void aFailedOrCanceledResetOwesNoCooldown() {
    Instant recent = NOW.minus(Duration.ofMinutes(5));

    assertThat(decide(device(reset(recent, "failed")), false, false).kind())
        .isEqualTo(ResetHistory.Kind.PROCEED);
    assertThat(decide(device(reset(recent, "canceled")), false, false).kind())
        .isEqualTo(ResetHistory.Kind.PROCEED);
    assertThat(decide(device(reset(recent, "notSupported")), false, false).kind())
        .isEqualTo(ResetHistory.Kind.PROCEED);
  }

  @Test
  void otherActionsDoNotCount() {
    ActionResult wipe = new ActionResult("wipe", "done", NOW.minusSeconds(30));

    assertThat(decide(device(wipe), false, false).kind()).isEqualTo(ResetHistory.Kind.PROCEED);
  }

  @Test
  void aZeroCooldownIsOff() {
    ResetHistory.Decision d =
        ResetHistory.decide(
            device(reset(NOW.minusSeconds(120), "done")),
            DeviceAction.RESET_PASSCODE,
            ACCEPTED_SINCE,
            NOW,
            Duration.ZERO,
            false,
            false);

    assertThat(d.kind()).isEqualTo(ResetHistory.Kind.PROCEED);
  }

  @Test
  void aDryRunReportsTheCooldownButReconcilesNothing() {
    assertThat(decide(device(reset(ACCEPTED_SINCE.plusSeconds(10), "done")), false, true).kind())
        .isEqualTo(ResetHistory.Kind.RECENTLY_RESET);
  }
}
