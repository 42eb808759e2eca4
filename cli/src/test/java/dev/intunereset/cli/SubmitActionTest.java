package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.RequestParser;
import dev.intunereset.contracts.ResetRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code submit --action}: which device action a request asks for, and what goes with it. */
class SubmitActionTest {
  private static final String WINDOWS = "00000000-0000-4000-8000-000000000013";
  private static final String ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
  private static final String[] REQUEST = {
    "--request-id", ID, "--device", WINDOWS, "--requested-by", "a@contoso.com", "--reason", "INC1"
  };

  private final FakeTransport transport = new FakeTransport();
  private final CliRunner cli = new CliRunner(transport);

  private String built(String... flags) {
    CommandLine root = PasscodeResetCli.commandLine(cli.context());
    String[] args = concat(new String[] {"submit"}, concat(REQUEST, flags));
    SubmitCommand submit =
        (SubmitCommand) root.parseArgs(args).subcommand().commandSpec().userObject();
    ObjectNode request = submit.buildRequest();
    return Json.compact(request);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void rotateBitLockerKeysIsWrittenLastUnderTheContractsName() throws IOException {
    String request = built("--action", "rotate-bitlocker-keys");

    assertThat(request)
        .isEqualTo(
            "{\"schemaVersion\":1,\"requestId\":\""
                + ID
                + "\",\"deviceIds\":[\""
                + WINDOWS
                + "\"],\"requestedBy\":\"a@contoso.com\",\"reason\":\"INC1\",\"source\":\"cli\","
                + "\"ignorePartialFailures\":false,\"validateDeviceExists\":true,"
                + "\"dryRun\":false,\"force\":false,\"action\":\"rotateBitLockerKeys\"}");
    assertThat(Json.MAPPER.readValue(request, ResetRequest.class).action())
        .isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
    assertThat(RequestParser.parse(request.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RequestParser.Parsed.class);
  }

  @Test
  void aPasscodeRequestIsByteForByteTheSameWithOrWithoutResetPasscode() {
    String without = built();

    assertThat(built("--action", "reset-passcode")).isEqualTo(without);
    assertThat(without).doesNotContain("action");
  }

  @Test
  void theActionFlagIgnoresCaseAndSurroundingBlanks() {
    assertThat(built("--action", " Rotate-BitLocker-Keys "))
        .endsWith(",\"action\":\"rotateBitLockerKeys\"}");
  }

  @Test
  void submitPublishesARotationAndPrintsItsId() {
    int code =
        cli.run(concat(new String[] {"submit", "--action", "rotate-bitlocker-keys"}, REQUEST));

    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
    assertThat(cli.out()).isEqualTo(ID + System.lineSeparator());
    assertThat(transport.sent)
        .singleElement()
        .satisfies(s -> assertThat(s.valueText()).contains("\"action\":\"rotateBitLockerKeys\""));
  }

  @Test
  void anUnknownActionIsAUsageErrorListingBothActions() {
    int code = cli.run(concat(new String[] {"submit", "--action", "wipe"}, REQUEST));

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .contains(
            "Invalid value for option '--action': 'wipe' is not an action; use one of"
                + " reset-passcode (the default), rotate-bitlocker-keys")
        .contains("Try 'passcode-reset submit --help'");
  }

  @Test
  void theContractsGraphNameIsNotAFlagValue() {
    assertThat(cli.run(concat(new String[] {"submit", "--action", "rotateBitLockerKeys"}, REQUEST)))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void deliveringAPasscodeOfAKeyRotationIsRefusedBeforePublishing() {
    int code =
        cli.run(
            concat(
                new String[] {
                  "submit",
                  "--action",
                  "rotate-bitlocker-keys",
                  "--deliver-passcode-to",
                  "servicenow"
                },
                REQUEST));

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .contains("the request is invalid (1 problem); nothing was published")
        .contains(
            "passcodeDelivery (--deliver-passcode-to): rotateBitLockerKeys sets no passcode; the"
                + " new recovery key is kept in Entra ID, so there is nothing to deliver");
  }

  @Test
  void actionAndFileDoNotMix() {
    int code = cli.run("submit", "--file", "r.json", "--action", "rotate-bitlocker-keys");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("--file cannot be combined with --action");
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void helpNamesEveryActionAndTheDefault() {
    assertThat(cli.run("submit", "--help")).isZero();

    String help = cli.out().replaceAll("\\s+", " ");
    assertThat(help).contains("--action=ACTION").contains("reset-passcode (the default)");
    for (Action action : Action.values()) {
      assertThat(help).contains(ActionConverter.flagName(action));
    }
  }
}
