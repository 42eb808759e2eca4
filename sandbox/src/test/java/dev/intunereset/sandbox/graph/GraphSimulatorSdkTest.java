package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.beta.models.ActionState;
import com.microsoft.graph.beta.models.DeviceActionResult;
import com.microsoft.graph.beta.models.ManagedDevice;
import com.microsoft.graph.beta.models.ResetPasscodeActionResult;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulator as the worker sees it: through the real Graph beta SDK, including how a reset ends
 * on the device, state by state.
 */
class GraphSimulatorSdkTest {
  private static final String[] SELECT = {
    "id", "operatingSystem", "deviceName", "managementAgent", "deviceActionResults"
  };

  private static final Duration READY_AFTER = Duration.ofSeconds(2);
  private static final String ANDROID = DeviceInventory.deterministicId(0);
  private static final String OTHER_ANDROID = DeviceInventory.deterministicId(1);
  private static final String WINDOWS = DeviceInventory.deterministicId(18);
  // A device whose inventory entry gives an old lastSyncDateTime.
  private static final String STALE = "5a1e0000-0000-4000-8000-000000000001";
  private static final String STALE_SYNC = "2026-09-01T07:00:00Z";

  private final MutableClock clock = MutableClock.at("2026-11-10T09:00:00Z");
  private GraphSimulator sim;
  private GraphServiceClient graph;

  @BeforeEach
  void start() {
    sim =
        GraphSimulator.builder()
            .port(0)
            .inventory(
                TestInventories.deterministicAnd(
                    40,
                    Map.of(
                        "id",
                        STALE,
                        "operatingSystem",
                        "Android",
                        "deviceType",
                        "androidEnterprise",
                        "lastSyncDateTime",
                        STALE_SYNC)))
            .clock(clock)
            .passcodeReadyAfter(READY_AFTER)
            .random(new Random(42))
            .start();
    graph = SdkClients.client(sim, GraphSimulator.DEFAULT_TOKEN);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private ManagedDevice read(String id) {
    return SdkClients.read(graph, id, SELECT);
  }

  private ResetPasscodeActionResult resetEntry(String id) {
    List<ResetPasscodeActionResult> entries = resets(read(id));
    assertThat(entries).as("resetPasscode entries of %s", id).hasSize(1);
    return entries.get(0);
  }

  private Instant lastSync(String id) {
    return SdkClients.read(graph, id, "lastSyncDateTime").getLastSyncDateTime().toInstant();
  }

  private void reset(String id) {
    graph.deviceManagement().managedDevices().byManagedDeviceId(id).resetPasscode().post();
  }

  private static List<ResetPasscodeActionResult> resets(ManagedDevice device) {
    return device.getDeviceActionResults().stream()
        .filter(ResetPasscodeActionResult.class::isInstance)
        .map(ResetPasscodeActionResult.class::cast)
        .collect(Collectors.toList());
  }

  @Test
  void getWithSelectReturnsSelectedPropertiesAndOmitsTheRest() {
    ManagedDevice device = read(DeviceInventory.deterministicId(0));

    assertThat(device.getId()).isEqualTo("00000000-0000-4000-8000-000000000001");
    assertThat(device.getOperatingSystem()).isEqualTo("Android");
    assertThat(device.getDeviceName()).isEqualTo("SBX-00000");
    assertThat(device.getManagementAgent().getValue())
        .isEqualTo("googleCloudDevicePolicyController");
    assertThat(device.getDeviceActionResults()).isEmpty();
    assertThat(device.getOsVersion()).isNull();
    assertThat(device.getUserPrincipalName()).isNull();
  }

  @Test
  void getWithoutSelectReturnsAllProperties() {
    ManagedDevice device =
        graph
            .deviceManagement()
            .managedDevices()
            .byManagedDeviceId(DeviceInventory.deterministicId(14))
            .get();

    assertThat(device.getOperatingSystem()).isEqualTo("iOS");
    assertThat(device.getOsVersion()).isNotBlank();
    assertThat(device.getUserPrincipalName()).isEqualTo("user00014@sandbox.example");
    assertThat(device.getEnrolledDateTime()).isNotNull();
    assertThat(device.getComplianceState()).isNotNull();
  }

  @Test
  void resetPasscodePostSucceedsAndCountsAsApplied() {
    String id = DeviceInventory.deterministicId(1);

    reset(id);

    assertThat(sim.postCount(id)).isEqualTo(1);
    RecordedCall call = sim.calls().get(0);
    assertThat(call.operation()).isEqualTo(RecordedCall.RESET_PASSCODE);
    assertThat(call.status()).isEqualTo(204);
    assertThat(call.applied()).isTrue();
    assertThat(call.authenticated()).isTrue();
  }

  @Test
  void resetIsPendingUntilReadyAfterElapsesThenDoneWithAPasscode() {
    String id = DeviceInventory.deterministicId(2);
    reset(id);

    ResetPasscodeActionResult pending = resets(read(id)).get(0);
    assertThat(pending.getActionName()).isEqualTo("resetPasscode");
    assertThat(pending.getActionState()).isEqualTo(ActionState.Pending);
    assertThat(pending.getPasscode()).isNull();
    assertThat(pending.getStartDateTime())
        .isEqualTo(
            OffsetDateTime.parse("2026-11-10T09:00:00Z").withOffsetSameInstant(ZoneOffset.UTC));

    clock.advance(Duration.ofMillis(1999));
    assertThat(resets(read(id)).get(0).getActionState()).isEqualTo(ActionState.Pending);

    clock.advance(Duration.ofMillis(1));
    ResetPasscodeActionResult done = resets(read(id)).get(0);
    assertThat(done.getActionState()).isEqualTo(ActionState.Done);
    assertThat(done.getPasscode()).matches("\\d{8}");
    assertThat(done.getErrorCode()).isZero();
    assertThat(done.getLastUpdatedDateTime().toInstant()).isEqualTo(clock.instant());
  }

  @Test
  void passcodesAreDeterministicForASeededRandom() {
    String id = DeviceInventory.deterministicId(3);
    reset(id);
    clock.advance(Duration.ofSeconds(5));
    String first = resets(read(id)).get(0).getPasscode();

    try (GraphSimulator twin =
        GraphSimulator.builder()
            .inventory(DeviceInventory.deterministic(40))
            .clock(clock)
            .random(new Random(42))
            .start()) {
      GraphServiceClient twinGraph = SdkClients.client(twin, GraphSimulator.DEFAULT_TOKEN);
      twinGraph.deviceManagement().managedDevices().byManagedDeviceId(id).resetPasscode().post();
      clock.advance(Duration.ofSeconds(5));
      ManagedDevice device =
          twinGraph
              .deviceManagement()
              .managedDevices()
              .byManagedDeviceId(id)
              .get(rc -> rc.queryParameters.select = SELECT);
      assertThat(resets(device).get(0).getPasscode()).isEqualTo(first);
    }
  }

  @Test
  void aSecondResetReplacesTheEarlierEntry() {
    String id = DeviceInventory.deterministicId(4);
    reset(id);
    clock.advance(Duration.ofSeconds(10));
    reset(id);

    List<ResetPasscodeActionResult> entries = resets(read(id));

    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getActionState()).isEqualTo(ActionState.Pending);
    assertThat(entries.get(0).getStartDateTime().toInstant()).isEqualTo(clock.instant());
    assertThat(sim.postCount(id)).isEqualTo(2);
  }

  @Test
  void iosResetEndsDoneWithoutPasscodeBecauseItRemovesThePasscode() {
    String ios = DeviceInventory.deterministicId(14);
    reset(ios);
    clock.advance(Duration.ofSeconds(3));

    ResetPasscodeActionResult result = resets(read(ios)).get(0);

    assertThat(result.getActionState()).isEqualTo(ActionState.Done);
    assertThat(result.getPasscode()).isNull();
  }

  @Test
  void unsupportedPlatformsAnswer204ButTheActionEndsNotSupportedWithErrorCodeZero() {
    String windows = DeviceInventory.deterministicId(18);
    String mac = DeviceInventory.deterministicId(19);
    String deviceAdmin = DeviceInventory.deterministicId(13);
    reset(windows);
    reset(mac);
    reset(deviceAdmin);
    clock.advance(Duration.ofSeconds(3));

    for (String id : List.of(windows, mac, deviceAdmin)) {
      ResetPasscodeActionResult result = resets(read(id)).get(0);
      assertThat(result.getActionState()).as(id).isEqualTo(ActionState.NotSupported);
      assertThat(result.getErrorCode()).as(id).isZero();
      assertThat(result.getPasscode()).as(id).isNull();
    }
    assertThat(sim.calls())
        .filteredOn(RecordedCall::isResetPasscode)
        .allMatch(c -> c.status() == 204);
  }

  @Test
  void deviceActionResultsParseAsTypedResetPasscodeResults() {
    String id = DeviceInventory.deterministicId(5);
    reset(id);

    List<DeviceActionResult> results = read(id).getDeviceActionResults();

    assertThat(results).hasSize(1);
    assertThat(results.get(0)).isInstanceOf(ResetPasscodeActionResult.class);
    assertThat(results.get(0).getOdataType())
        .isEqualTo("#microsoft.graph.resetPasscodeActionResult");
  }

  @Test
  void unknownDeviceThrowsODataError404WithReadableRequestIds() {
    String unknown = "0badc0de-0000-4000-8000-000000000000";
    String clientRequestId = UUID.randomUUID().toString();

    assertThatThrownBy(
            () ->
                graph
                    .deviceManagement()
                    .managedDevices()
                    .byManagedDeviceId(unknown)
                    .get(
                        rc -> {
                          rc.queryParameters.select = SELECT;
                          rc.headers.add("client-request-id", clientRequestId);
                        }))
        .isInstanceOfSatisfying(
            ODataError.class,
            e -> {
              assertThat(e.getResponseStatusCode()).isEqualTo(404);
              assertThat(e.getError().getCode()).isEqualTo("ResourceNotFound");
              assertThat(e.getError().getMessage()).startsWith("{\"_version\": 3");
              assertThat(e.getError().getMessage()).contains("managedDevices('" + unknown + "')");
              assertThat(e.getError().getInnerError().getClientRequestId())
                  .isEqualTo(clientRequestId);
              String requestId = e.getError().getInnerError().getRequestId();
              assertThat(requestId).isNotBlank();
              assertThat(e.getResponseHeaders().get("request-id")).containsExactly(requestId);
              assertThat(e.getResponseHeaders().get("client-request-id"))
                  .containsExactly(clientRequestId);
              assertThat(e.getError().getInnerError().getDate().toInstant())
                  .isEqualTo(clock.instant());
            });
  }

  @Test
  void resetOfUnknownDeviceThrows404AndIsNotApplied() {
    String unknown = "0badc0de-0000-4000-8000-000000000001";

    assertThatThrownBy(() -> reset(unknown))
        .isInstanceOfSatisfying(
            ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
    assertThat(sim.postCount(unknown)).isZero();
    assertThat(sim.calls().get(0).applied()).isFalse();
  }

  @Test
  void wrongTokenThrows401InvalidAuthenticationToken() {
    GraphServiceClient intruder = SdkClients.client(sim, "not-the-token");

    assertThatThrownBy(
            () ->
                intruder
                    .deviceManagement()
                    .managedDevices()
                    .byManagedDeviceId(DeviceInventory.deterministicId(0))
                    .resetPasscode()
                    .post())
        .isInstanceOfSatisfying(
            ODataError.class,
            e -> {
              assertThat(e.getResponseStatusCode()).isEqualTo(401);
              assertThat(e.getError().getCode()).isEqualTo("InvalidAuthenticationToken");
            });
    assertThat(sim.calls().get(0).authenticated()).isFalse();
    assertThat(sim.postCount(DeviceInventory.deterministicId(0))).isZero();
  }

  @Test
  void throttledResetSurfacesAs429WithRetryAfterInTheSdk() {
    sim.behavior(SimulatorBehavior.builder().throttle(1, 0, Duration.ofSeconds(20)).build());
    reset(DeviceInventory.deterministicId(6));
    clock.advance(Duration.ofMillis(4500));

    assertThatThrownBy(() -> reset(DeviceInventory.deterministicId(7)))
        .isInstanceOfSatisfying(
            ODataError.class,
            e -> {
              assertThat(e.getResponseStatusCode()).isEqualTo(429);
              assertThat(e.getError().getCode()).isEqualTo("TooManyRequests");
              assertThat(e.getResponseHeaders().get("retry-after")).containsExactly("16");
            });
    assertThat(sim.throttledCount()).isEqualTo(1);
  }

  @Test
  void acceptsAnyOfSeveralTokens() {
    try (GraphSimulator multi =
        GraphSimulator.builder()
            .inventory(DeviceInventory.deterministic(2))
            .acceptedTokens(Set.of("token-a", "token-b"))
            .start()) {
      ManagedDevice device =
          SdkClients.client(multi, "token-b")
              .deviceManagement()
              .managedDevices()
              .byManagedDeviceId(DeviceInventory.deterministicId(1))
              .get();
      assertThat(device.getDeviceName()).isEqualTo("SBX-00001");
    }
  }

  @ParameterizedTest
  @EnumSource(DeviceActionState.class)
  void everyDocumentedActionStateCanEndAResetAndParsesInTheSdk(DeviceActionState state) {
    sim.resetOutcome(ANDROID, new ResetOutcome(state, 0));
    reset(ANDROID);
    Instant start = clock.instant();

    assertThat(resetEntry(ANDROID).getActionState()).isEqualTo(ActionState.Pending);
    clock.advance(READY_AFTER);
    ResetPasscodeActionResult entry = resetEntry(ANDROID);

    assertThat(entry.getActionState()).isEqualTo(ActionState.forValue(state.graphName()));
    assertThat(entry.getPasscode() != null).isEqualTo(state == DeviceActionState.DONE);
    assertThat(entry.getStartDateTime().toInstant()).isEqualTo(start);
    assertThat(entry.getLastUpdatedDateTime().toInstant())
        .isEqualTo(state == DeviceActionState.PENDING ? start : start.plus(READY_AFTER));
  }

  @Test
  void aFailedResetCarriesTheGivenErrorCodeAndNoPasscode() {
    sim.resetOutcome(ANDROID, ResetOutcome.failed(1234));
    reset(ANDROID);
    clock.advance(READY_AFTER);

    ResetPasscodeActionResult entry = resetEntry(ANDROID);

    assertThat(entry.getActionState()).isEqualTo(ActionState.Failed);
    assertThat(entry.getErrorCode()).isEqualTo(1234);
    assertThat(entry.getPasscode()).isNull();
  }

  @Test
  void anOfflineDeviceStaysPendingWithoutAnErrorCodeHowEverLongItIsRead() {
    sim.resetOutcome(ANDROID, ResetOutcome.offline());
    reset(ANDROID);
    Instant start = clock.instant();
    clock.advance(Duration.ofDays(3));

    ResetPasscodeActionResult entry = resetEntry(ANDROID);

    assertThat(entry.getActionState()).isEqualTo(ActionState.Pending);
    assertThat(entry.getErrorCode()).isZero();
    assertThat(entry.getLastUpdatedDateTime().toInstant()).isEqualTo(start);
  }

  @Test
  void anOutcomeSetAfterThePostDecidesHowThatResetEnds() {
    reset(ANDROID);
    sim.resetOutcome(ANDROID, ResetOutcome.canceled());
    clock.advance(READY_AFTER);

    assertThat(resetEntry(ANDROID).getActionState()).isEqualTo(ActionState.Canceled);
  }

  @Test
  void anOutcomeAppliesToItsDeviceOnlyAndClearingItRestoresThePlatformsOwn() {
    sim.resetOutcome(ANDROID, ResetOutcome.canceled());
    sim.resetOutcome(WINDOWS, ResetOutcome.done());
    reset(ANDROID);
    reset(OTHER_ANDROID);
    reset(WINDOWS);
    clock.advance(READY_AFTER);

    assertThat(resetEntry(ANDROID).getActionState()).isEqualTo(ActionState.Canceled);
    assertThat(resetEntry(OTHER_ANDROID).getActionState()).isEqualTo(ActionState.Done);
    // Forced done on a platform that sets no passcode shows none.
    assertThat(resetEntry(WINDOWS).getActionState()).isEqualTo(ActionState.Done);
    assertThat(resetEntry(WINDOWS).getPasscode()).isNull();

    sim.clearResetOutcomes();

    assertThat(resetEntry(ANDROID).getActionState()).isEqualTo(ActionState.Done);
    assertThat(resetEntry(ANDROID).getPasscode()).matches("\\d{8}");
    assertThat(resetEntry(WINDOWS).getActionState()).isEqualTo(ActionState.NotSupported);
  }

  @Test
  void resetActionResultsForgetsResetsButKeepsOutcomes() {
    sim.resetOutcome(ANDROID, ResetOutcome.canceled());
    reset(ANDROID);
    sim.resetActionResults();
    reset(ANDROID);
    clock.advance(READY_AFTER);

    assertThat(resetEntry(ANDROID).getActionState()).isEqualTo(ActionState.Canceled);
  }

  @Test
  void theCheckInThatSettlesAResetMovesLastSyncDateTime() {
    reset(STALE);
    Instant start = clock.instant();
    assertThat(lastSync(STALE)).isEqualTo(Instant.parse(STALE_SYNC));

    clock.advance(READY_AFTER);

    assertThat(lastSync(STALE)).isEqualTo(start.plus(READY_AFTER));
  }

  @Test
  void anOfflineDeviceKeepsItsOldLastSyncDateTime() {
    sim.resetOutcome(STALE, ResetOutcome.offline());
    reset(STALE);
    clock.advance(Duration.ofDays(1));

    assertThat(lastSync(STALE)).isEqualTo(Instant.parse(STALE_SYNC));
  }
}
