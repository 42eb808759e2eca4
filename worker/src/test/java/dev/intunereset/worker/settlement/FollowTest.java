package dev.intunereset.worker.settlement;

import static dev.intunereset.worker.settlement.SettlementFixtures.NOT_FOUND;
import static dev.intunereset.worker.settlement.SettlementFixtures.OK;
import static dev.intunereset.worker.settlement.SettlementFixtures.UNAVAILABLE;
import static dev.intunereset.worker.settlement.SettlementFixtures.device;
import static dev.intunereset.worker.settlement.SettlementFixtures.reset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.SettleState;
import dev.intunereset.worker.graph.ManagedDeviceInfo.ActionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FollowTest {
  private static final UUID REQUEST = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final Instant ACCEPTED = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant ISSUED = ACCEPTED.plusSeconds(20);
  private static final Instant SINCE = ACCEPTED.minus(Duration.ofMinutes(5));
  private static final Duration TIMEOUT = Duration.ofHours(1);
  private static final Instant DEADLINE = ISSUED.plus(TIMEOUT);
  private static final Instant STARTED = ACCEPTED.plusSeconds(19);
  private static final CheckSchedule SCHEDULE =
      new CheckSchedule(Duration.ofMinutes(1), Duration.ofMinutes(10));

  private final Follow follow =
      new Follow(REQUEST, "d1", Action.RESET_PASSCODE, ISSUED, SINCE, TIMEOUT, SCHEDULE, ISSUED);

  private static Instant after(long minutes) {
    return ISSUED.plus(Duration.ofMinutes(minutes));
  }

  /** Starts the read due at {@code at} and applies what it found, answered at {@code at}. */
  private DeviceSettled readAt(Instant at, ActionResult... actions) {
    assertThat(follow.due(at)).as("a read is due at %s", at).isTrue();
    follow.reading();
    return follow.read(OK, device("d1", actions), at, at, SCHEDULE);
  }

  @ParameterizedTest
  @CsvSource({
    "done,         DONE,",
    "failed,       FAILED,        1234",
    "notSupported, NOT_SUPPORTED,",
    "canceled,     CANCELED,",
    "DONE,         DONE,"
  })
  void aFinalActionStateSettlesTheDeviceWithWhatGraphShowed(
      String actionState, SettleState expected, Integer errorCode) {
    Instant updated = STARTED.plusSeconds(95);

    DeviceSettled settled = readAt(after(1), reset(actionState, STARTED, errorCode, updated));

    assertThat(settled).isNotNull();
    assertThat(settled.requestId()).isEqualTo(REQUEST);
    assertThat(settled.deviceId()).isEqualTo("d1");
    assertThat(settled.state()).isEqualTo(expected);
    assertThat(settled.actionState()).isEqualTo(actionState);
    assertThat(settled.errorCode()).isEqualTo(errorCode);
    assertThat(settled.startDateTime()).isEqualTo(STARTED);
    assertThat(settled.lastUpdatedDateTime()).isEqualTo(updated);
    assertThat(settled.tookSeconds()).isEqualTo(95L);
    assertThat(settled.issuedAt()).isEqualTo(ISSUED);
    assertThat(settled.settledAt()).isEqualTo(after(1));
    assertThat(settled.checks()).isEqualTo(1);
    assertThat(follow.settled()).isTrue();
    assertThat(follow.due(after(100))).as("a settled device is not read again").isFalse();
  }

  @Test
  void aFailedResetNamesItsErrorCodeInTheMessage() {
    DeviceSettled settled = readAt(after(1), reset("failed", STARTED, -2016345060, null));

    assertThat(settled.message()).contains("could not apply").contains("errorCode -2016345060");
  }

  @Test
  void tookSecondsIsLeftOutWhenGraphGivesNoLastUpdateOrOneBeforeTheStart() {
    assertThat(readAt(after(1), reset("done", STARTED)).tookSeconds()).isNull();

    Follow other =
        new Follow(REQUEST, "d2", Action.RESET_PASSCODE, ISSUED, SINCE, TIMEOUT, SCHEDULE, ISSUED);
    DeviceSettled settled =
        other.read(
            OK,
            device("d2", reset("done", STARTED, null, STARTED.minusSeconds(1))),
            after(1),
            after(1),
            SCHEDULE);
    assertThat(settled.tookSeconds()).isNull();
    assertThat(settled.lastUpdatedDateTime()).isEqualTo(STARTED.minusSeconds(1));
  }

  @Test
  void theFirstReadIsDueOneFirstDelayAfterTheOutcome() {
    assertThat(follow.due(ISSUED)).isFalse();
    assertThat(follow.due(after(1).minusNanos(1))).isFalse();
    assertThat(follow.due(after(1))).isTrue();
  }

  @Test
  void aFollowWhoseReadIsUnderWayIsNotDue() {
    follow.reading();

    assertThat(follow.due(after(5))).isFalse();
  }

  @Test
  void aPendingResetKeepsTheDeviceFollowedWithTheNextReadOnTheSchedule() {
    assertThat(readAt(after(1), reset("pending", STARTED))).isNull();

    assertThat(follow.settled()).isFalse();
    assertThat(follow.due(after(3).minusNanos(1))).isFalse();
    assertThat(readAt(after(3), reset("pending", STARTED))).isNull();
    assertThat(follow.due(after(7))).isTrue();
  }

  @Test
  void aReadThatCameBackLateSchedulesTheNextPointAfterItsAnswer() {
    follow.reading();

    assertThat(
            follow.read(OK, device("d1", reset("pending", STARTED)), after(1), after(4), SCHEDULE))
        .isNull();

    assertThat(follow.due(after(7).minusNanos(1))).isFalse();
    assertThat(follow.due(after(7))).isTrue();
  }

  @Test
  void anotherActionOrAResetStartedBeforeTheRequestIsIgnored() {
    DeviceSettled settled =
        readAt(
            after(1),
            new ActionResult("remoteLock", "done", STARTED),
            reset("done", SINCE.minusSeconds(1), null, STARTED));

    assertThat(settled).isNull();
    assertThat(follow.settled()).isFalse();
  }

  @Test
  void theLatestResetSinceTheRequestDecides() {
    DeviceSettled settled =
        readAt(
            after(1),
            reset("failed", STARTED.minusSeconds(60), 5, null),
            reset("done", STARTED),
            reset("canceled", SINCE.minusSeconds(600)));

    assertThat(settled.state()).isEqualTo(SettleState.DONE);
    assertThat(settled.startDateTime()).isEqualTo(STARTED);
  }

  @Test
  void aResetGraphStampedWithinTheClockSkewBeforeTheAcceptanceIsFollowed() {
    assertThat(readAt(after(1), reset("done", ACCEPTED.minusSeconds(60))).state())
        .isEqualTo(SettleState.DONE);
  }

  @Test
  void aDeviceGoneFromIntuneSettlesUnconfirmedNamingThe404() {
    readAt(after(1), reset("pending", STARTED));
    follow.reading();

    DeviceSettled settled = follow.read(NOT_FOUND, null, after(3), after(3), SCHEDULE);

    assertThat(settled.state()).isEqualTo(SettleState.UNCONFIRMED);
    assertThat(settled.message()).contains("404").contains("no longer in Intune");
    assertThat(settled.actionState()).as("the last state seen").isEqualTo("pending");
    assertThat(settled.tookSeconds()).isNull();
    assertThat(settled.checks()).isEqualTo(2);
    assertThat(settled.settledAt()).isEqualTo(after(3));
  }

  @Test
  void aFailedReadKeepsTheDeviceFollowed() {
    follow.reading();

    assertThat(follow.read(UNAVAILABLE, null, after(1), after(1), SCHEDULE)).isNull();

    assertThat(follow.settled()).isFalse();
    assertThat(follow.due(after(3))).isTrue();
  }

  @Test
  void atTheDeadlineAFailedReadSettlesUnconfirmedWithTheLastStateAndTheFailure() {
    readAt(after(1), reset("pending", STARTED));
    Instant last = Instant.MIN;
    // Pending reads on the schedule until the deadline caps it: 3, 7, 15, 25, 35, 45, 55, 60.
    for (Instant at = after(3); at.isBefore(DEADLINE); at = nextDue(at)) {
      assertThat(readAt(at, reset("pending", STARTED))).isNull();
      last = at;
    }
    assertThat(last).isEqualTo(after(55));
    assertThat(follow.due(DEADLINE)).as("the last read is at the deadline").isTrue();
    follow.reading();

    DeviceSettled settled =
        follow.read(UNAVAILABLE, null, DEADLINE, DEADLINE.plusSeconds(30), SCHEDULE);

    assertThat(settled.state()).isEqualTo(SettleState.UNCONFIRMED);
    assertThat(settled.actionState()).isEqualTo("pending");
    assertThat(settled.startDateTime()).isEqualTo(STARTED);
    assertThat(settled.tookSeconds()).isNull();
    assertThat(settled.message())
        .contains("settle timeout of 1h")
        .contains("last seen pending")
        .contains("HTTP 503, Graph is busy");
    assertThat(settled.checks()).isEqualTo(9);
    assertThat(settled.settledAt()).isEqualTo(DEADLINE.plusSeconds(30));
  }

  private Instant nextDue(Instant from) {
    Instant at = from;
    while (!follow.due(at)) {
      at = at.plusSeconds(30);
    }
    return at;
  }

  @Test
  void aPendingReadAtTheDeadlineSettlesUnconfirmedWithoutAFailure() {
    Follow late =
        new Follow(
            REQUEST,
            "d1",
            Action.RESET_PASSCODE,
            ISSUED,
            SINCE,
            TIMEOUT,
            SCHEDULE,
            DEADLINE.minusSeconds(1));
    assertThat(late.due(DEADLINE)).isTrue();

    DeviceSettled settled =
        late.read(OK, device("d1", reset("pending", STARTED)), DEADLINE, DEADLINE, SCHEDULE);

    assertThat(settled.state()).isEqualTo(SettleState.UNCONFIRMED);
    assertThat(settled.message()).contains("last seen pending").doesNotContain("read");
    assertThat(settled.checks()).isEqualTo(1);
  }

  @Test
  void aResetGraphNeverShowedSettlesUnconfirmedSayingSo() {
    Follow late =
        new Follow(
            REQUEST,
            "d1",
            Action.RESET_PASSCODE,
            ISSUED,
            SINCE,
            TIMEOUT,
            SCHEDULE,
            DEADLINE.plusSeconds(600));

    DeviceSettled settled =
        late.read(OK, device("d1"), DEADLINE.plusSeconds(600), DEADLINE.plusSeconds(601), SCHEDULE);

    assertThat(settled.state()).isEqualTo(SettleState.UNCONFIRMED);
    assertThat(settled.actionState()).isNull();
    assertThat(settled.errorCode()).isNull();
    assertThat(settled.startDateTime()).isNull();
    assertThat(settled.message()).contains("Graph never showed the resetPasscode action");
  }

  @Test
  void checksCountOnlyReadsThatMadeAGraphCall() {
    follow.reading();
    assertThat(follow.read(null, null, after(1), after(3), SCHEDULE)).isNull();
    follow.reading();

    DeviceSettled settled = follow.read(null, null, DEADLINE, DEADLINE, SCHEDULE);

    assertThat(settled.checks()).isZero();
    assertThat(settled.message()).contains("the last read was not made in time");
  }

  @Test
  void aSuccessfulReadAfterAFailedOneClearsTheFailureFromTheMessage() {
    follow.reading();
    follow.read(UNAVAILABLE, null, after(1), after(1), SCHEDULE);
    follow.reading();

    DeviceSettled settled =
        follow.read(OK, device("d1", reset("pending", STARTED)), DEADLINE, DEADLINE, SCHEDULE);

    assertThat(settled.message()).doesNotContain("503");
    assertThat(settled.checks()).isEqualTo(2);
  }
}
