package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intunereset.worker.WorkerGraphClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's own Graph client (the real SDK, its gateway and token handling) rotating BitLocker
 * keys on the simulator over HTTP: Graph's 204 on Windows and its opaque 400 elsewhere reach the
 * caller, with the client-request-id the worker set.
 */
class WorkerGraphClientRotationTest {
  private final MutableClock clock = MutableClock.at("2026-11-10T09:00:00Z");
  private GraphSimulator sim;
  private WorkerGraphClient client;

  @BeforeEach
  void start() {
    sim =
        GraphSimulator.builder().inventory(DeviceInventory.deterministic(40)).clock(clock).start();
    client = SdkClients.workerClient(sim, 1);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void aWindowsDeviceTakesTheRotationAndAnAndroidOneGetsGraphsOpaque400() {
    String windows = DeviceInventory.firstWindowsIds(1).get(0);
    String android = DeviceInventory.firstAndroidIds(1).get(0);

    assertThat(client.rotateBitLockerKeys(windows, "rotate-1")).isEqualTo(204);
    assertThat(client.rotateBitLockerKeys(android, "rotate-2")).isEqualTo(400);

    assertThat(sim.rotationCount(windows)).isEqualTo(1);
    assertThat(sim.rotationCount(android)).isZero();
    assertThat(sim.postCount(windows)).as("no reset").isZero();
    assertThat(sim.calls())
        .extracting(RecordedCall::operation, RecordedCall::clientRequestId, RecordedCall::status)
        .containsExactly(
            tuple(RecordedCall.ROTATE_BITLOCKER_KEYS, "rotate-1", 204),
            tuple(RecordedCall.ROTATE_BITLOCKER_KEYS, "rotate-2", 400));
  }
}
