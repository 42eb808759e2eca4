package dev.intunereset.cli;

import static dev.intunereset.cli.Events.ID;
import static dev.intunereset.cli.Events.accepted;
import static dev.intunereset.cli.Events.acceptedTracked;
import static dev.intunereset.cli.Events.acceptedUntracked;
import static dev.intunereset.cli.Events.completed;
import static dev.intunereset.cli.Events.device;
import static dev.intunereset.cli.Events.deviceSettled;
import static dev.intunereset.cli.Events.outcome;
import static dev.intunereset.cli.Events.rejected;
import static dev.intunereset.cli.Events.requestSettled;
import static dev.intunereset.cli.Events.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestSettled.Counts;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.SettleState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code watch --until settled}: past RequestCompleted to RequestSettled, fed without Kafka. */
class WatchUntilSettledTest {
  private static final UUID OTHER = UUID.fromString("0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e");
  private static final String DEVICE_1 = device(1);
  private static final String DEVICE_2 = device(2);

  private final FakeTransport transport = new FakeTransport();
  private final CliRunner cli = new CliRunner(transport);

  private int watch(String... extra) {
    List<String> args = new ArrayList<>(List.of("watch", ID.toString()));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  private List<String> lines() {
    return cli.out().lines().toList();
  }

  /** Two devices reset and completed; their settlement follows in later polls. */
  private void twoDevicesCompleted() {
    transport
        .then(acceptedTracked(ID, 2, Duration.ofHours(24)), succeeded(ID, 1), succeeded(ID, 2))
        .then(completed(ID, RequestStatus.COMPLETED, 2, 0, 0, 0));
  }

  @Test
  void waitsPastRequestCompletedAndExitsZeroWhenEveryDeviceSettledDone() {
    twoDevicesCompleted();
    transport
        .then()
        .then(deviceSettled(ID, 2, SettleState.DONE, "done", null))
        .then(
            deviceSettled(ID, 1, SettleState.DONE, "done", null),
            requestSettled(ID, true, new Counts(2, 0, 0, 0, 0)));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.OK);

    assertThat(lines())
        .containsSubsequence(
            "completed: COMPLETED - succeeded 2, failed 0, skipped 0, timed out 0",
            "settling: following 2 devices until Intune shows each one's final state, at most"
                + " 24h",
            "[settled 1/2] "
                + DEVICE_2
                + "  DONE           done          Graph shows the action done",
            "[settled 2/2] "
                + DEVICE_1
                + "  DONE           done          Graph shows the action done",
            "settled: 2 devices - done 2, failed 0, not supported 0, canceled 0, unconfirmed 0");
    assertThat(lines().get(lines().size() - 1)).startsWith("settled: 2 devices");
    assertThat(cli.err()).isEmpty();
    assertThat(transport.polls).isEmpty();
    assertThat(transport.closed).isTrue();
  }

  @Test
  void aDeviceThatDidNotConfirmTheResetIsSevenAndEachLineSaysWhatGraphShowed() {
    twoDevicesCompleted();
    transport.then(
        deviceSettled(ID, 1, SettleState.FAILED, "failed", -2016281112),
        deviceSettled(ID, 2, SettleState.UNCONFIRMED, "pending", null),
        requestSettled(ID, true, new Counts(0, 1, 0, 0, 1)));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.NOT_SETTLED_DONE);

    assertThat(lines())
        .contains(
            "[settled 1/2] "
                + DEVICE_1
                + "  FAILED         failed        errorCode -2016281112  Graph shows the action"
                + " failed",
            "[settled 2/2] "
                + DEVICE_2
                + "  UNCONFIRMED    pending       Graph shows the action pending",
            "settled: 2 devices - done 0, failed 1, not supported 0, canceled 0, unconfirmed 1");
  }

  @Test
  void anUnconfirmedDeviceAloneIsSeven() {
    transport
        .then(
            acceptedTracked(ID, 1, Duration.ofHours(24)),
            succeeded(ID, 1),
            completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0))
        .then(
            deviceSettled(ID, 1, SettleState.UNCONFIRMED, null, null),
            requestSettled(ID, true, new Counts(0, 0, 0, 0, 1)));

    assertThat(watch("--until", "SETTLED")).isEqualTo(ExitCodes.NOT_SETTLED_DONE);
    assertThat(lines())
        .contains(
            "settling: following 1 device until Intune shows each one's final state, at most 24h");
    assertThat(cli.out())
        .contains("[settled 1/1] " + DEVICE_1 + "  UNCONFIRMED    -             Graph shows");
  }

  @Test
  void anUntrackedRequestEndsAtItsRequestSettledRightAfterCompletion() {
    transport.then(
        acceptedUntracked(ID, 1),
        succeeded(ID, 1),
        completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0),
        requestSettled(ID, false, Counts.NONE));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.OK);

    assertThat(lines())
        .endsWith(
            "completed: COMPLETED - succeeded 1, failed 0, skipped 0, timed out 0",
            "settled: not tracked (the request opted out, or the worker does not track it)");
    assertThat(cli.out()).doesNotContain("settling:");
  }

  @Test
  void aRequestThatResetNoDeviceSettlesWithNothingToFollow() {
    transport.then(
        accepted(ID, 1),
        outcome(ID, device(1), OutcomeStatus.SKIPPED, ReasonCode.DRY_RUN),
        completed(ID, RequestStatus.COMPLETED, 0, 0, 1, 0),
        requestSettled(ID, true, Counts.NONE));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.OK);
    assertThat(lines()).endsWith("settled: no device to follow (none was reset)");
  }

  @Test
  void aRequestWithFailuresKeepsExitOneAfterItsDevicesSettle() {
    transport
        .then(
            acceptedTracked(ID, 2, Duration.ofHours(24)),
            succeeded(ID, 1),
            outcome(ID, device(2), OutcomeStatus.FAILED, ReasonCode.NOT_FOUND),
            completed(ID, RequestStatus.COMPLETED_WITH_FAILURES, 1, 1, 0, 0))
        .then(
            deviceSettled(ID, 1, SettleState.UNCONFIRMED, "pending", null),
            requestSettled(ID, true, new Counts(0, 0, 0, 0, 1)));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.FAILED);
    assertThat(cli.out()).contains("settled: 1 device - done 0");
  }

  @Test
  void aCanceledRequestKeepsExitFiveAfterItsDevicesSettle() {
    transport
        .then(acceptedTracked(ID, 2, Duration.ofHours(24)), succeeded(ID, 1))
        .then(
            outcome(ID, device(2), OutcomeStatus.SKIPPED, ReasonCode.REQUEST_CANCELED),
            Events.canceled(ID, "oncall-sre@contoso.com", "INC0099", false),
            completed(ID, RequestStatus.CANCELED, 1, 0, 1, 0))
        .then(
            deviceSettled(ID, 1, SettleState.DONE, "done", null),
            requestSettled(ID, true, new Counts(1, 0, 0, 0, 0)));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.CANCELED);
    assertThat(cli.out()).contains("settled: 1 device - done 1");
  }

  @Test
  void aRejectedRequestStillEndsWithTwo() {
    transport.then(rejected(ID, "reason", "required"));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.INVALID);
  }

  @Test
  void anotherRequestsSettlementDoesNotEndTheWatch() {
    twoDevicesCompleted();
    transport
        .then(requestSettled(OTHER, true, new Counts(0, 0, 0, 0, 3)))
        .then(requestSettled(ID, true, new Counts(2, 0, 0, 0, 0)));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.OK);
    assertThat(cli.out()).doesNotContain("unconfirmed 3");
  }

  @Test
  void untilCompletedIsTheDefaultAndStopsAtRequestCompletedAsBefore() {
    for (String[] flags : List.of(new String[0], new String[] {"--until", "completed"})) {
      FakeTransport fresh = new FakeTransport();
      CliRunner run = new CliRunner(fresh);
      fresh
          .then(
              accepted(ID, 1), succeeded(ID, 1), completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0))
          .then(
              deviceSettled(ID, 1, SettleState.UNCONFIRMED, null, null),
              requestSettled(ID, true, new Counts(0, 0, 0, 0, 1)));
      List<String> args = new ArrayList<>(List.of("watch", ID.toString()));
      args.addAll(List.of(flags));

      assertThat(run.run(args.toArray(String[]::new))).as("%s", args).isEqualTo(ExitCodes.OK);
      assertThat(run.out().lines().toList())
          .as("%s", args)
          .endsWith("completed: COMPLETED - succeeded 1, failed 0, skipped 0, timed out 0");
      assertThat(run.out()).doesNotContain("settl");
      assertThat(fresh.polls).as("the settlement is not read").hasSize(1);
    }
  }

  @Test
  void aTimeoutWhileSettlingIsThreeAndSaysHowFarSettlementGot() {
    twoDevicesCompleted();
    transport.then(deviceSettled(ID, 1, SettleState.FAILED, "failed", 12));

    assertThat(watch("--until", "settled", "--timeout", "5s")).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(cli.err()).contains("timed out after 5s: completed, settled 1/2: 0 done, 1 failed");
  }

  @Test
  void jsonPrintsTheSettlementEventsAsOneLineEach() throws IOException {
    twoDevicesCompleted();
    transport.then(
        deviceSettled(ID, 1, SettleState.DONE, "done", null),
        deviceSettled(ID, 2, SettleState.NOT_SUPPORTED, "notSupported", null),
        requestSettled(ID, true, new Counts(1, 0, 1, 0, 0)));

    assertThat(watch("--until", "settled", "--json")).isEqualTo(ExitCodes.NOT_SETTLED_DONE);

    List<String> types = new ArrayList<>();
    for (String line : lines()) {
      JsonNode node = Json.MAPPER.readTree(line);
      types.add(node.path("type").asText());
    }
    assertThat(types)
        .containsExactly(
            "RequestAccepted",
            "DeviceOutcome",
            "DeviceOutcome",
            "RequestCompleted",
            "DeviceSettled",
            "DeviceSettled",
            "RequestSettled");
    assertThat(Json.MAPPER.readTree(lines().get(5)).path("actionState").asText())
        .isEqualTo("notSupported");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void onATerminalTheBarCountsSettledDevicesOnceTheRequestCompleted() {
    cli.terminal = true;
    twoDevicesCompleted();
    transport.then(
        deviceSettled(ID, 1, SettleState.DONE, "done", null),
        requestSettled(ID, true, new Counts(1, 0, 0, 0, 1)));

    assertThat(watch("--until", "settled")).isEqualTo(ExitCodes.NOT_SETTLED_DONE);
    assertThat(cli.out())
        .contains("\rsettled " + ProgressBar.render(0, 2, ProgressBar.DEFAULT_WIDTH))
        .contains("\rsettled " + ProgressBar.render(1, 2, ProgressBar.DEFAULT_WIDTH));
  }

  @Test
  void anUnknownEndingIsAUsageError() {
    assertThat(watch("--until", "done")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("'done' is not where a watch ends: completed or settled");
  }
}
