package dev.intunereset.cli;

import static dev.intunereset.cli.Events.ID;
import static dev.intunereset.cli.Events.accepted;
import static dev.intunereset.cli.Events.approved;
import static dev.intunereset.cli.Events.completed;
import static dev.intunereset.cli.Events.denied;
import static dev.intunereset.cli.Events.device;
import static dev.intunereset.cli.Events.held;
import static dev.intunereset.cli.Events.outcome;
import static dev.intunereset.cli.Events.rejected;
import static dev.intunereset.cli.Events.sealed;
import static dev.intunereset.cli.Events.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestStatus;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The watch's exit codes and output, computed from event sequences fed without Kafka. */
class WatchCommandTest {
  private static final UUID OTHER = UUID.fromString("0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e");

  private final FakeTransport transport = new FakeTransport();
  private final CliRunner cli = new CliRunner(transport);

  private int watch(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "watch";
    args[1] = ID.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    return cli.run(args);
  }

  private List<String> lines() {
    return cli.out().lines().toList();
  }

  @Test
  void showsWhatBecameOfEachPasscodeButNeverTheJwe() {
    transport
        .then(accepted(ID, 1), sealed(ID, 1, "servicenow"))
        .then(completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0));

    assertThat(watch()).isEqualTo(ExitCodes.OK);

    assertThat(lines())
        .contains(
            "[1/1] "
                + device(1)
                + "  SUCCEEDED  RESET_ISSUED          SUCCEEDED because RESET_ISSUED"
                + "  (passcode SEALED for servicenow)");
    assertThat(cli.out()).doesNotContain("eyJh");
  }

  @Test
  void completedIsZeroAndEveryOutcomeIsPrintedWithProgress() {
    transport
        .then(accepted(ID, 3), succeeded(ID, 1))
        .then(
            succeeded(ID, 2),
            outcome(ID, device(3), OutcomeStatus.SKIPPED, ReasonCode.DRY_RUN),
            completed(ID, RequestStatus.COMPLETED, 2, 0, 1, 0));

    assertThat(watch()).isEqualTo(ExitCodes.OK);

    assertThat(lines())
        .containsExactly(
            "accepted: 3 devices, lane INTERACTIVE, deadline 2026-11-23T09:36:53.589Z, all or"
                + " nothing",
            "[1/3] "
                + device(1)
                + "  SUCCEEDED  RESET_ISSUED          SUCCEEDED because RESET_ISSUED",
            "[2/3] "
                + device(2)
                + "  SUCCEEDED  RESET_ISSUED          SUCCEEDED because RESET_ISSUED",
            "[3/3] " + device(3) + "  SKIPPED    DRY_RUN               SKIPPED because DRY_RUN",
            "completed: COMPLETED - succeeded 2, failed 0, skipped 1, timed out 0");
    assertThat(cli.out()).doesNotContain("\r");
    assertThat(cli.err()).isEmpty();
    assertThat(transport.topic).isEqualTo("passcode-reset.results");
    assertThat(transport.watchedId).isEqualTo(ID);
    assertThat(transport.closed).isTrue();
  }

  @Test
  void completedWithFailuresIsOne() {
    transport.then(
        accepted(ID, 2),
        succeeded(ID, 1),
        outcome(ID, device(2), OutcomeStatus.FAILED, ReasonCode.NOT_FOUND),
        completed(ID, RequestStatus.COMPLETED_WITH_FAILURES, 1, 1, 0, 0));

    assertThat(watch()).isEqualTo(ExitCodes.FAILED);
    assertThat(cli.out())
        .contains("[2/2] " + device(2) + "  FAILED     NOT_FOUND")
        .contains("completed: COMPLETED_WITH_FAILURES - succeeded 1, failed 1");
  }

  @Test
  void failedIsOne() {
    transport.then(
        accepted(ID, 2),
        outcome(ID, device(1), OutcomeStatus.FAILED, ReasonCode.NOT_FOUND),
        outcome(ID, device(2), OutcomeStatus.SKIPPED, ReasonCode.REQUEST_ABORTED),
        completed(ID, RequestStatus.FAILED, 0, 1, 1, 0));

    assertThat(watch()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void timedOutDevicesMakeTheRequestFailedToo() {
    transport.then(
        accepted(ID, 1),
        outcome(ID, device(1), OutcomeStatus.TIMED_OUT, ReasonCode.DEADLINE_EXCEEDED),
        completed(ID, RequestStatus.FAILED, 0, 0, 0, 1));

    assertThat(watch()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void rejectedIsTwoAndPrintsEveryProblem() {
    transport.then(rejected(ID, "deviceIds[1]", "must be a bare GUID without braces"));

    assertThat(watch()).isEqualTo(ExitCodes.INVALID);
    assertThat(lines())
        .containsExactly(
            "rejected: 1 problem; no device was touched",
            "  deviceIds[1]: must be a bare GUID without braces");
  }

  @Test
  void aRejectionIsFinalOnlyOnceTheReaderCaughtUp() {
    // An id that was rejected may be submitted again, fixed, and accepted: reading from the
    // beginning, the old rejection comes first and must not end the watch.
    transport.caughtUpAfterPolls = 3;
    transport
        .then(rejected(ID, "reason", "required"))
        .then(accepted(ID, 1))
        .then(succeeded(ID, 1), completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0));

    assertThat(watch()).isEqualTo(ExitCodes.OK);
    assertThat(cli.out()).contains("rejected: 1 problem").contains("completed: COMPLETED");
  }

  @Test
  void aDuplicateCopyRejectedAfterAcceptanceDoesNotEndTheWatch() {
    transport
        .then(accepted(ID, 1), rejected(ID, "requestId", "duplicate of an accepted request"))
        .then(succeeded(ID, 1), completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0));

    assertThat(watch()).isEqualTo(ExitCodes.OK);
    assertThat(cli.out())
        .contains(
            "note: a duplicate copy of this request was rejected (requestId: duplicate of an"
                + " accepted request); the accepted request goes on");
  }

  @Test
  void aHeldRequestIsFollowedThroughItsApprovalToCompletion() {
    transport
        .then(held(ID, 150))
        .then(rejected(ID, "requestId", "duplicate: request " + ID + " is waiting for approval"))
        .then(approved(ID, "soc-lead@contoso.com"), accepted(ID, 150))
        .then(completed(ID, RequestStatus.COMPLETED, 150, 0, 0, 0));

    assertThat(watch()).isEqualTo(ExitCodes.OK);
    assertThat(lines().get(0))
        .startsWith("held for approval: 150 devices is over the threshold of 100")
        .contains("passcode-reset approve " + ID);
    assertThat(cli.out())
        .contains("note: a duplicate copy of this request was rejected")
        .contains("approved by soc-lead@contoso.com")
        .contains("completed: COMPLETED");
  }

  @Test
  void aDeniedRequestIsTwo() {
    transport
        .then(held(ID, 150))
        .then(
            denied(ID, "soc-lead@contoso.com"),
            rejected(ID, "approval", "denied by soc-lead@contoso.com: not needed"));

    assertThat(watch()).isEqualTo(ExitCodes.INVALID);
    assertThat(cli.out())
        .contains("denied by soc-lead@contoso.com: not needed")
        .contains("  approval: denied by soc-lead@contoso.com: not needed");
  }

  @Test
  void aRequestCompletedCanceledIsFiveNotAFailure() {
    transport
        .then(accepted(ID, 2), succeeded(ID, 1))
        .then(Events.cancelReceived(ID, "oncall-sre@contoso.com", "INC0099"))
        .then(
            outcome(ID, device(2), OutcomeStatus.SKIPPED, ReasonCode.REQUEST_CANCELED),
            Events.canceled(ID, "oncall-sre@contoso.com", "INC0099", false),
            completed(ID, RequestStatus.CANCELED, 1, 0, 1, 0));

    assertThat(watch()).isEqualTo(ExitCodes.CANCELED);
    assertThat(cli.out())
        .contains("cancel received from oncall-sre@contoso.com: INC0099")
        .contains("canceled by oncall-sre@contoso.com: INC0099; no device is called from")
        .contains("completed: CANCELED - succeeded 1, failed 0, skipped 1, timed out 0");
  }

  @Test
  void aHeldRequestCanceledIsFiveOnceItsRejectionIsRead() {
    transport
        .then(held(ID, 150))
        .then(
            Events.canceled(ID, "oncall-sre@contoso.com", "INC0099", true),
            rejected(ID, "$", "canceled by oncall-sre@contoso.com: INC0099"));

    assertThat(watch()).isEqualTo(ExitCodes.CANCELED);
    assertThat(cli.out())
        .contains("canceled by oncall-sre@contoso.com: INC0099; it was held for approval")
        .contains("  $: canceled by oncall-sre@contoso.com: INC0099");
  }

  @Test
  void cancelAppliedIsInternalProgressAndPrintsNoLine() {
    transport
        .then(accepted(ID, 1), Events.cancelApplied(ID, 0))
        .then(completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0));

    assertThat(watch()).isEqualTo(ExitCodes.OK);
    assertThat(lines()).hasSize(2);
  }

  @Test
  void otherRequestsAreIgnored() {
    transport
        .then(accepted(OTHER, 1), completed(OTHER, RequestStatus.FAILED, 0, 1, 0, 0))
        .then(accepted(ID, 1), succeeded(ID, 1))
        .then(completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0));

    assertThat(watch()).isEqualTo(ExitCodes.OK);
    assertThat(cli.out()).doesNotContain("FAILED");
  }

  @Test
  void timeoutIsThreeAndSaysHowFarItGot() {
    transport.then(accepted(ID, 4), succeeded(ID, 1));

    assertThat(watch("--timeout", "5s")).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(cli.err()).contains("timed out after 5s: 1/4 devices done");
    assertThat(transport.clock.get()).isGreaterThanOrEqualTo(5_000_000_000L);
  }

  @Test
  void waitingForARequestThatHasNoEventsIsSaidOnceOnStderr() {
    transport.caughtUpAfterPolls = 1;

    assertThat(watch("--timeout", "3s")).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines().filter(l -> l.startsWith("waiting: no events for " + ID)))
        .hasSize(1);
    assertThat(cli.err()).contains("timed out after 3s: no event for the request yet");
  }

  @Test
  void jsonPrintsEachEventAsOneLine() throws IOException {
    transport.then(
        accepted(ID, 1), succeeded(ID, 1), completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0));

    assertThat(watch("--json")).isZero();

    List<String> lines = lines();
    assertThat(lines).hasSize(3);
    List<String> types = new java.util.ArrayList<>();
    for (String line : lines) {
      JsonNode node = Json.MAPPER.readTree(line);
      assertThat(node.path("requestId").asText()).isEqualTo(ID.toString());
      types.add(node.path("type").asText());
    }
    assertThat(types).containsExactly("RequestAccepted", "DeviceOutcome", "RequestCompleted");
  }

  @Test
  void onATerminalTheProgressBarIsRedrawnInPlace() {
    cli.terminal = true;
    transport
        .then(accepted(ID, 2))
        .then(succeeded(ID, 1))
        .then(succeeded(ID, 2), completed(ID, RequestStatus.COMPLETED, 2, 0, 0, 0));

    assertThat(watch()).isZero();

    String out = cli.out();
    String bar0 = ProgressBar.render(0, 2, ProgressBar.DEFAULT_WIDTH);
    String bar1 = ProgressBar.render(1, 2, ProgressBar.DEFAULT_WIDTH);
    String blank = "\r" + " ".repeat(bar0.length()) + "\r";
    String nl = System.lineSeparator();
    assertThat(bar1).hasSameSizeAs(bar0);
    assertThat(out)
        .startsWith("accepted: 2 devices")
        .contains(nl + "\r" + bar0 + blank + "[1/2] " + device(1))
        .contains(nl + "\r" + bar1 + blank + "[2/2] " + device(2))
        .endsWith("completed: COMPLETED - succeeded 2, failed 0, skipped 0, timed out 0" + nl);
  }

  @Test
  void outcomeMessagesCannotBreakTheLayoutOrTheTerminal() {
    assertThat(HumanOutput.printable("Graph said:\n{\"error\":1}\u001b[2J\u202Eevil\r"))
        .isEqualTo("Graph said: {\"error\":1} [2J evil");
  }

  @Test
  void aBadRequestIdIsAUsageError() {
    assertThat(cli.run("watch", "{" + ID + "}")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("is not a requestId");
    assertThat(cli.run("watch", ID.toString(), "--timeout", "soon")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("'soon' is not a duration");
  }

  @Test
  void anUnreachableBrokerIsExitFourWithoutAStackTrace() {
    transport.failure = new CliException(ExitCodes.KAFKA, "reading t: no answer within 30s");

    assertThat(watch()).isEqualTo(ExitCodes.KAFKA);
    assertThat(cli.err().strip())
        .isEqualTo("passcode-reset watch: reading t: no answer within 30s");
  }
}
