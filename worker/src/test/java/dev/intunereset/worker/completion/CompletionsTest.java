package dev.intunereset.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.contracts.RequestStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompletionsTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant LATER = T0.plusSeconds(30);
  private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");

  private final Completions completions = new Completions(Set.of());

  private static RequestAccepted accepted(UUID id, int devices, boolean ignorePartialFailures) {
    return new RequestAccepted(
        id,
        devices,
        0,
        Lane.BULK,
        false,
        ignorePartialFailures,
        T0,
        T0.plusSeconds(600),
        "agent@contoso.com",
        "INC1",
        "servicenow");
  }

  static DeviceOutcome outcome(UUID request, String device, OutcomeStatus status) {
    return DeviceOutcome.of(
        new RequestRef(request, "agent@contoso.com", "INC1", "servicenow", T0),
        device,
        status,
        status == OutcomeStatus.SUCCEEDED ? ReasonCode.RESET_ISSUED : ReasonCode.GRAPH_ERROR,
        "m",
        LATER);
  }

  @Test
  void theSummaryContinuesTheTraceTheAcceptanceWasWrittenIn() {
    String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(A, 1, false), trace);
    completions.apply(0, 1, outcome(A, "d1", OutcomeStatus.SUCCEEDED), null);

    assertThat(completions.due(LATER)).hasSize(1);
    assertThat(completions.traceparent(A)).isEqualTo(trace);
    assertThat(completions.traceparent(UUID.randomUUID())).isNull();
  }

  @Test
  void completesARequestOnceEveryDeviceHasAnOutcome() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(A, 2, false));
    completions.apply(0, 1, outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    assertThat(completions.due(LATER)).isEmpty();

    completions.apply(0, 2, outcome(A, "d2", OutcomeStatus.SUCCEEDED));

    assertThat(completions.due(LATER))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.requestId()).isEqualTo(A);
              assertThat(c.status()).isEqualTo(RequestStatus.COMPLETED);
              assertThat(c.counts().succeeded()).isEqualTo(2);
              assertThat(c.completedAt()).isEqualTo(LATER);
            });
  }

  @Test
  void countsARepeatedOutcomeOfOneDeviceOnce() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(A, 2, false));
    completions.apply(0, 1, outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    completions.apply(0, 2, outcome(A, "d1", OutcomeStatus.SUCCEEDED));

    assertThat(completions.due(LATER)).isEmpty();
  }

  @Test
  void reportsFailedUnlessPartialFailuresAreIgnored() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(A, 2, false));
    completions.apply(0, 1, accepted(B, 2, true));
    for (UUID id : new UUID[] {A, B}) {
      completions.apply(0, 2, outcome(id, "d1", OutcomeStatus.SUCCEEDED));
      completions.apply(0, 3, outcome(id, "d2", OutcomeStatus.FAILED));
    }

    assertThat(completions.due(LATER))
        .extracting(RequestCompleted::requestId, RequestCompleted::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(A, RequestStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple(B, RequestStatus.COMPLETED_WITH_FAILURES));
  }

  @Test
  void holdsCompletionsBackUntilTheReplayReachesTheEndSeenAtAssignment() {
    completions.assigned(0, 10, 0);
    completions.apply(0, 0, accepted(A, 1, false));
    completions.apply(0, 1, outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    assertThat(completions.due(LATER)).as("a summary may already be further on").isEmpty();

    completions.readUpTo(0, 10);

    assertThat(completions.due(LATER)).hasSize(1);
  }

  @Test
  void aSummaryAlreadyWrittenEndsTheRequestDuringReplay() {
    completions.assigned(0, 10, 0);
    completions.apply(0, 0, accepted(A, 1, false));
    completions.apply(0, 1, outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    completions.apply(
        0,
        2,
        new RequestCompleted(
            A,
            RequestStatus.COMPLETED,
            1,
            new RequestCompleted.Counts(1, 0, 0, 0),
            T0,
            LATER,
            "agent@contoso.com",
            "INC1",
            "servicenow"));
    completions.readUpTo(0, 10);

    assertThat(completions.due(LATER)).isEmpty();
    assertThat(completions.openRequests()).isZero();
  }

  @Test
  void commitsAtTheOldestOpenAcceptanceSoThatARestartReplaysIt() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 4, accepted(A, 1, false));
    completions.apply(0, 7, accepted(B, 5, false));
    completions.apply(0, 8, outcome(A, "d1", OutcomeStatus.SUCCEEDED));

    assertThat(completions.commitOffsets(Set.of())).isEqualTo(Map.of(0, 4L));
    assertThat(completions.commitOffsets(Set.of(A)))
        .as("A's summary is in the same transaction")
        .isEqualTo(Map.of(0, 7L));
  }

  @Test
  void commitsTheReadPositionWhenNothingIsOpen() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 4, accepted(A, 1, false));
    completions.apply(0, 5, outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    completions.closed(Set.of(A));
    completions.readUpTo(0, 9);

    assertThat(completions.commitOffsets(Set.of())).isEqualTo(Map.of(0, 9L));
    assertThat(completions.due(LATER)).isEmpty();
  }

  @Test
  void ignoresOutcomesOfRequestsItNeverSawAccepted() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, outcome(A, "d1", OutcomeStatus.SUCCEEDED));

    assertThat(completions.due(LATER)).isEmpty();
    assertThat(completions.openRequests()).isZero();
  }

  @Test
  void forgetsARevokedPartition() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(A, 1, false));
    completions.apply(0, 1, outcome(A, "d1", OutcomeStatus.SUCCEEDED));

    completions.revoked(0);

    assertThat(completions.due(LATER)).isEmpty();
    assertThat(completions.commitOffsets(Set.of())).isEmpty();
  }

  @Test
  void anUnreadableRecordOnlyMovesThePosition() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 6, null);

    assertThat(completions.commitOffsets(Set.of())).isEqualTo(Map.of(0, 7L));
  }
}
