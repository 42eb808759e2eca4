package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.beta.models.ManagedDevice;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wire-level details the SDK hides: headers, error bodies, routing, {@code $select} and the call
 * log.
 */
class GraphSimulatorHttpTest {
  private static final String DEVICE_0 = DeviceInventory.deterministicId(0);
  // A device whose inventory entry gives its lastSyncDateTime.
  private static final String GIVEN = "5e1ec700-0000-4000-8000-000000000001";
  private static final String GIVEN_SYNC = "2026-08-30T23:15:00Z";

  private final MutableClock clock = MutableClock.at("2026-11-10T09:58:18.250Z");
  private GraphSimulator sim;
  private RawHttp http;

  @BeforeEach
  void start() {
    sim =
        GraphSimulator.builder()
            .inventory(
                TestInventories.deterministicAnd(
                    40,
                    Map.of("id", GIVEN, "operatingSystem", "iOS", "lastSyncDateTime", GIVEN_SYNC)))
            .clock(clock)
            .random(new Random(7))
            .start();
    http = new RawHttp(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void baseUrlPointsAtBetaOnTheChosenPort() {
    assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port() + "/beta");
    assertThat(sim.port()).isPositive();
  }

  @Test
  void selectWithPercentEncodedDollarSelectsAndNamesPropertiesInTheContext() {
    HttpResponse<String> response =
        http.get(
            RawHttp.devicePath(DEVICE_0) + "?%24select=id,operatingSystem,deviceActionResults");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = RawHttp.json(response);
    assertThat(body.get("@odata.context").asText())
        .isEqualTo(
            "https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices"
                + "(id,operatingSystem,deviceActionResults)/$entity");
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly("@odata.context", "id", "operatingSystem", "deviceActionResults");
  }

  @Test
  void selectAlwaysIncludesIdAndMatchesNamesCaseInsensitively() {
    JsonNode body = RawHttp.json(http.get(RawHttp.devicePath(DEVICE_0) + "?$select=DEVICENAME"));

    assertThat(body.get("id").asText()).isEqualTo(DEVICE_0);
    assertThat(body.get("deviceName").asText()).isEqualTo("SBX-00000");
    assertThat(body.has("operatingSystem")).isFalse();
  }

  @Test
  void noSelectReturnsEveryPropertyWithTheEntityContext() {
    JsonNode body = RawHttp.json(http.get(RawHttp.devicePath(DEVICE_0)));

    assertThat(body.get("@odata.context").asText())
        .isEqualTo(
            "https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices/$entity");
    for (String name : ManagedDeviceProperties.STANDARD) {
      assertThat(body.has(name)).as(name).isTrue();
    }
  }

  @Test
  void selectOfAPropertyManagedDeviceDoesNotHaveIs400WithGraphsODataMessage() {
    HttpResponse<String> response = http.get(RawHttp.devicePath(DEVICE_0) + "?$select=id,nope");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(response).at("/error/code").asText()).isEqualTo("BadRequest");
    assertThat(RawHttp.json(response).at("/error/message").asText())
        .isEqualTo(
            "Parsing OData Select and Expand failed: Could not find a property named 'nope' on"
                + " type 'microsoft.graph.managedDevice'.");
  }

  @Test
  void unknownDeviceGets404InIntunesExactShape() throws Exception {
    String clientRequestId = UUID.randomUUID().toString();
    String unknown = "0badc0de-0000-4000-8000-00000000abcd";
    HttpResponse<String> response =
        http.send(
            http.authorized(RawHttp.devicePath(unknown))
                .header("client-request-id", clientRequestId));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    String requestId = response.headers().firstValue("request-id").orElseThrow();
    assertThat(response.headers().firstValue("client-request-id")).hasValue(clientRequestId);

    JsonNode body = RawHttp.json(response);
    List<String> top = new ArrayList<>();
    body.fieldNames().forEachRemaining(top::add);
    assertThat(top).containsExactly("error");
    JsonNode error = body.get("error");
    List<String> errorFields = new ArrayList<>();
    error.fieldNames().forEachRemaining(errorFields::add);
    assertThat(errorFields).containsExactly("code", "message", "innerError");
    assertThat(error.get("code").asText()).isEqualTo("ResourceNotFound");
    assertThat(error.at("/innerError/date").asText()).isEqualTo("2026-11-10T09:58:18");
    assertThat(error.at("/innerError/request-id").asText()).isEqualTo(requestId);
    assertThat(error.at("/innerError/client-request-id").asText()).isEqualTo(clientRequestId);

    // Intune's own error travels as a JSON string inside "message".
    JsonNode intune = RawHttp.JSON.readTree(error.get("message").asText());
    assertThat(intune.get("_version").asInt()).isEqualTo(3);
    assertThat(intune.get("Message").asText())
        .contains("Activity ID: " + requestId)
        .contains("managedDevices('" + unknown + "')");
    assertThat(intune.has("CustomApiErrorPhrase")).isTrue();
    assertThat(intune.get("RetryAfter").isNull()).isTrue();
  }

  @Test
  void everyAnswerCarriesRequestIdsAndAGeneratedClientRequestIdWhenNoneWasSent() {
    List<HttpResponse<String>> responses =
        List.of(
            http.get(RawHttp.devicePath(DEVICE_0)),
            http.post(RawHttp.resetPath(DEVICE_0)),
            http.send(http.request(RawHttp.devicePath(DEVICE_0))),
            http.get("/nowhere"));

    for (HttpResponse<String> response : responses) {
      assertThat(response.headers().firstValue("request-id")).isPresent();
      assertThat(response.headers().firstValue("client-request-id").orElseThrow())
          .matches("[0-9a-f-]{36}");
    }
    assertThat(sim.calls()).hasSize(4).allMatch(c -> c.clientRequestId() == null);
  }

  @Test
  void missingTokenGets401WithBearerChallenge() {
    HttpResponse<String> response = http.send(http.request(RawHttp.devicePath(DEVICE_0)));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer");
    assertThat(RawHttp.json(response).at("/error/code").asText())
        .isEqualTo("InvalidAuthenticationToken");
    assertThat(RawHttp.json(response).at("/error/message").asText())
        .isEqualTo("Access token is empty.");
  }

  @Test
  void wrongTokenGets401AndTheResetIsNotApplied() {
    HttpResponse<String> response =
        http.send(
            http.request(RawHttp.resetPath(DEVICE_0))
                .header("Authorization", "Bearer wrong")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(sim.postCount(DEVICE_0)).isZero();
    RecordedCall call = sim.calls().get(0);
    assertThat(call.authenticated()).isFalse();
    assertThat(call.applied()).isFalse();
    assertThat(call.operation()).isEqualTo(RecordedCall.RESET_PASSCODE);
  }

  @Test
  void nonGuidDeviceIdGets400BadRequest() {
    HttpResponse<String> get = http.get(RawHttp.devicePath("not-a-guid"));
    HttpResponse<String> post = http.post(RawHttp.resetPath("12345"));

    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(get).at("/error/code").asText()).isEqualTo("BadRequest");
    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(sim.calls())
        .extracting(RecordedCall::deviceId)
        .containsExactly("not-a-guid", "12345");
  }

  @Test
  void unknownPathsAnswerLikeGraph() {
    HttpResponse<String> unknownSegment = http.get("/beta/deviceManagement/notAThing");
    HttpResponse<String> unknownAction = http.post(RawHttp.devicePath(DEVICE_0) + "/explode");
    HttpResponse<String> outsideBeta = http.get("/v2.0/me");

    assertThat(unknownSegment.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(unknownSegment).at("/error/message").asText())
        .isEqualTo("Resource not found for the segment 'notAThing'.");
    assertThat(unknownAction.statusCode()).isEqualTo(400);
    assertThat(outsideBeta.statusCode()).isEqualTo(404);
    assertThat(RawHttp.json(outsideBeta).at("/error/code").asText()).isEqualTo("UnknownError");
    assertThat(sim.calls()).allMatch(c -> c.operation().equals(RecordedCall.OTHER));
  }

  @Test
  void wrongMethodGets405WithAllow() {
    HttpResponse<String> getOnAction = http.get(RawHttp.resetPath(DEVICE_0));
    HttpResponse<String> deleteDevice =
        http.send(http.authorized(RawHttp.devicePath(DEVICE_0)).DELETE());

    assertThat(getOnAction.statusCode()).isEqualTo(405);
    assertThat(getOnAction.headers().firstValue("Allow")).hasValue("POST");
    assertThat(deleteDevice.statusCode()).isEqualTo(405);
    assertThat(deleteDevice.headers().firstValue("Allow")).hasValue("GET");
    assertThat(sim.postCount(DEVICE_0)).isZero();
  }

  @Test
  void resetAnswers204WithEmptyBodyAndAcceptsAnEmptyJsonObject() {
    HttpResponse<String> empty = http.post(RawHttp.resetPath(DEVICE_0));
    HttpResponse<String> jsonObject =
        http.send(
            http.authorized(RawHttp.resetPath(DEVICE_0))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    HttpResponse<String> garbage =
        http.send(
            http.authorized(RawHttp.resetPath(DEVICE_0))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));

    assertThat(empty.statusCode()).isEqualTo(204);
    assertThat(empty.body()).isEmpty();
    assertThat(jsonObject.statusCode()).isEqualTo(204);
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(sim.postCount(DEVICE_0)).isEqualTo(2);
  }

  @Test
  void deviceIdsMatchCaseInsensitively() {
    String upper = DeviceInventory.deterministicId(10).toUpperCase();

    assertThat(http.get(RawHttp.devicePath(upper)).statusCode()).isEqualTo(200);
    assertThat(http.post(RawHttp.resetPath(upper)).statusCode()).isEqualTo(204);
    assertThat(sim.postCount(DeviceInventory.deterministicId(10))).isEqualTo(1);
    assertThat(sim.postCount(upper)).isEqualTo(1);
  }

  @Test
  void callLogRecordsEachCallInArrivalOrderWithoutTokenOrPasscode() {
    String clientRequestId = "8d3f5c9e-0000-4000-8000-000000000042";
    http.send(
        http.authorized(RawHttp.resetPath(DEVICE_0))
            .header("client-request-id", clientRequestId)
            .POST(HttpRequest.BodyPublishers.noBody()));
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> read =
        http.get(RawHttp.devicePath(DEVICE_0) + "?$select=deviceActionResults");
    String passcode = RawHttp.json(read).at("/deviceActionResults/0/passcode").asText();
    assertThat(passcode).matches("\\d{8}");

    List<RecordedCall> calls = sim.calls();

    assertThat(calls).hasSize(2);
    RecordedCall post = calls.get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo(RawHttp.resetPath(DEVICE_0));
    assertThat(post.query()).isEmpty();
    assertThat(post.deviceId()).isEqualTo(DEVICE_0);
    assertThat(post.operation()).isEqualTo(RecordedCall.RESET_PASSCODE);
    assertThat(post.status()).isEqualTo(204);
    assertThat(post.clientRequestId()).isEqualTo(clientRequestId);
    assertThat(post.authenticated()).isTrue();
    assertThat(post.applied()).isTrue();
    assertThat(post.at()).isEqualTo(clock.instant().minusSeconds(5));
    RecordedCall get = calls.get(1);
    assertThat(get.operation()).isEqualTo(RecordedCall.GET_MANAGED_DEVICE);
    assertThat(get.query()).isEqualTo("$select=deviceActionResults");
    assertThat(get.applied()).isFalse();
    assertThat(calls.toString())
        .doesNotContain(GraphSimulator.DEFAULT_TOKEN)
        .doesNotContain(passcode);
  }

  @Test
  void callsIsASnapshotAndResetCallsClearsLogAndPostCounts() {
    http.post(RawHttp.resetPath(DEVICE_0));
    List<RecordedCall> before = sim.calls();
    http.get(RawHttp.devicePath(DEVICE_0));

    assertThat(before).hasSize(1);
    sim.resetCalls();
    assertThat(sim.calls()).isEmpty();
    assertThat(sim.postCount(DEVICE_0)).isZero();
    // Device state survives: the reset is still visible.
    assertThat(
            RawHttp.json(http.get(RawHttp.devicePath(DEVICE_0) + "?$select=deviceActionResults"))
                .get("deviceActionResults"))
        .hasSize(1);
  }

  @Test
  void jsonInventoryKeepsOtherActionEntriesAndServesExtraFields() throws URISyntaxException {
    Path file =
        Path.of(Objects.requireNonNull(getClass().getResource("/graph/inventory.json")).toURI());
    try (GraphSimulator fromFile =
        GraphSimulator.builder()
            .inventory(DeviceInventory.fromJson(file))
            .clock(clock)
            .passcodeReadyAfter(Duration.ZERO)
            .random(new Random(1))
            .start()) {
      RawHttp fileHttp = new RawHttp(fromFile);
      String kiosk = "11111111-2222-4333-8444-555555555555";

      JsonNode before =
          RawHttp.json(
              fileHttp.get(
                  RawHttp.devicePath(kiosk) + "?$select=serialNumber,deviceActionResults"));
      assertThat(before.get("serialNumber").asText()).isEqualTo("R58N1234ABC");
      assertThat(before.get("deviceActionResults")).hasSize(2);

      assertThat(fileHttp.post(RawHttp.resetPath(kiosk)).statusCode()).isEqualTo(204);
      JsonNode actions =
          RawHttp.json(fileHttp.get(RawHttp.devicePath(kiosk) + "?$select=deviceActionResults"))
              .get("deviceActionResults");

      assertThat(actions).hasSize(2);
      assertThat(actions.get(0).get("actionName").asText()).isEqualTo("syncDevice");
      assertThat(actions.get(1).get("actionName").asText()).isEqualTo("resetPasscode");
      assertThat(actions.get(1).get("actionState").asText()).isEqualTo("done");
      assertThat(actions.get(1).get("passcode").asText()).isNotEqualTo("00000000");

      // Android device administrator on Android 6 still gets a new passcode.
      String oldDeviceAdmin = "99999999-0000-4000-8000-000000000006";
      fileHttp.post(RawHttp.resetPath(oldDeviceAdmin));
      JsonNode old =
          RawHttp.json(
              fileHttp.get(RawHttp.devicePath(oldDeviceAdmin) + "?$select=deviceActionResults"));
      assertThat(old.at("/deviceActionResults/0/actionState").asText()).isEqualTo("done");
      assertThat(old.at("/deviceActionResults/0/passcode").asText()).matches("\\d{8}");

      // An unknown $select on one device is fine when another device has that field.
      JsonNode ipad =
          RawHttp.json(
              fileHttp.get(
                  RawHttp.devicePath("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
                      + "?$select=serialNumber"));
      assertThat(ipad.get("serialNumber").isNull()).isTrue();
      assertThat(ipad.get("id").asText()).isEqualTo("AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE");
    }
  }

  @Test
  void keepAliveAnswersDoNotWaitForDelayedAcks() {
    http.get(RawHttp.devicePath(DEVICE_0));
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      http.get(RawHttp.devicePath("0badc0de-0000-4000-8000-000000000000"));
    }
    // With Nagle on, each answer on a reused connection costs ~40 ms (4 s in all).
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void closeIsIdempotentAndFreesThePort() {
    int port = sim.port();
    sim.close();
    sim.close();

    try (GraphSimulator again =
        GraphSimulator.builder().port(port).inventory(DeviceInventory.deterministic(1)).start()) {
      assertThat(again.port()).isEqualTo(port);
    }
  }

  private JsonNode select(String id, String names) {
    HttpResponse<String> response = http.get(RawHttp.devicePath(id) + "?$select=" + names);
    assertThat(response.statusCode()).as("$select=%s: %s", names, response.body()).isEqualTo(200);
    return RawHttp.json(response);
  }

  @Test
  void aRealPropertyTheSimulatorDoesNotModelIsServedAsNull() {
    // serialNumber was one until generated devices gained it (issue 13); wiFiMacAddress took its
    // place.
    String names = "model,manufacturer,wiFiMacAddress,udid,managementState,imei";

    JsonNode body = select(DEVICE_0, names);

    for (String name : names.split(",")) {
      assertThat(body.has(name)).as(name).isTrue();
      assertThat(body.get(name).isNull()).as(name).isTrue();
    }
  }

  @Test
  void modelledPropertiesAreServedWithTheirValues() {
    JsonNode body =
        select(
            DEVICE_0,
            "isSupervised,lastSyncDateTime,complianceState,managementAgent,userPrincipalName");

    assertThat(body.get("isSupervised").isBoolean()).isTrue();
    assertThat(body.get("complianceState").asText()).isEqualTo("compliant");
    assertThat(body.get("managementAgent").asText()).isEqualTo("googleCloudDevicePolicyController");
    assertThat(body.get("userPrincipalName").asText()).isEqualTo("user00000@sandbox.example");
    assertThat(body.get("lastSyncDateTime").asText()).endsWith("Z");
  }

  @Test
  void isSupervisedIsTrueOnlyForAppleAutomatedDeviceEnrollment() {
    Map<Integer, Boolean> supervisedBySlot =
        Map.of(0, false, 13, false, 14, true, 16, false, 17, true, 18, false, 19, true);

    supervisedBySlot.forEach(
        (slot, supervised) ->
            assertThat(
                    select(DeviceInventory.deterministicId(slot), "isSupervised")
                        .get("isSupervised")
                        .asBoolean())
                .as("slot %d", slot)
                .isEqualTo(supervised));
  }

  @Test
  void aRelationshipIsAcceptedButServedOnlyWithExpand() {
    JsonNode body = select(DEVICE_0, "id,detectedApps,users");

    assertThat(body.has("detectedApps")).isFalse();
    assertThat(body.has("users")).isFalse();
    assertThat(body.get("id").asText()).isEqualTo(DEVICE_0);
  }

  @Test
  void everyPropertyOfTheSdksManagedDeviceIsSelectableThroughTheSdk() {
    Set<String> sdkNames = new TreeSet<>(new ManagedDevice().getFieldDeserializers().keySet());
    sdkNames.remove("@odata.type");
    GraphServiceClient graph = SdkClients.client(sim, GraphSimulator.DEFAULT_TOKEN);

    ManagedDevice device = SdkClients.read(graph, DEVICE_0, sdkNames.toArray(String[]::new));

    assertThat(device.getId()).isEqualTo(DEVICE_0);
    assertThat(device.getDeviceName()).isEqualTo("SBX-00000");
    assertThat(device.getIsSupervised()).isFalse();
    assertThat(device.getSerialNumber()).isEqualTo("SN0000000000");
    assertThat(device.getImei()).isNull();
  }

  @Test
  void deterministicDevicesShowTheirLatestEightHourlyCheckIn() {
    Instant first =
        Instant.parse(select(DEVICE_0, "lastSyncDateTime").get("lastSyncDateTime").asText());

    assertThat(first).isBetween(clock.instant().minus(Duration.ofHours(8)), clock.instant());
    assertThat(
            select(DeviceInventory.deterministicId(1), "lastSyncDateTime")
                .get("lastSyncDateTime")
                .asText())
        .as("devices check in at offsets of their own")
        .isNotEqualTo(first.toString());

    clock.advance(Duration.ofHours(8));

    assertThat(select(DEVICE_0, "lastSyncDateTime").get("lastSyncDateTime").asText())
        .isEqualTo(first.plus(Duration.ofHours(8)).toString());
  }

  @Test
  void aDeviceReadFromAnInventoryKeepsTheLastSyncDateTimeItWasGiven() {
    clock.advance(Duration.ofDays(30));

    assertThat(select(GIVEN, "lastSyncDateTime").get("lastSyncDateTime").asText())
        .isEqualTo(GIVEN_SYNC);
    assertThat(RawHttp.json(http.get(RawHttp.devicePath(GIVEN))).get("lastSyncDateTime").asText())
        .isEqualTo(GIVEN_SYNC);
  }
}
