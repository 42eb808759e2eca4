package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.beta.models.ActionState;
import com.microsoft.graph.beta.models.ResetPasscodeActionResult;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices of an inventory file whose {@code "checkIn"} field makes their reset end in each {@code
 * actionState}, read back over HTTP through the Graph SDK, with the simulator clock moved by hand.
 */
class GraphSimulatorCheckInTest {
  private static final Duration READY_AFTER = Duration.ofSeconds(2);
  private static final String DEFAULT = "c0000000-0000-4000-8000-000000000001";
  private static final String DONE = "c0000000-0000-4000-8000-000000000002";
  private static final String OFFLINE = "c0000000-0000-4000-8000-000000000003";
  private static final String FAILED = "c0000000-0000-4000-8000-000000000004";
  private static final String NOT_SUPPORTED = "c0000000-0000-4000-8000-000000000005";
  private static final String CANCELED = "c0000000-0000-4000-8000-000000000006";
  private static final String WINDOWS_DONE = "c0000000-0000-4000-8000-000000000007";
  private static final String OFFLINE_GIVEN_SYNC = "c0000000-0000-4000-8000-000000000008";
  private static final String GIVEN_SYNC = "2026-11-01T06:30:00Z";

  private final MutableClock clock = MutableClock.at("2026-11-10T09:00:00Z");
  @TempDir Path dir;
  private GraphSimulator sim;
  private GraphServiceClient graph;

  private static String android(String id, String checkIn) {
    return "{\"id\":\""
        + id
        + "\",\"operatingSystem\":\"Android\",\"deviceType\":\"androidEnterprise\","
        + "\"managementAgent\":\"googleCloudDevicePolicyController\""
        + (checkIn == null ? "" : ",\"checkIn\":\"" + checkIn + "\"")
        + "}";
  }

  @BeforeEach
  void start() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("devices.json"),
            "["
                + String.join(
                    ",",
                    android(DEFAULT, null),
                    android(DONE, "done"),
                    android(OFFLINE, "offline"),
                    android(FAILED, "failed"),
                    android(NOT_SUPPORTED, "notSupported"),
                    android(CANCELED, "canceled"),
                    "{\"id\":\""
                        + WINDOWS_DONE
                        + "\",\"operatingSystem\":\"Windows\","
                        + "\"checkIn\":\"done\"}",
                    "{\"id\":\""
                        + OFFLINE_GIVEN_SYNC
                        + "\",\"operatingSystem\":\"iOS\","
                        + "\"lastSyncDateTime\":\""
                        + GIVEN_SYNC
                        + "\",\"checkIn\":\"offline\"}")
                + "]");
    sim =
        GraphSimulator.builder()
            .random(new Random(42))
            .passcodeReadyAfter(READY_AFTER)
            .clock(clock)
            .inventory(DeviceInventory.fromJson(file))
            .start();
    graph = SdkClients.client(sim, GraphSimulator.DEFAULT_TOKEN);
  }

  @AfterEach
  void closeTheSimulator() {
    sim.close();
  }

  private void reset(String id) {
    SdkClients.reset(graph, id);
  }

  private ResetPasscodeActionResult resetEntry(String id) {
    return SdkClients.resetEntry(graph, id);
  }

  private Instant lastSync(String id) {
    return SdkClients.read(graph, id, "lastSyncDateTime").getLastSyncDateTime().toInstant();
  }

  /** Resets the device and moves the clock past its check-in; the entry was pending before. */
  private ResetPasscodeActionResult resetAndCheckIn(String id) {
    reset(id);
    assertThat(resetEntry(id).getActionState()).isEqualTo(ActionState.Pending);
    clock.advance(READY_AFTER);
    return resetEntry(id);
  }

  @Test
  void anOfflineDeviceKeepsItsResetPendingAndItsLastSyncDateTimeWhereItWas() {
    Instant before = lastSync(OFFLINE);
    Instant defaultBefore = lastSync(DEFAULT);
    reset(OFFLINE);
    Instant start = clock.instant();

    clock.advance(Duration.ofDays(3));
    ResetPasscodeActionResult entry = resetEntry(OFFLINE);

    assertThat(entry.getActionState()).isEqualTo(ActionState.Pending);
    assertThat(entry.getErrorCode()).isZero();
    assertThat(entry.getPasscode()).isNull();
    assertThat(entry.getLastUpdatedDateTime().toInstant()).isEqualTo(start);
    assertThat(lastSync(OFFLINE)).as("no periodic check-in either").isEqualTo(before);
    assertThat(lastSync(DEFAULT)).as("an online device checks in").isAfter(defaultBefore);
  }

  @Test
  void anOfflineDeviceWithAGivenLastSyncDateTimeKeepsIt() {
    reset(OFFLINE_GIVEN_SYNC);
    clock.advance(Duration.ofDays(3));

    assertThat(resetEntry(OFFLINE_GIVEN_SYNC).getActionState()).isEqualTo(ActionState.Pending);
    assertThat(lastSync(OFFLINE_GIVEN_SYNC)).isEqualTo(Instant.parse(GIVEN_SYNC));
  }

  @Test
  void aFailingDeviceEndsFailedWithANonzeroErrorCodeAtItsCheckIn() {
    Instant start = clock.instant();

    ResetPasscodeActionResult entry = resetAndCheckIn(FAILED);

    assertThat(entry.getActionState()).isEqualTo(ActionState.Failed);
    assertThat(entry.getErrorCode()).isEqualTo(CheckIn.FAILED_ERROR_CODE).isNotZero();
    assertThat(entry.getPasscode()).isNull();
    assertThat(entry.getLastUpdatedDateTime().toInstant()).isEqualTo(start.plus(READY_AFTER));
    assertThat(lastSync(FAILED)).isEqualTo(start.plus(READY_AFTER));
  }

  @Test
  void aNotSupportedDeviceEndsNotSupportedThoughItsPlatformSupportsTheReset() {
    ResetPasscodeActionResult entry = resetAndCheckIn(NOT_SUPPORTED);

    assertThat(entry.getActionState()).isEqualTo(ActionState.NotSupported);
    assertThat(entry.getErrorCode()).isZero();
    assertThat(entry.getPasscode()).isNull();
  }

  @Test
  void aCanceledDeviceEndsCanceled() {
    ResetPasscodeActionResult entry = resetAndCheckIn(CANCELED);

    assertThat(entry.getActionState()).isEqualTo(ActionState.Canceled);
    assertThat(entry.getPasscode()).isNull();
  }

  @Test
  void doneAndTheDefaultEndDoneWithAPasscodeAndDoneOnWindowsIsNotSupported() {
    for (String id : List.of(DEFAULT, DONE)) {
      ResetPasscodeActionResult entry = resetAndCheckIn(id);

      assertThat(entry.getActionState()).as(id).isEqualTo(ActionState.Done);
      assertThat(entry.getPasscode()).as(id).matches("\\d{8}");
    }
    assertThat(resetAndCheckIn(WINDOWS_DONE).getActionState()).isEqualTo(ActionState.NotSupported);
  }

  @Test
  void anOutcomeATestSetsWinsOverTheInventoryUntilCleared() {
    sim.resetOutcome(OFFLINE, ResetOutcome.done());
    sim.resetOutcome(FAILED, ResetOutcome.failed(1234));
    Instant start = clock.instant();

    assertThat(resetAndCheckIn(OFFLINE).getActionState()).isEqualTo(ActionState.Done);
    assertThat(lastSync(OFFLINE)).isEqualTo(start.plus(READY_AFTER));
    assertThat(resetAndCheckIn(FAILED).getErrorCode()).isEqualTo(1234);

    sim.clearResetOutcomes();

    assertThat(resetEntry(OFFLINE).getActionState()).isEqualTo(ActionState.Pending);
    assertThat(resetEntry(FAILED).getErrorCode()).isEqualTo(CheckIn.FAILED_ERROR_CODE);
  }

  @Test
  void checkInIsNotServedAndSelectingItIsGraphsBadRequest() {
    RawHttp http = new RawHttp(sim);

    assertThat(RawHttp.json(http.get(RawHttp.devicePath(OFFLINE))).has("checkIn")).isFalse();
    assertThat(http.get(RawHttp.devicePath(OFFLINE) + "?$select=checkIn").statusCode())
        .isEqualTo(400);
  }
}
