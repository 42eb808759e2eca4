package dev.intunereset.worker.dispatch;

import static dev.intunereset.worker.dispatch.FakeGraph.android;
import static dev.intunereset.worker.dispatch.FakeGraph.http;
import static dev.intunereset.worker.dispatch.FakeGraph.ok;
import static dev.intunereset.worker.dispatch.FakeGraph.resetAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.graph.DeviceLookup;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import dev.intunereset.worker.task.ValidationTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The all-or-nothing decision of a validated request: every device is looked up before any is
 * reset, on manual time with Graph as a script and a gate that grants at once.
 */
class ValidationJobTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final List<String> DEVICES = List.of("d1", "d2", "d3");
  private static final RequestOptions ALL_OR_NOTHING =
      RequestOptions.NONE.withValidateDeviceExists(true);

  private final ManualTime time = new ManualTime(T0);
  private final FakeGate gate = new FakeGate();
  private final FakeGraph graph = new FakeGraph();
  private final List<JobResult> results = new ArrayList<>();
  private Set<Platform> policy = Set.of(Platform.ANDROID_ENTERPRISE);
  private Duration staleAfter = Duration.ZERO;

  private JobContext context(Duration cooldown) {
    return ScriptedJobs.context(graph, gate, time, policy, cooldown, staleAfter);
  }

  private static ValidationTask validation(RequestOptions options) {
    DeviceTask first =
        ScriptedJobs.firstTask(REQUEST, T0, options, Lane.BULK, DEVICES.get(0), DEVICES.size());
    return new ValidationTask(first, DEVICES);
  }

  private ValidationJob job(RequestOptions options, Duration cooldown) {
    return new ValidationJob(validation(options), context(cooldown), results::add);
  }

  private void allAndroid() {
    DEVICES.forEach(d -> graph.device(android(d)));
  }

  private JobResult theResult() {
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  @Test
  void everyDeviceValidFollowsUpWithPrevalidatedTasksAndNoOutcome() {
    allAndroid();

    job(ALL_OR_NOTHING, Duration.ZERO).start();

    JobResult r = theResult();
    assertThat(r.outcomes()).isEmpty();
    assertThat(r.followUps())
        .isEqualTo(
            validation(ALL_OR_NOTHING).tasks().stream().map(t -> t.validated("Android")).toList());
    assertThat(graph.calls).containsExactly("GET d1", "GET d2", "GET d3");
  }

  @Test
  void oneMissingDeviceResetsNoneAndSkipsTheOthersAsAborted() {
    graph.device(android("d1")).missing("d2").device(android("d3"));

    job(ALL_OR_NOTHING, Duration.ZERO).start();

    JobResult r = theResult();
    assertThat(r.followUps()).isEmpty();
    assertThat(r.outcomes())
        .extracting(DeviceOutcome::deviceId, DeviceOutcome::status, DeviceOutcome::reasonCode)
        .containsExactly(
            tuple("d1", OutcomeStatus.SKIPPED, ReasonCode.REQUEST_ABORTED),
            tuple("d2", OutcomeStatus.FAILED, ReasonCode.NOT_FOUND),
            tuple("d3", OutcomeStatus.SKIPPED, ReasonCode.REQUEST_ABORTED));
    assertThat(r.outcomes().get(0).message())
        .isEqualTo(
            "not reset: 1 of 3 devices failed validation and ignorePartialFailures is false");
    assertThat(r.outcomes().get(1).graph().httpStatus()).isEqualTo(404);
    assertThat(graph.calls).noneMatch(c -> c.startsWith("POST"));
  }

  @Test
  void anUnsupportedPlatformAbortsTheWholeRequest() {
    graph
        .device(android("d1"))
        .device(
            new ManagedDeviceInfo("d2", "macOS", "15", "macMDM", "appleBulkWithUser", List.of()))
        .device(android("d3"));

    job(ALL_OR_NOTHING, Duration.ZERO).start();

    assertThat(theResult().outcomes())
        .extracting(DeviceOutcome::reasonCode)
        .containsExactly(
            ReasonCode.REQUEST_ABORTED,
            ReasonCode.UNSUPPORTED_PLATFORM,
            ReasonCode.REQUEST_ABORTED);
    assertThat(theResult().outcomes().get(1).operatingSystem()).isEqualTo("macOS");
  }

  @Test
  void aDryRunWithEveryDeviceValidReportsEachAsDryRunAndFollowsUpWithNothing() {
    allAndroid();

    job(ALL_OR_NOTHING.withDryRun(true), Duration.ZERO).start();

    JobResult r = theResult();
    assertThat(r.followUps()).isEmpty();
    assertThat(r.outcomes())
        .extracting(
            DeviceOutcome::status, DeviceOutcome::reasonCode, DeviceOutcome::operatingSystem)
        .containsOnly(tuple(OutcomeStatus.SKIPPED, ReasonCode.DRY_RUN, "Android"))
        .hasSize(3);
  }

  @Test
  void aDeviceResetWithinTheCooldownIsSkippedWhileTheOthersFollowUp() {
    graph
        .device(android("d1"))
        .device(android("d2", resetAt(T0.minus(Duration.ofMinutes(10)))))
        .device(android("d3"));

    job(ALL_OR_NOTHING, Duration.ofHours(1)).start();

    JobResult r = theResult();
    assertThat(r.outcomes())
        .extracting(DeviceOutcome::deviceId, DeviceOutcome::status, DeviceOutcome::reasonCode)
        .containsExactly(tuple("d2", OutcomeStatus.SKIPPED, ReasonCode.RECENTLY_RESET));
    assertThat(r.followUps()).extracting(DeviceTask::deviceId).containsExactly("d1", "d3");
    assertThat(r.followUps()).allMatch(DeviceTask::prevalidated);
  }

  private static ManagedDeviceInfo lastSync(String id, Instant at) {
    return new ManagedDeviceInfo(
        id, "Android", "14", "androidForWork", "androidEnterprise", at, null, List.of());
  }

  @Test
  void aStaleDeviceIsSkippedWhileTheOthersFollowUp() {
    staleAfter = Duration.ofDays(30);
    graph
        .device(lastSync("d1", T0.minus(Duration.ofHours(2))))
        .device(lastSync("d2", T0.minus(Duration.ofDays(45))))
        .device(lastSync("d3", null));

    job(ALL_OR_NOTHING, Duration.ZERO).start();

    JobResult r = theResult();
    assertThat(r.outcomes())
        .extracting(DeviceOutcome::deviceId, DeviceOutcome::status, DeviceOutcome::reasonCode)
        .containsExactly(tuple("d2", OutcomeStatus.SKIPPED, ReasonCode.STALE_DEVICE));
    assertThat(r.outcomes().get(0).message()).contains("STALE_DEVICE_AFTER");
    assertThat(r.followUps()).extracting(DeviceTask::deviceId).containsExactly("d1", "d3");
  }

  @Test
  void aForcedRequestResetsAStaleDevice() {
    staleAfter = Duration.ofDays(30);
    graph
        .device(lastSync("d1", T0))
        .device(lastSync("d2", T0.minus(Duration.ofDays(45))))
        .device(lastSync("d3", T0));

    job(ALL_OR_NOTHING.withForce(true), Duration.ZERO).start();

    assertThat(theResult().outcomes()).isEmpty();
    assertThat(theResult().followUps()).hasSize(3);
  }

  @Test
  void aDryRunReportsAStaleDeviceAsTheRealRunWould() {
    staleAfter = Duration.ofDays(30);
    graph
        .device(lastSync("d1", T0))
        .device(lastSync("d2", T0.minus(Duration.ofDays(45))))
        .device(lastSync("d3", T0));

    job(ALL_OR_NOTHING.withDryRun(true), Duration.ZERO).start();

    assertThat(theResult().outcomes())
        .extracting(DeviceOutcome::reasonCode)
        .containsExactly(ReasonCode.DRY_RUN, ReasonCode.STALE_DEVICE, ReasonCode.DRY_RUN);
  }

  @Test
  void anUnsupervisedIosDeviceAbortsTheWholeRequestAsUnsupported() {
    policy = Set.of(Platform.ANDROID_ENTERPRISE, Platform.IOS);
    graph
        .device(android("d1"))
        .device(
            new ManagedDeviceInfo(
                "d2", "iOS", "18.1", "iPhone", "userEnrollment", T0, false, List.of()))
        .device(android("d3"));

    job(ALL_OR_NOTHING, Duration.ZERO).start();

    assertThat(theResult().outcomes())
        .extracting(DeviceOutcome::status, DeviceOutcome::reasonCode)
        .containsExactly(
            tuple(OutcomeStatus.SKIPPED, ReasonCode.REQUEST_ABORTED),
            tuple(OutcomeStatus.FAILED, ReasonCode.UNSUPPORTED_PLATFORM),
            tuple(OutcomeStatus.SKIPPED, ReasonCode.REQUEST_ABORTED));
    assertThat(theResult().outcomes().get(1).message()).contains("supervised");
    assertThat(graph.calls).noneMatch(c -> c.startsWith("POST"));
  }

  @Test
  void aForcedRequestIgnoresTheCooldown() {
    graph
        .device(android("d1"))
        .device(android("d2", resetAt(T0.minus(Duration.ofMinutes(10)))))
        .device(android("d3"));

    job(ALL_OR_NOTHING.withForce(true), Duration.ofHours(1)).start();

    assertThat(theResult().outcomes()).isEmpty();
    assertThat(theResult().followUps()).hasSize(3);
  }

  @Test
  void aResetSinceAcceptanceIsAlreadyResetAndItsPasscodeIsNotReadBack() {
    graph.device(android("d1")).device(android("d2", resetAt(T0))).device(android("d3"));

    job(ALL_OR_NOTHING.deliveredTo("servicenow"), Duration.ZERO).start();

    JobResult r = theResult();
    DeviceOutcome d2 = r.outcomes().get(0);
    assertThat(r.outcomes()).hasSize(1);
    assertThat(d2.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(d2.reasonCode()).isEqualTo(ReasonCode.ALREADY_RESET);
    assertThat(d2.passcode().status()).isEqualTo(PasscodeStatus.NOT_RETRIEVED);
    assertThat(d2.passcode().recipient()).isEqualTo("servicenow");
    assertThat(r.followUps()).extracting(DeviceTask::deviceId).containsExactly("d1", "d3");
  }

  @Test
  void aTransientLookupFailureIsRetriedBeforeTheRequestIsDecided() {
    graph
        .device(android("d1"))
        .lookups(
            "d2",
            new DeviceLookup(http(503, "ServiceUnavailable"), Optional.empty()),
            new DeviceLookup(ok(200), Optional.of(android("d2"))))
        .device(android("d3"));

    job(ALL_OR_NOTHING, Duration.ZERO).start();
    assertThat(results).isEmpty();
    time.advance(Duration.ofSeconds(1));

    assertThat(theResult().outcomes()).isEmpty();
    assertThat(theResult().followUps()).hasSize(3);
  }

  @Test
  void anAbandonedValidationReportsNothingAndLooksNothingUp() {
    allAndroid();
    gate.hold();
    ValidationJob job = job(ALL_OR_NOTHING, Duration.ZERO);

    job.start();
    boolean ended = job.abandon();
    gate.grantAll();

    assertThat(ended).isTrue();
    assertThat(job.isSettled()).isTrue();
    assertThat(results).isEmpty();
    assertThat(graph.calls).isEmpty();
  }
}
