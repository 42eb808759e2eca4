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
import java.util.List;
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
  private static final String WINDOWS_11 = "b1000000-0000-4000-8000-000000000001";
  private static final String WINDOWS_10_22H2 = "b1000000-0000-4000-8000-000000000002";
  private static final String WINDOWS_1809 = "b1000000-0000-4000-8000-000000000003";
  private static final String OFFLINE = "b1000000-0000-4000-8000-000000000004";
  private static final String FAILED = "b1000000-0000-4000-8000-000000000005";
  private static final String NOT_SUPPORTED = "b1000000-0000-4000-8000-000000000006";
  private static final String CANCELED = "b1000000-0000-4000-8000-000000000007";
  private static final String ANDROID = "b1000000-0000-4000-8000-000000000008";
  private static final String MAC = "b1000000-0000-4000-8000-000000000009";
  private static final String WITH_HISTORY = "b1000000-0000-4000-8000-00000000000a";
  private static final String EARLIER = "2026-10-01T08:00:00Z";

  private final MutableClock clock = MutableClock.at("2026-11-10T09:00:00Z");
  @TempDir Path dir;
  private GraphSimulator sim;
  private GraphServiceClient graph;
  private RawHttp http;

  private static String windows(String id, String osVersion, String checkIn) {
    return "{\"id\":\""
        + id
        + "\",\"operatingSystem\":\"Windows\",\"osVersion\":\""
        + osVersion
        + "\""
        + (checkIn == null ? "" : ",\"checkIn\":\"" + checkIn + "\"")
        + "}";
  }

  private static String history(String actionName) {
    return "{\"actionName\":\""
        + actionName
        + "\",\"actionState\":\"done\",\"startDateTime\":\""
        + EARLIER
        + "\",\"lastUpdatedDateTime\":\""
        + EARLIER
        + "\"}";
  }

  @BeforeEach
  void start() throws IOException {
    String current = "10.0.22631.4317";
    Path file =
        Files.writeString(
            dir.resolve("devices.json"),
            "["
                + String.join(
                    ",",
                    windows(WINDOWS_11, current, null),
                    windows(WINDOWS_10_22H2, "10.0.19045.5011", "done"),
                    windows(WINDOWS_1809, "10.0.17763.6414", null),
                    windows(OFFLINE, current, "offline"),
                    windows(FAILED, current, "failed"),
                    windows(NOT_SUPPORTED, current, "notSupported"),
                    windows(CANCELED, current, "canceled"),
                    "{\"id\":\"" + ANDROID + "\",\"operatingSystem\":\"Android\"}",
                    "{\"id\":\"" + MAC + "\",\"operatingSystem\":\"macOS\",\"checkIn\":\"done\"}",
                    "{\"id\":\""
                        + WITH_HISTORY
                        + "\",\"operatingSystem\":\"Windows\",\"deviceActionResults\":["
                        + history("resetPasscode")
                        + ","
                        + history("rotateBitLockerKeys")
                        + "]}")
                + "]");
    sim =
        GraphSimulator.builder()
            .random(new Random(7))
            .passcodeReadyAfter(READY_AFTER)
            .clock(clock)
            .inventory(DeviceInventory.fromJson(file))
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
    HttpResponse<String> post = http.post(rotatePath(WINDOWS_11));

    assertThat(post.statusCode()).isEqualTo(204);
    assertThat(post.body()).isEmpty();
    RotateBitLockerKeysDeviceActionResult pending = rotationEntry(WINDOWS_11);
    assertThat(pending.getActionName()).isEqualTo("rotateBitLockerKeys");
    assertThat(pending.getActionState()).isEqualTo(ActionState.Pending);
    assertThat(pending.getStartDateTime().toInstant()).isEqualTo(start);
    assertThat(pending.getLastUpdatedDateTime().toInstant()).isEqualTo(start);
    assertThat(pending.getErrorCode()).isZero();

    clock.advance(READY_AFTER);
    RotateBitLockerKeysDeviceActionResult done = rotationEntry(WINDOWS_11);

    assertThat(done.getActionState()).isEqualTo(ActionState.Done);
    assertThat(done.getStartDateTime().toInstant()).isEqualTo(start);
    assertThat(done.getLastUpdatedDateTime().toInstant()).isEqualTo(start.plus(READY_AFTER));
    assertThat(done.getErrorCode()).isZero();
    assertThat(SdkClients.read(graph, WINDOWS_11, "lastSyncDateTime").getLastSyncDateTime())
        .as("the check-in that settled the rotation")
        .isNotNull()
        .satisfies(t -> assertThat(t.toInstant()).isEqualTo(start.plus(READY_AFTER)));
    assertThat(sim.rotationCount(WINDOWS_11)).isEqualTo(1);
    assertThat(sim.postCount(WINDOWS_11)).as("resetPasscode POSTs").isZero();
  }

  @Test
  void theEntryIsGraphsTypeWithAnErrorCodeAndNoSecret() {
    rotate(WINDOWS_11);
    clock.advance(READY_AFTER);

    JsonNode entry =
        RawHttp.json(http.get(RawHttp.devicePath(WINDOWS_11) + "?$select=deviceActionResults"))
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
    WINDOWS_10_22H2 + ", Done, 0",
    WINDOWS_1809 + ", NotSupported, 0",
    OFFLINE + ", Pending, 0",
    FAILED + ", Failed, " + CheckIn.FAILED_ERROR_CODE,
    NOT_SUPPORTED + ", NotSupported, 0",
    CANCELED + ", Canceled, 0"
  })
  void eachCheckInEndsTheRotationAsItEndsAReset(String id, ActionState state, int errorCode) {
    http.post(rotatePath(id));
    clock.advance(Duration.ofDays(1));

    RotateBitLockerKeysDeviceActionResult entry = rotationEntry(id);

    assertThat(entry.getActionState()).isEqualTo(state);
    assertThat(entry.getErrorCode()).isEqualTo(errorCode);
  }

  @Test
  void aWindowsTooOldForRotationTakesThePostAndReportsNotSupportedAtCheckIn() {
    assertThat(http.post(rotatePath(WINDOWS_1809)).statusCode()).isEqualTo(204);
    assertThat(rotationEntry(WINDOWS_1809).getActionState()).isEqualTo(ActionState.Pending);
    assertThat(sim.rotationCount(WINDOWS_1809)).isEqualTo(1);
  }

  @Test
  void aTestOutcomeWinsOverTheCheckInForRotationsToo() {
    sim.resetOutcome(WINDOWS_11, ResetOutcome.stuckActive());
    rotate(WINDOWS_11);
    clock.advance(READY_AFTER);

    assertThat(rotationEntry(WINDOWS_11).getActionState()).isEqualTo(ActionState.Active);
  }

  @Test
  void aNonWindowsDeviceGetsAnOpaque400AndNothingIsRecorded() {
    for (String id : List.of(ANDROID, MAC)) {
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
    assertThatThrownBy(() -> rotate(ANDROID))
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
    HttpResponse<String> get = http.get(rotatePath(WINDOWS_11));
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(http.post(RawHttp.devicePath(WINDOWS_11) + "/microsoft.graph.rotateBitLockerKeys"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(204);
  }

  @Test
  void aRotationReplacesOnlyTheEarlierRotationEntryAndLeavesTheReset() {
    rotate(WITH_HISTORY);

    List<String> names =
        SdkClients.read(graph, WITH_HISTORY, "deviceActionResults")
            .getDeviceActionResults()
            .stream()
            .map(r -> r.getActionName() + "@" + r.getStartDateTime().toInstant())
            .toList();

    assertThat(names)
        .containsExactly("resetPasscode@" + EARLIER, "rotateBitLockerKeys@" + clock.instant());
  }

  @Test
  void aResetAndARotationOfOneDeviceEachKeepTheirOwnEntry() {
    SdkClients.reset(graph, WINDOWS_11);
    clock.advance(Duration.ofSeconds(1));
    rotate(WINDOWS_11);
    clock.advance(READY_AFTER);

    ResetPasscodeActionResult reset = SdkClients.resetEntry(graph, WINDOWS_11);
    assertThat(reset.getActionState()).as("reset on Windows").isEqualTo(ActionState.NotSupported);
    assertThat(rotationEntry(WINDOWS_11).getActionState()).isEqualTo(ActionState.Done);
    assertThat(sim.postCount(WINDOWS_11)).isEqualTo(1);
    assertThat(sim.rotationCount(WINDOWS_11)).isEqualTo(1);

    sim.resetActionResults();
    assertThat(rotationEntries(WINDOWS_11)).isEmpty();
  }

  @Test
  void rotationsSpendTheWriteBudgetOfResets() {
    sim.behavior(SimulatorBehavior.builder().throttle(2, 0, Duration.ofSeconds(20)).build());

    assertThat(http.post(RawHttp.resetPath(WINDOWS_11)).statusCode()).isEqualTo(204);
    assertThat(http.post(rotatePath(WINDOWS_10_22H2)).statusCode()).isEqualTo(204);
    HttpResponse<String> throttled = http.post(rotatePath(WINDOWS_11));

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(http.get(RawHttp.devicePath(WINDOWS_11)).statusCode()).isEqualTo(200);
    assertThat(sim.rotationCount(WINDOWS_11)).isZero();
  }

  @Test
  void aThrottledRotationMayStillRunAsAThrottledResetMay() {
    sim.behavior(
        SimulatorBehavior.builder()
            .throttle(1, 0, Duration.ofSeconds(20))
            .throttledButAppliedRatio(1.0)
            .build());
    http.post(rotatePath(WINDOWS_10_22H2));

    assertThat(http.post(rotatePath(WINDOWS_11)).statusCode()).isEqualTo(429);
    assertThat(http.post(rotatePath(ANDROID)).statusCode()).isEqualTo(429);

    assertThat(sim.rotationCount(WINDOWS_11)).isEqualTo(1);
    assertThat(rotationEntry(WINDOWS_11).getActionState()).isEqualTo(ActionState.Pending);
    assertThat(sim.rotationCount(ANDROID)).as("never runs on Android").isZero();
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

    HttpResponse<String> post = http.post(rotatePath(WINDOWS_11));

    assertThat(post.statusCode()).isEqualTo(503);
    assertThat(sim.rotationCount(WINDOWS_11)).isZero();
    assertThat(sim.injectedErrorCount()).isEqualTo(1);
  }
}
