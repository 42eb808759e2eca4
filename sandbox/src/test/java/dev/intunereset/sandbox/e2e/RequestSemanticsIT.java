package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Terraform action's semantics, asserted on the results topic and on the simulator's call log:
 * which devices were (not) POSTed is the evidence that matters.
 */
class RequestSemanticsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(4_000);
  private static final String UNKNOWN = "0badc0de-0000-4000-8000-0000000000b1";
  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    stack = SharedStack.get();
  }

  private static List<String> android(int from, int count) {
    return ANDROID.subList(from, from + count);
  }

  private static long calls(String deviceId, String operation) {
    return stack.simulator().calls().stream()
        .filter(c -> c.operation().equals(operation) && deviceId.equalsIgnoreCase(c.deviceId()))
        .count();
  }

  private static Map<String, DeviceOutcome> byDevice(RequestRun run, UUID id) {
    return run.outcomes(id).stream()
        .collect(Collectors.toMap(DeviceOutcome::deviceId, Function.identity()));
  }

  private static RequestRun run(UUID id, List<String> devices, String extra) {
    return new RequestRun(stack.bootstrapServers())
        .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, devices, extra));
  }

  @Test
  void allOrNothingResetsNoDeviceWhenOneFailsValidation() {
    UUID id = UUID.randomUUID();
    List<String> known = android(2000, 3);
    List<String> all = new ArrayList<>(known);
    all.add(UNKNOWN);

    RequestRun run = run(id, all, "\"ignorePartialFailures\":false");

    Map<String, DeviceOutcome> outcomes = byDevice(run, id);
    assertThat(outcomes).hasSize(4);
    assertThat(outcomes.get(UNKNOWN).status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcomes.get(UNKNOWN).reasonCode()).isEqualTo(ReasonCode.NOT_FOUND);
    for (String d : known) {
      assertThat(outcomes.get(d).status()).isEqualTo(OutcomeStatus.SKIPPED);
      assertThat(outcomes.get(d).reasonCode()).isEqualTo(ReasonCode.REQUEST_ABORTED);
      assertThat(outcomes.get(d).operatingSystem()).isEqualTo("Android");
      assertThat(calls(d, RecordedCall.GET_MANAGED_DEVICE)).isEqualTo(1);
    }
    assertThat(all).allMatch(d -> calls(d, "resetPasscode") == 0);
    assertThat(run.completions(id))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(RequestStatus.FAILED);
              assertThat(c.counts()).isEqualTo(new RequestCompleted.Counts(0, 1, 3, 0));
            });
  }

  @Test
  void allOrNothingResetsEveryDeviceWhenAllPassValidation() {
    UUID id = UUID.randomUUID();
    List<String> devices = android(2010, 4);

    RequestRun run = run(id, devices, "\"ignorePartialFailures\":false");

    assertThat(run.outcomes(id)).hasSize(4).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
    assertThat(run.outcomes(id)).allMatch(o -> "Android".equals(o.operatingSystem()));
    assertThat(devices).allMatch(d -> calls(d, RecordedCall.GET_MANAGED_DEVICE) == 1);
    assertThat(devices).allMatch(d -> calls(d, "resetPasscode") == 1);
    assertThat(run.completions(id).get(0).status()).isEqualTo(RequestStatus.COMPLETED);
  }

  @Test
  void partialFailuresResetTheValidDevicesAndReportCompletedWithFailures() {
    UUID id = UUID.randomUUID();
    List<String> known = android(2020, 2);
    String windows = DeviceInventory.deterministicId(18);
    List<String> all = new ArrayList<>(known);
    all.add(UNKNOWN);
    all.add(windows);

    RequestRun run = run(id, all, "\"ignorePartialFailures\":true");

    Map<String, DeviceOutcome> outcomes = byDevice(run, id);
    assertThat(outcomes.get(UNKNOWN).reasonCode()).isEqualTo(ReasonCode.NOT_FOUND);
    assertThat(outcomes.get(windows).status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcomes.get(windows).reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PLATFORM);
    assertThat(outcomes.get(windows).operatingSystem()).isEqualTo("Windows");
    assertThat(calls(windows, "resetPasscode")).isZero();
    assertThat(known).allMatch(d -> outcomes.get(d).status() == OutcomeStatus.SUCCEEDED);
    RequestCompleted completed = run.completions(id).get(0);
    assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED_WITH_FAILURES);
    assertThat(completed.counts()).isEqualTo(new RequestCompleted.Counts(2, 2, 0, 0));
  }

  @Test
  void iosIsUnsupportedUnlessThePolicyOptsIn() {
    UUID id = UUID.randomUUID();
    String iphone = DeviceInventory.deterministicId(14);

    RequestRun run = run(id, List.of(iphone), "");

    DeviceOutcome o = run.outcomes(id).get(0);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PLATFORM);
    assertThat(o.message()).contains("ios").contains("opt-in");
    assertThat(calls(iphone, "resetPasscode")).isZero();
  }

  @Test
  void withoutValidationTheCooldownStillLooksEachDeviceUpOnceAndAnUnknownOneIsNotFound() {
    UUID id = UUID.randomUUID();
    String known = android(2030, 1).get(0);
    String unknown = "0badc0de-0000-4000-8000-0000000000b2";

    RequestRun run =
        run(
            id,
            List.of(known, unknown),
            "\"validateDeviceExists\":false,\"ignorePartialFailures\":true");

    Map<String, DeviceOutcome> outcomes = byDevice(run, id);
    assertThat(outcomes.get(known).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcomes.get(unknown).reasonCode()).isEqualTo(ReasonCode.NOT_FOUND);
    assertThat(outcomes.get(unknown).attempts()).isZero();
    assertThat(calls(known, RecordedCall.GET_MANAGED_DEVICE)).isEqualTo(1);
    assertThat(calls(unknown, RecordedCall.GET_MANAGED_DEVICE)).isEqualTo(1);
    assertThat(calls(unknown, "resetPasscode")).isZero();
  }

  @Test
  void withoutValidationAndWithForceThereAreNoLookupsAndA404StillMeansNotFound() {
    UUID id = UUID.randomUUID();
    String known = android(2031, 1).get(0);
    String unknown = "0badc0de-0000-4000-8000-0000000000b3";

    RequestRun run =
        run(
            id,
            List.of(known, unknown),
            "\"validateDeviceExists\":false,\"ignorePartialFailures\":true,\"force\":true");

    Map<String, DeviceOutcome> outcomes = byDevice(run, id);
    assertThat(outcomes.get(known).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcomes.get(known).operatingSystem()).isNull();
    assertThat(outcomes.get(unknown).reasonCode()).isEqualTo(ReasonCode.NOT_FOUND);
    assertThat(outcomes.get(unknown).attempts()).isEqualTo(1);
    assertThat(calls(known, RecordedCall.GET_MANAGED_DEVICE)).isZero();
    assertThat(calls(unknown, RecordedCall.GET_MANAGED_DEVICE)).isZero();
    assertThat(calls(unknown, "resetPasscode")).isEqualTo(1);
  }

  @Test
  void dryRunReportsWhatWouldBeResetWithoutAnyPost() {
    UUID id = UUID.randomUUID();
    List<String> devices = android(2040, 3);

    RequestRun run = run(id, devices, "\"dryRun\":true");

    assertThat(run.acceptances(id).get(0).dryRun()).isTrue();
    assertThat(run.outcomes(id))
        .hasSize(3)
        .allSatisfy(
            o -> {
              assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
              assertThat(o.reasonCode()).isEqualTo(ReasonCode.DRY_RUN);
            });
    assertThat(devices).allMatch(d -> calls(d, "resetPasscode") == 0);
    assertThat(run.completions(id).get(0).status()).isEqualTo(RequestStatus.COMPLETED);
  }

  @Test
  void devicesNotStartedByTheDeadlineTimeOutAndAreNeverCalled() {
    UUID id = UUID.randomUUID();
    List<String> devices = android(2100, 200);
    stack
        .simulator()
        .behavior(SimulatorBehavior.builder().latency(Duration.ofMillis(1500)).build());
    RequestRun run;
    try {
      run =
          run(
              id,
              devices,
              "\"validateDeviceExists\":false,\"timeout\":\"2s\",\"ignorePartialFailures\":true");
    } finally {
      stack.simulator().behavior(SimulatorBehavior.perfect());
    }

    List<DeviceOutcome> outcomes = run.outcomes(id);
    assertThat(outcomes).hasSize(200);
    List<DeviceOutcome> timedOut =
        outcomes.stream().filter(o -> o.status() == OutcomeStatus.TIMED_OUT).toList();
    assertThat(timedOut).isNotEmpty();
    assertThat(outcomes).anyMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
    for (DeviceOutcome o : timedOut) {
      assertThat(o.reasonCode()).isEqualTo(ReasonCode.DEADLINE_EXCEEDED);
      assertThat(o.attempts()).isZero();
      assertThat(o.startedAt()).isNull();
      assertThat(calls(o.deviceId(), "resetPasscode"))
          .as("never called after the deadline")
          .isZero();
    }
    RequestCompleted completed = run.completions(id).get(0);
    assertThat(completed.counts().timedOut()).isEqualTo(timedOut.size());
    assertThat(completed.counts().total()).isEqualTo(200);
  }

  @Test
  void aRepeatedRequestIdIsRejectedAndNeverResetsAgain() {
    UUID id = UUID.randomUUID();
    List<String> devices = android(2400, 2);
    String message = RequestRun.request(id, devices, "");
    run(id, devices, "");

    // The same id again, also sent with a different key so it lands on another partition first.
    RequestRun again =
        new RequestRun(stack.bootstrapServers()).publishAndAwaitRejection(id, TIMEOUT, message);

    assertThat(again.rejections(id))
        .hasSize(3)
        .allSatisfy(
            r ->
                assertThat(r.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.field()).isEqualTo("requestId");
                          assertThat(p.problem()).contains("duplicate");
                        }));
    assertThat(again.acceptances(id)).hasSize(1);
    assertThat(again.completions(id)).hasSize(1);
    assertThat(again.outcomes(id)).hasSize(2);
    assertThat(devices).allMatch(d -> calls(d, "resetPasscode") == 1);
  }
}
