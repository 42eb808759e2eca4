package dev.intunereset.cli;

import static dev.intunereset.cli.Events.ID;
import static dev.intunereset.cli.Events.accepted;
import static dev.intunereset.cli.Events.cancelApplied;
import static dev.intunereset.cli.Events.cancelReceived;
import static dev.intunereset.cli.Events.cancelRefused;
import static dev.intunereset.cli.Events.canceled;
import static dev.intunereset.cli.Events.completed;
import static dev.intunereset.cli.Events.device;
import static dev.intunereset.cli.Events.held;
import static dev.intunereset.cli.Events.outcome;
import static dev.intunereset.cli.Events.rejected;
import static dev.intunereset.cli.Events.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intunereset.contracts.Cancel;
import dev.intunereset.contracts.CancelRefusal;
import dev.intunereset.contracts.ControlMessage;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cancel} publishes a Cancel and, with --wait, tells the worker's answer to it. */
class CancelCommandTest {
  private static final String WHO = "oncall-sre@contoso.com";
  private static final String WHY = "INC0099 wrong device list";

  private final FakeTransport transport = new FakeTransport();
  private final CliRunner cli = new CliRunner(transport);

  private int cancel(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("cancel", ID.toString(), "--canceled-by", WHO, "--reason", WHY));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  private int cancelWith(String canceledBy, String reason) {
    return cli.run("cancel", ID.toString(), "--canceled-by", canceledBy, "--reason", reason);
  }

  @Test
  void publishesACancelToTheApprovalsTopicKeyedByTheRequestId() throws IOException {
    assertThat(cancel()).as(cli.err()).isEqualTo(ExitCodes.OK);

    assertThat(transport.sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.topic()).isEqualTo("passcode-reset.approvals");
              assertThat(s.key()).isEqualTo(ID.toString());
            });
    JsonNode sent = Json.MAPPER.readTree(transport.sent.get(0).value());
    assertThat(sent.fieldNames())
        .toIterable()
        .containsExactly("type", "schemaVersion", "requestId", "canceledBy", "reason");
    assertThat(sent.path("type").asText()).isEqualTo("Cancel");
    assertThat(Json.MAPPER.treeToValue(sent, ControlMessage.class))
        .isEqualTo(new Cancel(1, ID, WHO, WHY));
  }

  @Test
  void withoutWaitItReadsNothingAndSaysHowToFollowTheRequest() {
    assertThat(cancel()).isEqualTo(ExitCodes.OK);

    assertThat(transport.sentWhenReaderOpened).isEqualTo(-1);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).contains("--wait").contains("passcode-reset watch " + ID);
  }

  @Test
  void publishesToTheTopicNamedByTopic() {
    assertThat(cancel("--topic", "staging.approvals")).isEqualTo(ExitCodes.OK);
    assertThat(transport.sent.get(0).topic()).isEqualTo("staging.approvals");
  }

  @Test
  void refusesABlankCanceledByLocally() {
    assertThat(cancelWith("   ", WHY)).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.err()).contains("nothing was published").contains("canceledBy: must not be");
  }

  @Test
  void refusesABlankReasonLocally() {
    assertThat(cancelWith(WHO, "")).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.err()).contains("reason: must not be blank");
  }

  @Test
  void refusesACanceledByLongerThan256Characters() {
    assertThat(cancelWith("a".repeat(257), WHY)).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.err()).contains("canceledBy: is 257 characters long; at most 256");
  }

  @Test
  void acceptsTextsOfExactlyTheLimits() {
    assertThat(cancelWith("a".repeat(256), "r".repeat(1024))).isEqualTo(ExitCodes.OK);
    assertThat(transport.sent).hasSize(1);
  }

  @Test
  void countsCharactersNotUtf16Units() {
    // 256 emoji are 512 UTF-16 units, but 256 characters, as the contract counts them.
    assertThat(cancelWith("\uD83D\uDE00".repeat(256), WHY)).isEqualTo(ExitCodes.OK);
  }

  @Test
  void refusesAReasonLongerThan1024Characters() {
    assertThat(cancelWith(WHO, "r".repeat(1025))).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.err()).contains("reason: is 1025 characters long; at most 1024");
  }

  @Test
  void refusesALineBreakInTheReason() {
    assertThat(cancelWith(WHO, "wrong list\nadmin: approved")).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.err()).contains("reason: must not contain control characters");
  }

  @Test
  void refusesABidiOverrideInCanceledBy() {
    assertThat(cancelWith("oncall\u202Eevil", WHY)).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.err()).contains("canceledBy: must not contain");
  }

  @Test
  void aRequestIdThatIsNotAUuidIsAUsageError() {
    assertThat(cli.run("cancel", "INC0099", "--canceled-by", WHO, "--reason", WHY))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("is not a requestId");
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void needsCanceledByAndReason() {
    assertThat(cli.run("cancel", ID.toString(), "--reason", WHY)).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("cancel", ID.toString(), "--canceled-by", WHO)).isEqualTo(ExitCodes.USAGE);
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void timeoutWithoutWaitIsAUsageError() {
    assertThat(cancel("--timeout", "30s")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("need --wait");
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(cli.run("cancel", "--help")).isZero();
    assertThat(cli.out()).contains("--canceled-by=WHO").contains("Exit codes:").contains("6");
  }

  @Test
  void waitOpensTheResultsReaderBeforePublishing() {
    transport.then(held(ID, 500), canceled(ID, WHO, WHY, true));

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.OK);

    assertThat(transport.sentWhenReaderOpened).isZero();
    assertThat(transport.sent).hasSize(1);
    assertThat(transport.topic).isEqualTo("passcode-reset.results");
    assertThat(transport.watchedId).isEqualTo(ID);
  }

  @Test
  void waitEndsOkWhenAHeldRequestIsCanceled() {
    transport.then(held(ID, 500)).then(canceled(ID, WHO, WHY, true));

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.OK);

    assertThat(cli.out())
        .contains(
            "canceled by oncall-sre@contoso.com: INC0099 wrong device list; it was held for"
                + " approval, no device was touched");
  }

  @Test
  void waitFollowsARunningRequestUntilItCompletesCanceledWithItsCounts() {
    transport
        .then(accepted(ID, 3), succeeded(ID, 1))
        .then(cancelReceived(ID, WHO, WHY))
        .then(
            outcome(ID, device(2), OutcomeStatus.SKIPPED, ReasonCode.REQUEST_CANCELED),
            cancelApplied(ID, 0),
            cancelApplied(ID, 1))
        .then(canceled(ID, WHO, WHY, false))
        .then(outcome(ID, device(3), OutcomeStatus.SKIPPED, ReasonCode.REQUEST_CANCELED))
        .then(completed(ID, RequestStatus.CANCELED, 1, 0, 2, 0));

    assertThat(cancel("--wait")).as(cli.err()).isEqualTo(ExitCodes.OK);

    List<String> lines = cli.out().lines().toList();
    assertThat(lines.get(0)).startsWith("accepted: 3 devices");
    assertThat(lines.get(1)).startsWith("[1/3] " + device(1) + "  SUCCEEDED");
    assertThat(lines.subList(2, lines.size()))
        .containsExactly(
            "cancel received from oncall-sre@contoso.com: INC0099 wrong device list; devices not"
                + " started yet will be skipped",
            "[2/3] "
                + device(2)
                + "  SKIPPED    REQUEST_CANCELED      SKIPPED because REQUEST_CANCELED",
            "canceled by oncall-sre@contoso.com: INC0099 wrong device list; no device is called"
                + " from 2026-11-23T09:27:25.589Z on",
            "[3/3] "
                + device(3)
                + "  SKIPPED    REQUEST_CANCELED      SKIPPED because REQUEST_CANCELED",
            "completed: CANCELED - succeeded 1, failed 0, skipped 2, timed out 0");
    assertThat(cli.err()).contains("cancel of " + ID + " published");
  }

  @Test
  void waitEndsOkWhenTheCompletionComesBeforeRequestCanceled() {
    transport.then(
        accepted(ID, 1),
        cancelReceived(ID, WHO, WHY),
        outcome(ID, device(1), OutcomeStatus.SKIPPED, ReasonCode.REQUEST_CANCELED),
        completed(ID, RequestStatus.CANCELED, 0, 0, 1, 0),
        canceled(ID, WHO, WHY, false));

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.OK);
    assertThat(cli.out()).contains("canceled by " + WHO);
  }

  @Test
  void waitExitsRefusedWhenTheRequestIsUnknown() {
    transport.then(cancelRefused(ID, WHO, CancelRefusal.UNKNOWN_REQUEST));

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.REFUSED);

    assertThat(cli.out())
        .contains(
            "cancel by oncall-sre@contoso.com refused: UNKNOWN_REQUEST: refused because"
                + " UNKNOWN_REQUEST");
  }

  @Test
  void waitExitsRefusedWhenTheRequestHadAlreadyFinished() {
    // The request's own RequestCompleted, long before the cancel, does not end the wait: the
    // answer to the cancel does.
    transport
        .then(accepted(ID, 1), succeeded(ID, 1), completed(ID, RequestStatus.COMPLETED, 1, 0, 0, 0))
        .then()
        .then(cancelReceived(ID, WHO, WHY))
        .then(cancelRefused(ID, WHO, CancelRefusal.ALREADY_FINISHED));

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.REFUSED);

    assertThat(cli.out()).contains("completed: COMPLETED").contains("refused: ALREADY_FINISHED");
  }

  @Test
  void waitExitsRefusedWhenAHeldRequestWasAlreadyDenied() {
    transport.then(
        held(ID, 500),
        Events.denied(ID, "soc-lead@contoso.com"),
        rejected(ID, "$", "denied by soc-lead@contoso.com"),
        cancelRefused(ID, WHO, CancelRefusal.ALREADY_FINISHED));

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.REFUSED);
  }

  @Test
  void waitIgnoresTheAnswersToAnotherOperatorsCancel() {
    String other = "soc-lead@contoso.com";
    transport
        .then(accepted(ID, 2), cancelReceived(ID, other, "first"))
        .then(cancelRefused(ID, other, CancelRefusal.ALREADY_CANCELED))
        .then(canceled(ID, other, "first", false))
        .then(cancelRefused(ID, WHO, CancelRefusal.ALREADY_CANCELED));

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.REFUSED);

    assertThat(cli.out())
        .contains("cancel by soc-lead@contoso.com refused: ALREADY_CANCELED")
        .contains("cancel by oncall-sre@contoso.com refused: ALREADY_CANCELED");
    assertThat(transport.polls).isEmpty();
  }

  @Test
  void waitPrintsEachEventAsJsonWithJson() throws IOException {
    transport.then(held(ID, 500), canceled(ID, WHO, WHY, true), rejected(ID, "$", "canceled"));

    assertThat(cancel("--wait", "--json")).isEqualTo(ExitCodes.OK);

    List<String> lines = cli.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode answer = Json.MAPPER.readTree(lines.get(1));
    assertThat(answer.path("type").asText()).isEqualTo("RequestCanceled");
    assertThat(answer.path("wasHeld").asBoolean()).isTrue();
  }

  @Test
  void waitGivesUpAtTheTimeout() {
    transport.then(accepted(ID, 1));

    assertThat(cancel("--wait", "--timeout", "5s")).isEqualTo(ExitCodes.TIMED_OUT);

    assertThat(transport.sent).hasSize(1);
    assertThat(cli.err()).contains("timed out after 5s");
  }

  @Test
  void waitPublishesNothingWhenTheResultsCannotBeRead() {
    transport.failure = new CliException(ExitCodes.KAFKA, "reading t: no answer within 30s");

    assertThat(cancel("--wait")).isEqualTo(ExitCodes.KAFKA);

    assertThat(transport.sent).isEmpty();
  }
}
