package dev.intunereset.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.CancelApplied;
import dev.intunereset.contracts.CancelApplied.TaskPartition;
import dev.intunereset.contracts.CancelReceived;
import dev.intunereset.contracts.CancelRefusal;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompletionsCancelTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant LATER = T0.plusSeconds(30);
  private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final TaskPartition P0 = new TaskPartition("tasks", 0);
  private static final TaskPartition P1 = new TaskPartition("tasks", 1);
  private static final TaskPartition I0 = new TaskPartition("tasks.interactive", 0);

  private final Completions completions = new Completions(Set.of(P0, P1, I0));

  private static RequestAccepted accepted(int devices) {
    return new RequestAccepted(
        A,
        devices,
        0,
        Lane.BULK,
        false,
        false,
        T0,
        T0.plusSeconds(600),
        "agent@contoso.com",
        "INC1",
        "servicenow");
  }

  private static CancelReceived received() {
    return new CancelReceived(A, "soc-lead@contoso.com", "wrong group", T0.plusSeconds(5));
  }

  private static CancelApplied applied(TaskPartition... partitions) {
    return new CancelApplied(A, List.of(partitions), T0.plusSeconds(6));
  }

  @Test
  void theCancelIsAnnouncedOnlyOnceEveryTaskPartitionStopped() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(3));
    completions.apply(0, 1, CompletionsTest.outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    completions.apply(0, 2, received());
    completions.apply(0, 3, applied(P0, I0));

    assertThat(completions.announcements(LATER)).as("P1 has not stopped yet").isEmpty();

    completions.apply(0, 4, applied(P1));

    assertThat(completions.announcements(LATER))
        .singleElement()
        .isEqualTo(new RequestCanceled(A, "soc-lead@contoso.com", "wrong group", false, LATER));
    assertThat(completions.due(LATER)).as("devices still open").isEmpty();
  }

  @Test
  void aCanceledRequestIsSummarisedCanceledWithItsCounts() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(2));
    completions.apply(0, 1, CompletionsTest.outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    completions.apply(0, 2, received());
    completions.apply(0, 3, applied(P0, P1, I0));
    completions.announced(completions.announcements(LATER));
    completions.apply(0, 4, CompletionsTest.outcome(A, "d2", OutcomeStatus.SKIPPED));

    assertThat(completions.announcements(LATER)).as("announced once").isEmpty();
    assertThat(completions.due(LATER))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(RequestStatus.CANCELED);
              assertThat(c.counts().succeeded()).isEqualTo(1);
              assertThat(c.counts().skipped()).isEqualTo(1);
            });
  }

  @Test
  void aCancelWhoseDevicesAllEndedBeforeEveryPartitionStoppedIsAnnouncedWithTheSummary() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(2));
    completions.apply(0, 1, received());
    completions.apply(0, 2, CompletionsTest.outcome(A, "d1", OutcomeStatus.SKIPPED));
    completions.apply(0, 3, CompletionsTest.outcome(A, "d2", OutcomeStatus.SKIPPED));

    assertThat(completions.announcements(LATER))
        .singleElement()
        .isInstanceOf(RequestCanceled.class);
    assertThat(completions.due(LATER))
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(RequestStatus.CANCELED));
  }

  @Test
  void aCancelOfARequestWhoseDevicesAllHadOutcomesIsRefusedAndChangesNothing() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 0, accepted(1));
    completions.apply(0, 1, CompletionsTest.outcome(A, "d1", OutcomeStatus.SUCCEEDED));
    completions.apply(0, 2, received());

    assertThat(completions.announcements(LATER))
        .singleElement()
        .isInstanceOfSatisfying(
            CancelRefused.class,
            r -> assertThat(r.refusal()).isEqualTo(CancelRefusal.ALREADY_FINISHED));
    assertThat(completions.due(LATER))
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(RequestStatus.COMPLETED));
  }

  @Test
  void aCancelOfARequestAlreadySummarisedIsRefusedAndHoldsTheCommitUntilAnswered() {
    completions.assigned(0, 0, 0);
    completions.apply(0, 7, received());

    assertThat(completions.announcements(LATER)).singleElement().isInstanceOf(CancelRefused.class);
    assertThat(completions.commitOffsets(Set.of())).isEqualTo(Map.of(0, 7L));
    assertThat(completions.commitOffsets(Set.of(A))).isEqualTo(Map.of(0, 8L));
  }

  @Test
  void aReplayDoesNotAnswerACancelTwice() {
    completions.assigned(0, 6, 0);
    completions.apply(0, 0, accepted(2));
    completions.apply(0, 1, received());
    completions.apply(0, 2, applied(P0, P1, I0));
    completions.apply(0, 3, new RequestCanceled(A, "soc-lead@contoso.com", "x", false, T0));
    completions.apply(0, 4, received());
    completions.apply(
        0,
        5,
        new CancelRefused(A, "soc-lead@contoso.com", CancelRefusal.ALREADY_FINISHED, "m", T0));

    assertThat(completions.announcements(LATER)).isEmpty();
  }
}
