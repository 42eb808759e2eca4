package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.SimulatedDevice;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Terraform action's pre-checks (issue 14, part 4) through the real broker, worker and the
 * simulator over HTTP: a device that stopped checking in (an inventory entry with an old {@code
 * lastSyncDateTime}) and an unsupervised iOS device (deterministic slot 16, Company Portal), with
 * iOS opted in. The simulator's call log shows which devices were POSTed.
 */
class PreChecksIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String LONG_AGO = "2024-02-01T08:30:00Z";
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(12);
  // Stale: the first four resettable Android devices; the rest check in as usual.
  private static final Set<String> STALE = Set.copyOf(ANDROID.subList(0, 4));
  private static final String SUPERVISED_IPHONE = DeviceInventory.deterministicId(14);
  private static final String UNSUPERVISED_IPHONE = DeviceInventory.deterministicId(16);
  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    List<SimulatedDevice> devices = new ArrayList<>();
    for (SimulatedDevice d : DeviceInventory.deterministic(40).devices()) {
      devices.add(STALE.contains(d.id()) ? lastSyncedAt(d, LONG_AGO) : d);
    }
    stack =
        SandboxStack.start(
            new SandboxStack.Options(
                0,
                0,
                0,
                DeviceInventory.of(devices),
                Map.of("PLATFORM_POLICY", "android-enterprise,aosp,ios")));
    stack.startWorker();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static SimulatedDevice lastSyncedAt(SimulatedDevice device, String at) {
    Map<String, Object> properties = new LinkedHashMap<>(device.properties());
    properties.put("lastSyncDateTime", at);
    return SimulatedDevice.of(properties);
  }

  private static long lookups(String deviceId) {
    return stack.simulator().calls().stream()
        .filter(c -> c.operation().equals(RecordedCall.GET_MANAGED_DEVICE))
        .filter(c -> deviceId.equalsIgnoreCase(c.deviceId()))
        .count();
  }

  private static RequestRun run(UUID id, List<String> devices, String extra) {
    return new RequestRun(stack.bootstrapServers())
        .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, devices, extra));
  }

  @Test
  void aDeviceThatStoppedCheckingInIsSkippedAsStaleWithoutAPost() {
    String device = ANDROID.get(0);
    UUID id = UUID.randomUUID();

    RequestRun run = run(id, List.of(device), "");

    DeviceOutcome o = run.onlyOutcome(id);
    assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.STALE_DEVICE);
    assertThat(o.message()).contains(LONG_AGO).contains("720h").contains("force");
    assertThat(o.attempts()).isZero();
    assertThat(lookups(device)).isEqualTo(1);
    assertThat(stack.simulator().postCount(device)).isZero();
    assertThat(run.completions(id).get(0).status()).isEqualTo(RequestStatus.COMPLETED);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {"1|\"force\":true", "3|\"validateDeviceExists\":false"})
  void aStaleDeviceIsResetWhenTheRequestForcesItOrDoesNotValidate(int index, String extra) {
    String device = ANDROID.get(index);
    UUID id = UUID.randomUUID();

    DeviceOutcome o = run(id, List.of(device), extra).onlyOutcome(id);

    assertThat(o.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(stack.simulator().postCount(device)).isEqualTo(1);
  }

  @Test
  void inAnAllOrNothingRequestAStaleDeviceIsSkippedAndTheOthersAreReset() {
    List<String> devices = List.of(ANDROID.get(2), ANDROID.get(8), ANDROID.get(9));
    UUID id = UUID.randomUUID();

    RequestRun run = run(id, devices, "\"ignorePartialFailures\":false");

    Map<String, DeviceOutcome> outcomes = run.outcomesByDevice(id);
    assertThat(outcomes.get(devices.get(0)).reasonCode()).isEqualTo(ReasonCode.STALE_DEVICE);
    assertThat(outcomes.get(devices.get(1)).reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(outcomes.get(devices.get(2)).reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(stack.simulator().postCount(devices.get(0))).isZero();
    assertThat(run.completions(id).get(0).status()).isEqualTo(RequestStatus.COMPLETED);
  }

  @Test
  void anUnsupervisedIphoneIsRefusedAsUnsupportedWithoutAPost() {
    UUID id = UUID.randomUUID();

    RequestRun run = run(id, List.of(UNSUPERVISED_IPHONE), "");

    DeviceOutcome o = run.onlyOutcome(id);
    assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PLATFORM);
    assertThat(o.message()).contains("unsupervised").contains("supervised iOS/iPadOS devices only");
    assertThat(o.operatingSystem()).isEqualTo("iOS");
    assertThat(stack.simulator().postCount(UNSUPERVISED_IPHONE)).isZero();
    assertThat(run.completions(id).get(0).status()).isEqualTo(RequestStatus.FAILED);
  }

  @Test
  void aSupervisedIphoneIsReset() {
    UUID id = UUID.randomUUID();

    DeviceOutcome o = run(id, List.of(SUPERVISED_IPHONE), "").onlyOutcome(id);

    assertThat(o.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(stack.simulator().postCount(SUPERVISED_IPHONE)).isEqualTo(1);
  }
}
