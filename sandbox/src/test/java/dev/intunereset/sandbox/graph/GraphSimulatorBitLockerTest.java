package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.beta.models.ActionState;
import com.microsoft.graph.beta.models.ResetPasscodeActionResult;
import com.microsoft.graph.beta.models.RotateBitLockerKeysDeviceActionResult;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST managedDevices/{id}/rotateBitLockerKeys} as Graph answers it, through the real SDK
 * and plain HTTP: 204 and a {@code rotateBitLockerKeysDeviceActionResult} that follows the device's
 * {@code checkIn} on Windows, an opaque 400 elsewhere, and the write budget of a reset.
 */
class GraphSimulatorBitLockerTest {
  private static final Duration READY_AFTER = Duration.ofSeconds(2);
  private static final String EARLIER = "2026-10-01T08:00:00Z";

  /** This test's devices: platform, osVersion and checkIn as an inventory entry gives them. */
  private enum Device {
    WINDOWS_11("Windows", "10.0.22631.4317", null),
    WINDOWS_10_22H2("Windows", "10.0.19045.5011", "done"),
    WINDOWS_1809("Windows", "10.0.17763.6414", null),
    OFFLINE("Windows", "10.0.22631.4317", "offline"),
    FAILED("Windows", "10.0.22631.4317", "failed"),
    NOT_SUPPORTED("Windows", "10.0.22631.4317", "notSupported"),
    CANCELED("Windows", "10.0.22631.4317", "canceled"),
    ANDROID("Android", "14", null),
    MAC("macOS", "14.6.1", "done"),
    /** Shows a reset and a rotation from before the simulator started. */
    WITH_HISTORY("Windows", "10.0.19045.5011", null);

    private final Map<String, Object> entry = new LinkedHashMap<>();

    Device(String operatingSystem, String osVersion, String checkIn) {
      entry.put("id", String.format(Locale.ROOT, "b1000000-0000-4000-8000-%012d", ordinal() + 1));
      entry.put("operatingSystem", operatingSystem);
      entry.put("osVersion", osVersion);
      if (checkIn != null) {
        entry.put(CheckIn.FIELD, checkIn);
      }
    }

    String id() {
      return (String) entry.get("id");
    }

    SimulatedDevice simulated() {
      Map<String, Object> fields = new LinkedHashMap<>(entry);
      if (this == WITH_HISTORY) {
        fields.put(
            "deviceActionResults",
            List.of(history("resetPasscode"), history("rotateBitLockerKeys")));
      }
      return SimulatedDevice.of(fields);
    }

    private static Map<String, Object> history(String actionName) {
      return Map.of(
          "actionName", actionName,
          "actionState", "done",
          "startDateTime", EARLIER,
          "lastUpdatedDateTime", EARLIER);
    }
  }

  private final MutableClock clock = MutableClock.at("2026-11-10T09:00:00Z");
  @TempDir Path dir;
  private GraphSimulator sim;
  private GraphServiceClient graph;
  private RawHttp http;

  @BeforeEach
  void start() {
    sim =
        GraphSimulator.builder()
            .random(new Random(7))
            .passcodeReadyAfter(READY_AFTER)
            .clock(clock)
            .inventory(
                DeviceInventory.of(Arrays.stream(Device.values()).map(Device::simulated).toList()))
            .start();
    graph = SdkClients.client(sim, GraphSimulator.DEFAULT_TOKEN);
    http = new RawHttp(sim);
  }

  @AfterEach
  void closeTheSimulator() {
    sim.close();
  }

  private static String rotatePath(String id) {
    return RawHttp.devicePath(id) + "/rotateBitLockerKeys";
  }

  private void rotate(String id) {
    graph.deviceManagement().managedDevices().byManagedDeviceId(id).rotateBitLockerKeys().post();
  }

  private List<RotateBitLockerKeysDeviceActionResult> rotationEntries(String id) {
    return SdkClients.read(graph, id, "deviceActionResults").getDeviceActionResults().stream()
        .filter(RotateBitLockerKeysDeviceActionResult.class::isInstance)
        .map(RotateBitLockerKeysDeviceActionResult.class::cast)
        .toList();
  }

  private RotateBitLockerKeysDeviceActionResult rotationEntry(String id) {
    List<RotateBitLockerKeysDeviceActionResult> entries = rotationEntries(id);
    assertThat(entries).as("rotateBitLockerKeys entries of %s", id).hasSize(1);
    return entries.get(0);
  }

  @Test
  void aRotationOnACurrentWindowsIsAcceptedPendingThenDoneWhenTheDeviceChecksIn() {
    Instant start = clock.instant();
    HttpResponse<String> post = http.post(rotatePath(Device.WINDOWS_11.id()));

    assertThat(post.statusCode()).isEqualTo(204);
    assertThat(post.body()).isEmpty();
    RotateBitLockerKeysDeviceActionResult pending = rotationEntry(Device.WINDOWS_11.id());
    assertThat(pending.getActionName()).isEqualTo("rotateBitLockerKeys");
    assertThat(pending.getActionState()).isEqualTo(ActionState.Pending);
    assertThat(pending.getStartDateTime().toInstant()).isEqualTo(start);
    assertThat(pending.getLastUpdatedDateTime().toInstant()).isEqualTo(start);
    assertThat(pending.getErrorCode()).isZero();

    clock.advance(READY_AFTER);
    RotateBitLockerKeysDeviceActionResult done = rotationEntry(Device.WINDOWS_11.id());

    assertThat(done.getActionState()).isEqualTo(ActionState.Done);
    assertThat(done.getStartDateTime().toInstant()).isEqualTo(start);
    assertThat(done.getLastUpdatedDateTime().toInstant()).isEqualTo(start.plus(READY_AFTER));
    assertThat(done.getErrorCode()).isZero();
    assertThat(
            SdkClients.read(graph, Device.WINDOWS_11.id(), "lastSyncDateTime")
                .getLastSyncDateTime())
        .as("the check-in that settled the rotation")
        .isNotNull()
        .satisfies(t -> assertThat(t.toInstant()).isEqualTo(start.plus(READY_AFTER)));
    assertThat(sim.rotationCount(Device.WINDOWS_11.id())).isEqualTo(1);
    assertThat(sim.postCount(Device.WINDOWS_11.id())).as("resetPasscode POSTs").isZero();
  }

  @Test
  void theEntryIsGraphsTypeWithAnErrorCodeAndNoSecret() {
    rotate(Device.WINDOWS_11.id());
    clock.advance(READY_AFTER);

    JsonNode entry =
        RawHttp.json(
                http.get(
                    RawHttp.devicePath(Device.WINDOWS_11.id()) + "?$select=deviceActionResults"))
            .at("/deviceActionResults/0");

    assertThat(entry.get("@odata.type").asText())
        .isEqualTo("#microsoft.graph.rotateBitLockerKeysDeviceActionResult");
    assertThat(entry.fieldNames())
        .toIterable()
        .containsExactly(
            "@odata.type",
            "actionName",
            "actionState",
            "startDateTime",
            "lastUpdatedDateTime",
            "errorCode");
  }

  @ParameterizedTest(name = "{0} ends {1}")
  @CsvSource({
    "WINDOWS_10_22H2, Done, 0",
    "WINDOWS_1809, NotSupported, 0",
    "OFFLINE, Pending, 0",
    "FAILED, Failed, " + CheckIn.FAILED_ERROR_CODE,
    "NOT_SUPPORTED, NotSupported, 0",
    "CANCELED, Canceled, 0"
  })
  void eachCheckInEndsTheRotationAsItEndsAReset(Device device, ActionState state, int errorCode) {
    String id = device.id();
    http.post(rotatePath(id));
    clock.advance(Duration.ofDays(1));

    RotateBitLockerKeysDeviceActionResult entry = rotationEntry(id);

    assertThat(entry.getActionState()).isEqualTo(state);
    assertThat(entry.getErrorCode()).isEqualTo(errorCode);
  }

  @Test
  void aWindowsTooOldForRotationTakesThePostAndReportsNotSupportedAtCheckIn() {
    assertThat(http.post(rotatePath(Device.WINDOWS_1809.id())).statusCode()).isEqualTo(204);
    assertThat(rotationEntry(Device.WINDOWS_1809.id()).getActionState())
        .isEqualTo(ActionState.Pending);
    assertThat(sim.rotationCount(Device.WINDOWS_1809.id())).isEqualTo(1);
  }

  @Test
  void aTestOutcomeWinsOverTheCheckInForRotationsToo() {
    sim.resetOutcome(Device.WINDOWS_11.id(), ResetOutcome.stuckActive());
    rotate(Device.WINDOWS_11.id());
    clock.advance(READY_AFTER);

    assertThat(rotationEntry(Device.WINDOWS_11.id()).getActionState())
        .isEqualTo(ActionState.Active);
  }

  @Test
  void aNonWindowsDeviceGetsAnOpaque400AndNothingIsRecorded() {
    for (String id : List.of(Device.ANDROID.id(), Device.MAC.id())) {
      HttpResponse<String> post = http.post(rotatePath(id));

      assertThat(post.statusCode()).as(id).isEqualTo(400);
      JsonNode error = RawHttp.json(post).get("error");
      assertThat(error.get("code").asText()).isEqualTo("BadRequest");
      // Intune's own JSON as the message: an activity id and a URL, no reason.
      assertThat(error.get("message").asText())
          .startsWith("{\"_version\": 3, \"Message\": \"An error has occurred")
          .contains("managedDevices('" + id + "')/rotateBitLockerKeys")
          .doesNotContainIgnoringCase("windows")
          .doesNotContainIgnoringCase("not supported");
      assertThat(error.at("/innerError/request-id").asText())
          .isEqualTo(post.headers().firstValue("request-id").orElseThrow());
      assertThat(rotationEntries(id)).isEmpty();
      assertThat(sim.rotationCount(id)).isZero();
    }
    RecordedCall call = sim.calls().get(0);
    assertThat(call.operation()).isEqualTo(RecordedCall.ROTATE_BITLOCKER_KEYS);
    assertThat(call.isRotateBitLockerKeys()).isTrue();
    assertThat(call.applied()).isFalse();
  }

  @Test
  void theSdkSeesTheOpaque400AsAnODataError() {
    assertThatThrownBy(() -> rotate(Device.ANDROID.id()))
        .isInstanceOfSatisfying(
            ODataError.class,
            e -> {
              assertThat(e.getResponseStatusCode()).isEqualTo(400);
              assertThat(e.getError().getCode()).isEqualTo("BadRequest");
            });
  }

  @Test
  void anUnknownDeviceIs404AndAGetOnTheActionIs405() {
    assertThat(http.post(rotatePath("b1000000-0000-4000-8000-0000000000ff")).statusCode())
        .isEqualTo(404);
    HttpResponse<String> get = http.get(rotatePath(Device.WINDOWS_11.id()));
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(
            http.post(
                RawHttp.devicePath(Device.WINDOWS_11.id())
                    + "/microsoft.graph.rotateBitLockerKeys"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(204);
  }

  @Test
  void aRotationReplacesOnlyTheEarlierRotationEntryAndLeavesTheReset() {
    rotate(Device.WITH_HISTORY.id());

    List<String> names =
        SdkClients.read(graph, Device.WITH_HISTORY.id(), "deviceActionResults")
            .getDeviceActionResults()
            .stream()
            .map(r -> r.getActionName() + "@" + r.getStartDateTime().toInstant())
            .toList();

    assertThat(names)
        .containsExactly("resetPasscode@" + EARLIER, "rotateBitLockerKeys@" + clock.instant());
  }

  @Test
  void aResetAndARotationOfOneDeviceEachKeepTheirOwnEntry() {
    SdkClients.reset(graph, Device.WINDOWS_11.id());
    clock.advance(Duration.ofSeconds(1));
    rotate(Device.WINDOWS_11.id());
    clock.advance(READY_AFTER);

    ResetPasscodeActionResult reset = SdkClients.resetEntry(graph, Device.WINDOWS_11.id());
    assertThat(reset.getActionState()).as("reset on Windows").isEqualTo(ActionState.NotSupported);
    assertThat(rotationEntry(Device.WINDOWS_11.id()).getActionState()).isEqualTo(ActionState.Done);
    assertThat(sim.postCount(Device.WINDOWS_11.id())).isEqualTo(1);
    assertThat(sim.rotationCount(Device.WINDOWS_11.id())).isEqualTo(1);

    sim.resetActionResults();
    assertThat(rotationEntries(Device.WINDOWS_11.id())).isEmpty();
  }

  @Test
  void rotationsSpendTheWriteBudgetOfResets() {
    sim.behavior(SimulatorBehavior.builder().throttle(2, 0, Duration.ofSeconds(20)).build());

    assertThat(http.post(RawHttp.resetPath(Device.WINDOWS_11.id())).statusCode()).isEqualTo(204);
    assertThat(http.post(rotatePath(Device.WINDOWS_10_22H2.id())).statusCode()).isEqualTo(204);
    HttpResponse<String> throttled = http.post(rotatePath(Device.WINDOWS_11.id()));

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(http.get(RawHttp.devicePath(Device.WINDOWS_11.id())).statusCode()).isEqualTo(200);
    assertThat(sim.rotationCount(Device.WINDOWS_11.id())).isZero();
  }

  @Test
  void aThrottledRotationMayStillRunAsAThrottledResetMay() {
    sim.behavior(
        SimulatorBehavior.builder()
            .throttle(1, 0, Duration.ofSeconds(20))
            .throttledButAppliedRatio(1.0)
            .build());
    http.post(rotatePath(Device.WINDOWS_10_22H2.id()));

    assertThat(http.post(rotatePath(Device.WINDOWS_11.id())).statusCode()).isEqualTo(429);
    assertThat(http.post(rotatePath(Device.ANDROID.id())).statusCode()).isEqualTo(429);

    assertThat(sim.rotationCount(Device.WINDOWS_11.id())).isEqualTo(1);
    assertThat(rotationEntry(Device.WINDOWS_11.id()).getActionState())
        .isEqualTo(ActionState.Pending);
    assertThat(sim.rotationCount(Device.ANDROID.id())).as("never runs on Android").isZero();
  }

  @Test
  void theDocumentedWindowsDeviceLoadsAndItsRotationFails() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "integration.md"));
    String section = doc.substring(doc.indexOf("### Rotating BitLocker keys"));
    String device =
        section.substring(
            section.indexOf("```json\n") + "```json\n".length(), section.indexOf("\n```\n"));
    Path file = Files.writeString(dir.resolve("laptop.json"), "[" + device + "]");
    DeviceInventory inventory = DeviceInventory.fromJson(file);
    sim.close();
    sim = GraphSimulator.builder().clock(clock).inventory(inventory).start();
    graph = SdkClients.client(sim, GraphSimulator.DEFAULT_TOKEN);
    String id = inventory.ids().get(0);

    rotate(id);
    clock.advance(GraphSimulator.DEFAULT_PASSCODE_READY_AFTER);

    assertThat(rotationEntry(id).getActionState()).isEqualTo(ActionState.Failed);
    assertThat(section).contains(".rotationCount(id)`", ".firstWindowsIds(n)`");
  }

  @Test
  void injectedFaultsAnswerRotationsAsTheyAnswerResets() {
    sim.behavior(SimulatorBehavior.builder().errorRate(1.0).errorStatuses(Set.of(503)).build());

    HttpResponse<String> post = http.post(rotatePath(Device.WINDOWS_11.id()));

    assertThat(post.statusCode()).isEqualTo(503);
    assertThat(sim.rotationCount(Device.WINDOWS_11.id())).isZero();
    assertThat(sim.injectedErrorCount()).isEqualTo(1);
  }
}
