package dev.intunereset.worker.settlement;

import static dev.intunereset.worker.settlement.SettlementFixtures.OK;
import static dev.intunereset.worker.settlement.SettlementFixtures.device;
import static dev.intunereset.worker.settlement.SettlementFixtures.reset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.SettleState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settlement decisions over one results partition, replayed as the stage reads it back. */
class SettlementsTest {
  private static final Instant ACCEPTED = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant ISSUED = ACCEPTED.plusSeconds(30);
  private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
  private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
  private static final CheckSchedule SCHEDULE =
      new CheckSchedule(Duration.ofMinutes(1), Duration.ofMinutes(10));

  private Settlements settlements = fresh();

  /** What the partition holds, in order: the offset of each event is its index. */
  private final List<ResultEvent> partition = new ArrayList<>();

  private static Settlements fresh() {
    return new Settlements(DEFAULT_TIMEOUT, Duration.ofMinutes(5), SCHEDULE);
  }

  private static Instant after(long minutes) {
    return ISSUED.plus(Duration.ofMinutes(minutes));
  }

  private static RequestAccepted acceptance(UUID id, int devices) {
    return acceptance(id, devices, null, null);
  }

  /** An acceptance as written: {@code track} and {@code timeout} null as before settlement. */
  private static RequestAccepted acceptance(
      UUID id, int devices, Boolean track, String settleTimeout) {
    Instant deadline = ACCEPTED.plusSeconds(600);
    return new RequestAccepted(
        id,
        devices,
        0,
        Lane.BULK,
        false,
        false,
        ACCEPTED,
        deadline,
        "agent@contoso.com",
        "INC1",
        "servicenow",
        track,
        settleTimeout,
        null,
        null,
        null);
  }

  private static RequestAccepted tracked(UUID id, int devices) {
    return acceptance(id, devices).withSettlement(true, DEFAULT_TIMEOUT);
  }

  private static DeviceOutcome outcome(UUID request, String device, OutcomeStatus status) {
    ReasonCode reason =
        status == OutcomeStatus.SUCCEEDED ? ReasonCode.RESET_ISSUED : ReasonCode.GRAPH_ERROR;
    RequestRef ref = new RequestRef(request, "agent@contoso.com", "INC1", "servicenow", ACCEPTED);
    return DeviceOutcome.of(ref, device, status, reason, "m", ISSUED);
  }

  private static RequestCompleted completed(UUID request, int succeeded, int failed) {
    return new RequestCompleted(
        request,
        failed == 0 ? RequestStatus.COMPLETED : RequestStatus.FAILED,
        succeeded + failed,
        new RequestCompleted.Counts(succeeded, failed, 0, 0),
        ACCEPTED,
        ISSUED,
        "agent@contoso.com",
        "INC1",
        "servicenow");
  }

  @BeforeEach
  void assignPartitionZeroFromTheStart() {
    settlements.assigned(0, 0, 0);
  }

  /** A completed tracked request whose reset Graph accepted for each of {@code devices}. */
  private void acceptedResets(UUID request, String... devices) {
    dispatchedResets(request, devices);
    write(completed(request, devices.length, 0));
  }

  /** The same, before its summary: the devices are known, and none is read yet. */
  private void dispatchedResets(UUID request, String... devices) {
    write(tracked(request, devices.length));
    for (String device : devices) {
      write(outcome(request, device, OutcomeStatus.SUCCEEDED));
    }
  }

  /** Appends the event to the partition and applies it as read at {@code now}. */
  private long write(ResultEvent event, Instant now) {
    long offset = partition.size();
    partition.add(event);
    settlements.apply(0, offset, event, event instanceof RequestAccepted ? TRACE : null, now);
    return offset;
  }

  private long write(ResultEvent event) {
    return write(event, ISSUED);
  }

  /** Restarts: a new state, assigned at {@code from}, replaying the partition as it is. */
  private void restartAndReplay(long from, Instant now) {
    settlements = fresh();
    settlements.assigned(0, partition.size(), from);
    for (int offset = (int) from; offset < partition.size(); offset++) {
      ResultEvent event = partition.get(offset);
      settlements.apply(0, offset, event, event instanceof RequestAccepted ? TRACE : null, now);
    }
  }

  /** Starts every due read at {@code now} and answers each with the reset in {@code state}. */
  private List<DeviceSettled> readAll(Instant now, String state) {
    List<DeviceSettled> decided = new ArrayList<>();
    for (Map.Entry<Integer, Follow> due : settlements.dueReads(now, 100)) {
      Follow follow = due.getValue();
      DeviceSettled settled =
          follow.read(
              OK,
              device(follow.deviceId(), reset(state, ACCEPTED.plusSeconds(20), null, now)),
              now,
              now,
              SCHEDULE);
      if (settled != null) {
        decided.add(settled);
      }
    }
    return decided;
  }

  /** The one summary due at {@code now}, which must be the only one. */
  private RequestSettled onlyRequestSettled(Instant now) {
    Map<Integer, List<RequestSettled>> due = settlements.requestsDue(now);
    assertThat(due).containsOnlyKeys(0);
    assertThat(due.get(0)).hasSize(1);
    return due.get(0).get(0);
  }

  private static List<String> devices(List<Map.Entry<Integer, Follow>> due) {
    return due.stream().map(e -> e.getValue().deviceId()).toList();
  }

  @Test
  void followsEachAcceptedResetToItsFinalStateAndSettlesTheRequestOnce() {
    write(tracked(A, 3));
    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    write(outcome(A, "d2", OutcomeStatus.SUCCEEDED));
    write(outcome(A, "d3", OutcomeStatus.FAILED));
    assertThat(settlements.dueReads(after(1), 100)).as("before the summary").isEmpty();
    write(completed(A, 2, 1));
    assertThat(settlements.dueReads(ISSUED, 100)).as("before the first check").isEmpty();

    List<Map.Entry<Integer, Follow>> due = settlements.dueReads(after(1), 100);

    assertThat(devices(due)).containsExactly("d1", "d2");
    assertThat(due).allSatisfy(e -> assertThat(e.getKey()).isZero());
    assertThat(settlements.dueReads(after(5), 100)).as("not again while reading").isEmpty();
    assertThat(settlements.pending()).isEqualTo(2);
    assertThat(settlements.oldestPending()).contains(ISSUED);
    assertThat(settlements.traceparent(0, A)).isEqualTo(TRACE);

    List<DeviceSettled> decided = new ArrayList<>();
    for (Map.Entry<Integer, Follow> e : due) {
      Follow f = e.getValue();
      assertThat(settlements.follows(0, f)).isTrue();
      decided.add(
          f.read(
              OK,
              device(f.deviceId(), reset("done", ACCEPTED.plusSeconds(25), null, after(1))),
              after(1),
              after(1),
              SCHEDULE));
    }

    assertThat(decided)
        .extracting(DeviceSettled::deviceId, DeviceSettled::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("d1", SettleState.DONE),
            org.assertj.core.groups.Tuple.tuple("d2", SettleState.DONE));
    assertThat(settlements.pending()).as("decided, not yet read back").isZero();
    assertThat(settlements.dueReads(after(60), 100)).isEmpty();
    assertThat(settlements.requestsDue(after(2))).as("nothing read back yet").isEmpty();

    decided.forEach(this::write);
    RequestSettled summary = onlyRequestSettled(after(3));

    assertThat(summary.requestId()).isEqualTo(A);
    assertThat(summary.tracked()).isTrue();
    assertThat(summary.devices()).isEqualTo(2);
    assertThat(summary.counts()).isEqualTo(new RequestSettled.Counts(2, 0, 0, 0, 0));
    assertThat(summary.acceptedAt()).isEqualTo(ACCEPTED);
    assertThat(summary.settledAt()).isEqualTo(after(3));
    assertThat(summary.requestedBy()).isEqualTo("agent@contoso.com");
    assertThat(summary.reason()).isEqualTo("INC1");
    assertThat(summary.source()).isEqualTo("servicenow");
    assertThat(settlements.requestsDue(after(4))).as("once").isEmpty();
  }

  @Test
  void theRequestSettlesOnlyOnceItsDeviceSettledEventsAreReadBackEvenWhenTheSummaryCameFirst() {
    acceptedResets(A, "d1", "d2");
    write(completed(A, 2, 0));
    List<DeviceSettled> decided = readAll(after(1), "failed");
    assertThat(decided).hasSize(2);
    assertThat(settlements.requestsDue(after(1))).isEmpty();

    write(decided.get(0));
    assertThat(settlements.requestsDue(after(2))).isEmpty();
    write(decided.get(1));

    assertThat(onlyRequestSettled(after(2)).counts())
        .isEqualTo(new RequestSettled.Counts(0, 2, 0, 0, 0));
  }

  @Test
  void aPendingDeviceIsReadAgainOnTheScheduleAndHoldsTheRequestOpen() {
    acceptedResets(A, "d1");
    write(completed(A, 1, 0));

    assertThat(readAll(after(1), "pending")).isEmpty();

    assertThat(settlements.dueReads(after(3).minusNanos(1), 100)).isEmpty();
    assertThat(settlements.requestsDue(after(2))).isEmpty();
    assertThat(devices(settlements.dueReads(after(3), 100))).containsExactly("d1");
  }

  @Test
  void noReadStartsAndNoRequestSettlesBeforeTheReplayReachesTheEndSeenAtAssignment() {
    settlements.assigned(0, 10, 0);
    write(acceptance(A, 1).withSettlement(false, DEFAULT_TIMEOUT));
    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    write(completed(A, 1, 0));
    acceptedResets(B, "d1");

    assertThat(settlements.dueReads(after(60), 100)).isEmpty();
    assertThat(settlements.requestsDue(after(60))).isEmpty();

    settlements.readUpTo(0, 10);

    assertThat(devices(settlements.dueReads(after(60), 100))).containsExactly("d1");
    assertThat(settlements.requestsDue(after(60))).containsOnlyKeys(0);
  }

  @Test
  void anUntrackedRequestSettlesUntrackedWithNoDevicesRightAfterItsSummary() {
    write(acceptance(A, 2).withSettlement(false, DEFAULT_TIMEOUT));
    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    write(outcome(A, "d2", OutcomeStatus.SUCCEEDED));
    assertThat(settlements.dueReads(after(60), 100)).as("no device is followed").isEmpty();
    assertThat(settlements.pending()).isZero();
    assertThat(settlements.requestsDue(after(60))).as("before its summary").isEmpty();

    write(completed(A, 2, 0));

    RequestSettled summary = onlyRequestSettled(ISSUED);

    assertThat(summary.tracked()).isFalse();
    assertThat(summary.devices()).isZero();
    assertThat(summary.counts()).isEqualTo(RequestSettled.Counts.NONE);
  }

  @Test
  void aTrackedRequestWhoseEveryDeviceFailedSettlesWithNoDevicesRightAfterItsSummary() {
    write(tracked(A, 1));
    write(outcome(A, "d1", OutcomeStatus.FAILED));
    write(completed(A, 0, 1));

    RequestSettled summary = onlyRequestSettled(ISSUED);

    assertThat(summary.tracked()).isTrue();
    assertThat(summary.devices()).isZero();
  }

  @Test
  void anAcceptanceWrittenBeforeSettlementExistedIsIgnoredEntirely() {
    write(acceptance(A, 1));
    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    long last = write(completed(A, 1, 0));

    assertThat(settlements.dueReads(after(60), 100)).isEmpty();
    assertThat(settlements.requestsDue(after(60))).isEmpty();
    assertThat(settlements.pending()).isZero();
    assertThat(settlements.traceparent(0, A)).isNull();
    assertThat(settlements.commitOffsets()).containsEntry(0, last + 1);
  }

  @Test
  void aRestartReplaysTheDeviceSettledWrittenBeforeAndDoesNotSettleItAgain() {
    acceptedResets(A, "d1", "d2");
    List<Map.Entry<Integer, Follow>> due = settlements.dueReads(after(1), 100);
    Follow d1 = due.get(0).getValue();
    write(
        d1.read(
            OK,
            device("d1", reset("notSupported", ACCEPTED.plusSeconds(25))),
            after(1),
            after(1),
            SCHEDULE));
    write(completed(A, 2, 0));

    restartAndReplay(settlements.commitOffsets().get(0), after(2));

    assertThat(settlements.follows(0, d1)).as("the old state's follow is gone").isFalse();
    assertThat(settlements.pending()).isEqualTo(1);
    assertThat(settlements.requestsDue(after(60))).isEmpty();
    List<DeviceSettled> decided = readAll(after(60), "done");
    assertThat(decided).extracting(DeviceSettled::deviceId).containsExactly("d2");
    decided.forEach(this::write);

    RequestSettled summary = onlyRequestSettled(after(61));

    assertThat(summary.devices()).isEqualTo(2);
    assertThat(summary.counts()).isEqualTo(new RequestSettled.Counts(1, 0, 1, 0, 0));
  }

  @Test
  void aRequestSettledReadBackEndsTheRequestAndWhatFollowsItIsIgnored() {
    acceptedResets(A, "d1");
    readAll(after(1), "done").forEach(this::write);
    write(completed(A, 1, 0));
    write(onlyRequestSettled(after(2)));

    restartAndReplay(0, after(3));
    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED));

    assertThat(settlements.pending()).isZero();
    assertThat(settlements.dueReads(after(600), 100)).isEmpty();
    assertThat(settlements.requestsDue(after(600))).isEmpty();
    assertThat(settlements.commitOffsets()).containsEntry(0, (long) partition.size());
  }

  @Test
  void aReplayedFollowResumesOnItsScheduleAnchoredAtTheOutcome() {
    acceptedResets(A, "d1");

    restartAndReplay(0, after(20));

    assertThat(settlements.dueReads(after(25).minusNanos(1), 100)).isEmpty();
    assertThat(devices(settlements.dueReads(after(25), 100))).containsExactly("d1");
  }

  @Test
  void aDeviceSettledReadTwiceCountsOnce() {
    acceptedResets(A, "d1", "d2");
    List<DeviceSettled> decided = readAll(after(1), "canceled");
    write(decided.get(0));
    write(decided.get(0));
    write(completed(A, 2, 0));
    assertThat(settlements.requestsDue(after(2))).as("d2 is not read back yet").isEmpty();

    write(decided.get(1));

    RequestSettled summary = onlyRequestSettled(after(2));

    assertThat(summary.devices()).isEqualTo(2);
    assertThat(summary.counts()).isEqualTo(new RequestSettled.Counts(0, 0, 0, 2, 0));
  }

  @Test
  void aRepeatedOutcomeOfASettledDeviceIsNotFollowedAgain() {
    acceptedResets(A, "d1");
    readAll(after(1), "done").forEach(this::write);

    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED));

    assertThat(settlements.pending()).isZero();
    assertThat(settlements.dueReads(after(600), 100)).isEmpty();
  }

  @Test
  void commitsTheOldestOpenAcceptanceAndThePositionWhenNoneIsOpen() {
    write(acceptance(UUID.randomUUID(), 1));
    long a = write(tracked(A, 1));
    write(outcome(A, "d1", OutcomeStatus.FAILED));
    long b = write(tracked(B, 1));
    write(outcome(B, "d1", OutcomeStatus.FAILED));
    assertThat(settlements.commitOffsets()).containsExactly(Map.entry(0, a));

    write(completed(A, 0, 1));
    write(onlyRequestSettled(ISSUED));
    assertThat(settlements.commitOffsets()).as("B is the oldest open").containsEntry(0, b);

    write(completed(B, 0, 1));
    write(onlyRequestSettled(ISSUED));
    assertThat(settlements.commitOffsets()).containsEntry(0, (long) partition.size());

    settlements.readUpTo(0, partition.size() + 3L);
    assertThat(settlements.commitOffsets())
        .as("skipped records count")
        .containsEntry(0, partition.size() + 3L);
  }

  @Test
  void aRevokedPartitionForgetsItsRequests() {
    settlements.assigned(1, 0, 0);
    acceptedResets(A, "d1");
    Follow d1 = settlements.dueReads(after(1), 100).get(0).getValue();

    settlements.revoked(0);

    assertThat(settlements.follows(0, d1)).isFalse();
    assertThat(settlements.traceparent(0, A)).isNull();
    assertThat(settlements.pending()).isZero();
    assertThat(settlements.oldestPending()).isEmpty();
    assertThat(settlements.dueReads(after(600), 100)).isEmpty();
    assertThat(settlements.commitOffsets()).containsOnlyKeys(1);
    settlements.apply(0, 2, completed(A, 1, 0), null, after(2));
    assertThat(settlements.requestsDue(after(2))).isEmpty();
  }

  @Test
  void dueReadsStopsAtTheLimit() {
    acceptedResets(A, "d1", "d2", "d3");

    assertThat(devices(settlements.dueReads(after(1), 2))).containsExactly("d1", "d2");
    assertThat(settlements.dueReads(after(1), 0)).isEmpty();
    assertThat(devices(settlements.dueReads(after(1), 2))).containsExactly("d3");
  }

  @Test
  void theAcceptancesSettleTimeoutWinsOverTheDefault() {
    write(acceptance(A, 1).withSettlement(true, Duration.ofMinutes(30)));
    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED), after(29));
    write(tracked(B, 1));
    write(outcome(B, "d1", OutcomeStatus.SUCCEEDED), after(29));
    write(completed(A, 1, 0));
    write(completed(B, 1, 0));

    // Both next fall due at 35m on the schedule; A's deadline comes first.
    List<Map.Entry<Integer, Follow>> due = settlements.dueReads(after(30), 100);
    assertThat(due).hasSize(1);
    Follow a = due.get(0).getValue();
    assertThat(a.requestId()).isEqualTo(A);

    DeviceSettled settled =
        a.read(OK, device("d1", reset("pending", ACCEPTED)), after(30), after(30), SCHEDULE);

    assertThat(settled.state()).isEqualTo(SettleState.UNCONFIRMED);
    assertThat(settled.message()).contains("settle timeout of 30m");
  }

  @Test
  void anAcceptanceNamingNoSettleTimeoutGetsTheDefault() {
    write(acceptance(A, 1, true, null));
    write(outcome(A, "d1", OutcomeStatus.SUCCEEDED), after(60 * 24 - 1));
    write(completed(A, 1, 0));

    assertThat(settlements.dueReads(after(60 * 24), 100)).as("deadline at 24h").hasSize(1);
  }

  @Test
  void anUnreadableRecordOnlyMovesThePosition() {
    settlements.apply(0, 0, null, null, ISSUED);

    assertThat(settlements.commitOffsets()).containsEntry(0, 1L);
  }

  @Test
  void eventsOfAPartitionNotAssignedAreIgnored() {
    settlements.apply(3, 0, tracked(A, 1), TRACE, ISSUED);

    assertThat(settlements.commitOffsets()).containsOnlyKeys(0);
    assertThat(settlements.traceparent(3, A)).isNull();
  }
}
