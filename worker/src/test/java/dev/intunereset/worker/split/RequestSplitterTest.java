package dev.intunereset.worker.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.worker.config.WorkerConfig.SettlementSettings;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.task.DeviceTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestSplitterTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final UUID ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final List<String> DEVICES = List.of("d1", "d2", "d3");
  private static final SettlementSettings SETTLEMENT =
      new SettlementSettings(Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofMinutes(60));
  private static final SettlementSettings SETTLEMENT_OFF =
      new SettlementSettings(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(60));

  private record Request(
      UUID requestId,
      List<String> deviceIds,
      int duplicatesFolded,
      Lane lane,
      Duration timeout,
      String requestedBy,
      String reason,
      String source,
      boolean ignorePartialFailures,
      boolean validateDeviceExists,
      boolean dryRun,
      boolean force,
      String passcodeRecipient,
      boolean trackSettlement,
      Duration settleTimeout)
      implements SplitRequest {}

  private static Request request(
      List<String> devices, boolean validateDeviceExists, boolean ignorePartialFailures) {
    return new Request(
        ID,
        devices,
        1,
        Lane.BULK,
        Duration.ofMinutes(10),
        "agent@contoso.com",
        "INC1",
        "soar",
        ignorePartialFailures,
        validateDeviceExists,
        false,
        true,
        "servicenow",
        true,
        null);
  }

  private static Request settling(boolean track, Duration settleTimeout) {
    Request r = request(DEVICES, false, false);
    return new Request(
        r.requestId(),
        r.deviceIds(),
        r.duplicatesFolded(),
        r.lane(),
        r.timeout(),
        r.requestedBy(),
        r.reason(),
        r.source(),
        r.ignorePartialFailures(),
        r.validateDeviceExists(),
        r.dryRun(),
        r.force(),
        r.passcodeRecipient(),
        track,
        settleTimeout);
  }

  private static RequestAccepted accepted(Request request, SettlementSettings settlement) {
    return RequestSplitter.split(request, NOW, null, settlement).accepted();
  }

  @Test
  void oneTaskPerDeviceInRequestOrderWithTheDeadlineFromAcceptance() {
    RequestSplitter.Split split =
        RequestSplitter.split(request(DEVICES, false, false), NOW, null, SETTLEMENT);

    assertThat(split.validation()).isNull();
    assertThat(split.tasks()).extracting(DeviceTask::deviceId).containsExactlyElementsOf(DEVICES);
    assertThat(split.tasks()).extracting(DeviceTask::deviceIndex).containsExactly(0, 1, 2);
    DeviceTask first = split.tasks().get(0);
    assertThat(first.deviceCount()).isEqualTo(3);
    assertThat(first.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(first.request().acceptedAt()).isEqualTo(NOW);
    assertThat(first.options().force()).isTrue();
    assertThat(first.options().passcodeRecipient()).isEqualTo("servicenow");
    assertThat(first.prevalidated()).isFalse();
  }

  @Test
  void anAllOrNothingRequestBecomesOneValidationTaskHoldingEveryDevice() {
    RequestSplitter.Split split =
        RequestSplitter.split(request(DEVICES, true, false), NOW, null, SETTLEMENT);

    assertThat(split.tasks()).isEmpty();
    assertThat(split.validation().deviceIds()).containsExactlyElementsOf(DEVICES);
    assertThat(split.validation().tasks())
        .extracting(DeviceTask::deviceId)
        .containsExactlyElementsOf(DEVICES);
  }

  @Test
  void toleratedFailuresOrASingleDeviceNeedNoAllOrNothingValidation() {
    assertThat(
            RequestSplitter.split(request(DEVICES, true, true), NOW, null, SETTLEMENT).validation())
        .isNull();
    assertThat(
            RequestSplitter.split(request(List.of("d1"), true, false), NOW, null, SETTLEMENT)
                .validation())
        .isNull();
  }

  @Test
  void theAcceptanceCountsTheUniqueDevicesAndTheFoldedDuplicates() {
    var accepted =
        RequestSplitter.split(request(DEVICES, false, false), NOW, null, SETTLEMENT).accepted();

    assertThat(accepted.deviceCount()).isEqualTo(3);
    assertThat(accepted.duplicatesFolded()).isEqualTo(1);
    assertThat(accepted.acceptedAt()).isEqualTo(NOW);
    assertThat(accepted.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(accepted.lane()).isEqualTo(Lane.BULK);
  }

  @Test
  void everyTaskCarriesTheTraceTheRequestArrivedInThroughItsTopic() {
    String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    RequestSplitter.Split split =
        RequestSplitter.split(request(DEVICES, false, false), NOW, trace, SETTLEMENT);
    DeviceTask task = split.tasks().get(0);
    String json = new String(Json.write(task), StandardCharsets.UTF_8);

    assertThat(split.tasks()).allMatch(t -> trace.equals(t.request().traceparent()));
    assertThat(json).contains("\"traceparent\":\"" + trace + "\"");
    assertThat(Json.read(Json.write(task), DeviceTask.class)).isEqualTo(task);
  }

  @Test
  void aTaskWithoutTraceIsWrittenWithoutTheField() {
    DeviceTask task =
        RequestSplitter.split(request(DEVICES, false, false), NOW, null, SETTLEMENT).tasks().get(0);

    assertThat(new String(Json.write(task), StandardCharsets.UTF_8)).doesNotContain("traceparent");
  }

  @Test
  void aRequestThatLeavesSettlementToTheWorkerIsFollowedForTheWorkersTimeout() {
    RequestAccepted accepted = accepted(settling(true, null), SETTLEMENT);

    assertThat(accepted.trackSettlement()).isTrue();
    assertThat(accepted.settleTimeout()).isEqualTo("24h");
  }

  @Test
  void theRequestsSettleTimeoutWinsOverTheWorkers() {
    RequestAccepted accepted = accepted(settling(true, Duration.ofHours(48)), SETTLEMENT);

    assertThat(accepted.trackSettlement()).isTrue();
    assertThat(accepted.settleTimeout()).isEqualTo("48h");
  }

  @Test
  void aRequestThatOptsOutIsNotFollowedAndNamesNoTimeout() {
    RequestAccepted accepted = accepted(settling(false, Duration.ofHours(48)), SETTLEMENT);

    assertThat(accepted.trackSettlement()).isFalse();
    assertThat(accepted.tracksSettlement()).isFalse();
    assertThat(accepted.settleTimeout()).isNull();
  }

  @Test
  void aWorkerWithSettlementOffFollowsNoRequestWhateverItAsks() {
    RequestAccepted accepted = accepted(settling(true, Duration.ofHours(48)), SETTLEMENT_OFF);

    assertThat(accepted.trackSettlement()).isFalse();
    assertThat(accepted.settleTimeout()).isNull();
  }

  @Test
  void theAcceptanceIsWrittenWithItsSettlementFields() {
    RequestAccepted accepted = accepted(settling(true, Duration.ofMinutes(90)), SETTLEMENT);
    String json = new String(Json.write(accepted), StandardCharsets.UTF_8);

    assertThat(json).contains("\"trackSettlement\":true").contains("\"settleTimeout\":\"1h30m\"");
  }
}
