package dev.intunereset.worker.dispatch;

import static dev.intunereset.worker.dispatch.FakeGraph.ok;
import static dev.intunereset.worker.dispatch.FakeGraph.resetAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pre-checks of a single validated device (no all-or-nothing validation): staleness and Apple
 * supervision, decided from the one lookup before the POST.
 */
class DeviceResetJobPreChecksTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final Duration STALE_AFTER = Duration.ofDays(30);
  private static final RequestOptions VALIDATED =
      RequestOptions.NONE.withValidateDeviceExists(true);

  private final ManualTime time = new ManualTime(T0);
  private final FakeGraph graph = new FakeGraph();
  private final List<JobResult> results = new ArrayList<>();
  private final JobContext ctx =
      ScriptedJobs.context(
          graph,
          new FakeGate(),
          time,
          Set.of(Platform.ANDROID_ENTERPRISE, Platform.IOS),
          Duration.ofMinutes(15),
          STALE_AFTER);

  private void run(RequestOptions options, boolean possiblyAttempted) {
    DeviceTask task = ScriptedJobs.firstTask(REQUEST, T0, options, Lane.INTERACTIVE, "d", 1);
    new DeviceResetJob(task, ctx, possiblyAttempted, results::add).start();
  }

  private DeviceOutcome theOutcome() {
    assertThat(results).hasSize(1);
    assertThat(results.get(0).outcomes()).hasSize(1);
    return results.get(0).outcomes().get(0);
  }

  private static ManagedDeviceInfo android(
      Instant lastSync, ManagedDeviceInfo.ActionResult... actions) {
    return new ManagedDeviceInfo(
        "d",
        "Android",
        "14",
        "androidForWork",
        "androidEnterprise",
        lastSync,
        null,
        List.of(actions));
  }

  private static ManagedDeviceInfo iPhone(Boolean supervised) {
    return new ManagedDeviceInfo(
        "d", "iOS", "18.1", "iPhone", "appleBulkWithUser", T0, supervised, List.of());
  }

  @Test
  void aStaleDeviceIsSkippedWithoutAPost() {
    graph.device(android(T0.minus(Duration.ofDays(31))));

    run(VALIDATED, false);

    DeviceOutcome o = theOutcome();
    assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.STALE_DEVICE);
    assertThat(o.attempts()).isZero();
    assertThat(graph.calls).containsExactly("GET d");
  }

  @Test
  void aForcedRequestResetsAStaleDevice() {
    graph.device(android(T0.minus(Duration.ofDays(31)))).resets("d", ok(204));

    run(VALIDATED.withForce(true), false);

    assertThat(theOutcome().reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(graph.calls).containsExactly("GET d", "POST d");
  }

  @Test
  void aRequestWithoutValidationIsNotCheckedForStalenessByTheCooldownLookup() {
    graph.device(android(T0.minus(Duration.ofDays(31)))).resets("d", ok(204));

    run(RequestOptions.NONE, false);

    assertThat(theOutcome().reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(graph.calls).containsExactly("GET d", "POST d");
  }

  @Test
  void aResetThisRequestAlreadyMadeStaysAlreadyResetEvenOnAStaleDevice() {
    graph.device(android(T0.minus(Duration.ofDays(31)), resetAt(T0.plusSeconds(1))));

    run(VALIDATED, true);

    assertThat(theOutcome().reasonCode()).isEqualTo(ReasonCode.ALREADY_RESET);
    assertThat(graph.calls).containsExactly("GET d");
  }

  @Test
  void anUnsupervisedIosDeviceIsRefusedAsUnsupportedWithoutAPost() {
    graph.device(iPhone(false));

    run(VALIDATED, false);

    DeviceOutcome o = theOutcome();
    assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PLATFORM);
    assertThat(o.message()).contains("supervised iOS/iPadOS devices only");
    assertThat(graph.calls).containsExactly("GET d");
  }

  @Test
  void anIosDeviceOfUnknownSupervisionIsReset() {
    graph.device(iPhone(null)).resets("d", ok(204));

    run(VALIDATED, false);

    assertThat(theOutcome().reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
  }
}
