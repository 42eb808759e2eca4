package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResetOutcomeTest {

  @Test
  void rejectsANegativeErrorCodeAsGraphDocumentsZeroUpward() {
    assertThatThrownBy(() -> ResetOutcome.failed(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("errorCode")
        .hasMessageContaining("0..2147483647");
  }

  @Test
  void rejectsAMissingState() {
    assertThatThrownBy(() -> new ResetOutcome(null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("state");
  }

  @Test
  void onlyAStillPendingDeviceHasNotCheckedIn() {
    for (DeviceActionState state : DeviceActionState.values()) {
      assertThat(new ResetOutcome(state, 0).checkedIn())
          .as(state.graphName())
          .isEqualTo(state != DeviceActionState.PENDING);
    }
  }

  @Test
  void finalStatesAreDoneFailedCanceledAndNotSupported() {
    assertThat(DeviceActionState.values())
        .filteredOn(DeviceActionState::isFinal)
        .containsExactlyInAnyOrder(
            DeviceActionState.DONE,
            DeviceActionState.FAILED,
            DeviceActionState.CANCELED,
            DeviceActionState.NOT_SUPPORTED);
  }
}
