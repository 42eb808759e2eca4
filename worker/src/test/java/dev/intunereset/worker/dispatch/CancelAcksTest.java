package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CancelAcksTest {
  private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");

  private final CancelAcks<String> acks = new CancelAcks<>();

  /** A job whose write ends when the test says so. */
  private static final class Writer implements TaskJob {
    volatile boolean writing = true;

    @Override
    public void start() {}

    @Override
    public UUID requestId() {
      return A;
    }

    @Override
    public boolean abandon() {
      return !writing;
    }

    @Override
    public boolean cancel() {
      return !writing;
    }

    @Override
    public boolean writing() {
      return writing;
    }

    @Override
    public boolean isSettled() {
      return !writing;
    }
  }

  @Test
  void reportsTheOwnedPartitionsOnlyOnceNoWriteOfTheRequestIsUnderWay() {
    Writer writer = new Writer();
    acks.ordered(A, Set.of("p0", "p1"), List.of(writer));

    assertThat(acks.due()).isEmpty();

    writer.writing = false;
    assertThat(acks.due()).isEqualTo(Map.of(A, Set.of("p0", "p1")));
    acks.committed();
    assertThat(acks.due()).as("reported once").isEmpty();
    assertThat(acks.isEmpty()).isTrue();
  }

  @Test
  void anAbortedReportIsOfferedAgain() {
    acks.ordered(A, Set.of("p0"), List.of());
    assertThat(acks.due()).containsOnlyKeys(A);

    acks.aborted();

    assertThat(acks.due()).isEqualTo(Map.of(A, Set.of("p0")));
  }

  @Test
  void partitionsTakenOverAreReportedForEveryCancelInForce() {
    acks.assigned(List.of("p2"), List.of(A, B));

    assertThat(acks.due()).isEqualTo(Map.of(A, Set.of("p2"), B, Set.of("p2")));
  }

  @Test
  void partitionsHandedOverAreLeftToTheirNextOwner() {
    Writer writer = new Writer();
    acks.ordered(A, Set.of("p0", "p1"), List.of(writer));

    acks.revoked(List.of("p0"));
    writer.writing = false;

    assertThat(acks.due()).isEqualTo(Map.of(A, Set.of("p1")));
  }

  @Test
  void aCancelKnownWhileOwningNothingReportsNothing() {
    acks.ordered(A, Set.of(), List.of());

    assertThat(acks.due()).isEmpty();
    assertThat(acks.isEmpty()).isTrue();
  }
}
