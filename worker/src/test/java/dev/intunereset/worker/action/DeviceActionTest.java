package dev.intunereset.worker.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intunereset.worker.graph.DeviceLookup;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceActionTest {

  /** Records which action POST was sent, and answers each with its own status. */
  private static final class RecordingGraph implements GraphGateway {
    final List<String> posts = new ArrayList<>();

    private GraphCallResult answer(String what, int status, String clientRequestId) {
      posts.add(what);
      return new GraphCallResult(
          GraphCallResult.Kind.SUCCESS, status, null, what, "r", clientRequestId, Optional.empty());
    }

    @Override
    public GraphCallResult resetPasscode(String deviceId, String clientRequestId) {
      return answer("reset " + deviceId, 204, clientRequestId);
    }

    @Override
    public GraphCallResult rotateBitLockerKeys(String deviceId, String clientRequestId) {
      return answer("rotate " + deviceId, 200, clientRequestId);
    }

    @Override
    public DeviceLookup getDevice(String deviceId, String clientRequestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void eachActionNamesItsGraphActionResult() {
    assertThat(DeviceAction.RESET_PASSCODE.graphName()).isEqualTo("resetPasscode");
    assertThat(DeviceAction.ROTATE_BITLOCKER_KEYS.graphName()).isEqualTo("rotateBitLockerKeys");
    assertThat(DeviceAction.RESET_PASSCODE).hasToString("resetPasscode");
  }

  @Test
  void anActionNamesItsEntriesWhateverTheirCaseAndNoOtherActions() {
    assertThat(DeviceAction.RESET_PASSCODE.names("resetPasscode")).isTrue();
    assertThat(DeviceAction.RESET_PASSCODE.names("RESETPASSCODE")).isTrue();
    assertThat(DeviceAction.RESET_PASSCODE.names("rotateBitLockerKeys")).isFalse();
    assertThat(DeviceAction.ROTATE_BITLOCKER_KEYS.names("rotatebitlockerkeys")).isTrue();
    assertThat(DeviceAction.ROTATE_BITLOCKER_KEYS.names("resetPasscode")).isFalse();
    assertThat(DeviceAction.ROTATE_BITLOCKER_KEYS.names(null)).isFalse();
  }

  @Test
  void eachActionPostsItsOwnGraphCall() {
    RecordingGraph graph = new RecordingGraph();

    GraphCallResult reset = DeviceAction.RESET_PASSCODE.post(graph, "d-1", "c-1");
    GraphCallResult rotate = DeviceAction.ROTATE_BITLOCKER_KEYS.post(graph, "d-2", "c-2");

    assertThat(graph.posts).containsExactly("reset d-1", "rotate d-2");
    assertThat(reset.httpStatus()).isEqualTo(204);
    assertThat(rotate.httpStatus()).isEqualTo(200);
    assertThat(rotate.clientRequestId()).isEqualTo("c-2");
  }

  @Test
  void rejectsABlankGraphName() {
    assertThatThrownBy(
            () ->
                new DeviceAction(
                    " ",
                    "noun",
                    "permission",
                    GraphGateway::resetPasscode,
                    PasscodePolicy::new,
                    true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("graphName");
  }
}
