package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PausesTest {
  private static final Set<String> ASSIGNED = Set.of("bulk-0", "bulk-1", "interactive-0");

  private final Pauses<String> pauses = new Pauses<>(10);

  @Test
  void pausesAPartitionAtItsInFlightLimit() {
    pauses.inFlight(Map.of("bulk-0", 10, "bulk-1", 9));

    assertThat(pauses.wanted(ASSIGNED, false)).containsExactly("bulk-0");
  }

  @Test
  void resumesABackpressuredPartitionOnlyOnceHalfItsTasksAreDone() {
    pauses.inFlight(Map.of("bulk-0", 10));

    pauses.inFlight(Map.of("bulk-0", 6));
    assertThat(pauses.wanted(ASSIGNED, false)).containsExactly("bulk-0");

    pauses.inFlight(Map.of("bulk-0", 5));
    assertThat(pauses.wanted(ASSIGNED, false)).isEmpty();
  }

  @Test
  void pausesEveryPartitionWhileTheCircuitIsOpen() {
    assertThat(pauses.wanted(ASSIGNED, true)).isEqualTo(ASSIGNED);
  }

  @Test
  void aForgottenPartitionIsNoLongerBackpressured() {
    pauses.inFlight(Map.of("bulk-0", 10));

    pauses.forget("bulk-0");

    assertThat(pauses.wanted(ASSIGNED, false)).isEmpty();
  }

  @Test
  void onlyAssignedPartitionsArePaused() {
    pauses.inFlight(Map.of("bulk-7", 10));

    assertThat(pauses.wanted(ASSIGNED, false)).isEmpty();
  }
}
