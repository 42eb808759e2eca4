package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intunereset.contracts.ContractResources;
import dev.intunereset.contracts.RequestParser;
import dev.intunereset.contracts.ResetRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SubmitCommandTest {
  private static final String D1 = "00000000-0000-4000-8000-000000000001";
  private static final String D2 = "00000000-0000-4000-8000-000000000002";
  private static final String D3 = "00000000-0000-4000-8000-000000000003";
  private static final String ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

  @TempDir Path dir;

  private final FakeTransport transport = new FakeTransport();
  private final CliRunner cli = new CliRunner(transport);

  /** Parses a submit command line the way the CLI does, without running it. */
  private SubmitCommand parse(String... args) {
    CommandLine root = PasscodeResetCli.commandLine(cli.context());
    CommandLine.ParseResult result = root.parseArgs(prepend("submit", args));
    return (SubmitCommand) result.subcommand().commandSpec().userObject();
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static JsonNode json(String text) throws IOException {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void buildsEveryFieldFromFlagsInContractOrder() {
    ObjectNode request =
        parse(
                "--device",
                D1,
                "--device",
                D2,
                "--requested-by",
                "helpdesk-agent@contoso.com",
                "--reason",
                "INC0012345: user locked out",
                "--source",
                "servicenow",
                "--timeout",
                "10m",
                "--ignore-partial-failures",
                "--no-validate-device-exists",
                "--dry-run",
                "--deliver-passcode-to",
                "servicenow",
                "--request-id",
                ID)
            .buildRequest();

    assertThat(Json.compact(request))
        .isEqualTo(
            "{\"schemaVersion\":1,\"requestId\":\""
                + ID
                + "\",\"deviceIds\":[\""
                + D1
                + "\",\""
                + D2
                + "\"],\"requestedBy\":\"helpdesk-agent@contoso.com\","
                + "\"reason\":\"INC0012345: user locked out\",\"source\":\"servicenow\","
                + "\"ignorePartialFailures\":true,\"validateDeviceExists\":false,"
                + "\"timeout\":\"10m\",\"dryRun\":true,\"force\":false,"
                + "\"passcodeDelivery\":{\"recipient\":\"servicenow\"}}");
    assertThat(RequestParser.parse(Json.compact(request).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RequestParser.Parsed.class);
  }

  @Test
  void defaultsAreTheContractsAndTheRequestIdIsARandomUuid() throws IOException {
    ObjectNode a = parse("--device", D1, "--requested-by", "a", "--reason", "b").buildRequest();
    ObjectNode b = parse("--device", D1, "--requested-by", "a", "--reason", "b").buildRequest();

    ResetRequest request = Json.MAPPER.treeToValue(a, ResetRequest.class);
    assertThat(request.ignorePartialFailures())
        .isEqualTo(ResetRequest.DEFAULT_IGNORE_PARTIAL_FAILURES);
    assertThat(request.validateDeviceExists())
        .isEqualTo(ResetRequest.DEFAULT_VALIDATE_DEVICE_EXISTS);
    assertThat(request.dryRun()).isEqualTo(ResetRequest.DEFAULT_DRY_RUN);
    assertThat(request.timeout()).isNull();
    assertThat(request.source()).isEqualTo(SubmitCommand.DEFAULT_SOURCE);
    assertThat(request.force()).isEqualTo(ResetRequest.DEFAULT_FORCE);
    assertThat(a.has("timeout")).isFalse();
    assertThat(a.path("requestId").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")
        .isNotEqualTo(b.path("requestId").asText());
  }

  @Test
  void devicesFileSkipsBlankLinesAndCommentsAndAddsToDeviceFlags() throws IOException {
    Path file = dir.resolve("devices.txt");
    Files.writeString(
        file, "\uFEFF# ticket INC0012345\r\n" + D2 + "\r\n\r\n   " + D3 + "  \n# done\n");

    ObjectNode request =
        parse(
                "--device",
                D1,
                "--devices-file",
                file.toString(),
                "--requested-by",
                "a",
                "--reason",
                "b")
            .buildRequest();

    assertThat(request.get("deviceIds")).extracting(JsonNode::asText).containsExactly(D1, D2, D3);
  }

  @Test
  void submitPrintsOnlyTheRequestIdAndPublishesTheRequestKeyedByIt() throws IOException {
    int code =
        cli.run(
            "submit",
            "--device",
            D1,
            "--requested-by",
            "helpdesk-agent@contoso.com",
            "--reason",
            "INC0012345",
            "--request-id",
            ID);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(cli.out()).isEqualTo(ID + System.lineSeparator());
    assertThat(cli.err()).isEmpty();
    assertThat(transport.sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.topic()).isEqualTo("passcode-reset.requests");
              assertThat(s.key()).isEqualTo(ID);
              assertThat(s.valueText()).doesNotContain("\n");
            });
    ResetRequest sent = Json.MAPPER.readValue(transport.sent.get(0).value(), ResetRequest.class);
    assertThat(sent.requestId()).isEqualTo(UUID.fromString(ID));
    assertThat(sent.deviceIds()).containsExactly(D1);
    assertThat(transport.closed).isTrue();
  }

  @Test
  void aGeneratedRequestIdIsWhatIsPrintedAndWhatTheKeyIs() {
    int code =
        cli.run("submit", "--device", D1, "--requested-by", "a", "--reason", "b", "--topic", "t");

    assertThat(code).isZero();
    String printed = cli.out().strip();
    assertThat(UUID.fromString(printed).toString()).isEqualTo(printed);
    assertThat(transport.sent.get(0).key()).isEqualTo(printed);
    assertThat(transport.sent.get(0).topic()).isEqualTo("t");
  }

  @Test
  void theKeyIsTheLowerCaseIdSoTheWorkerNeedsNoRerouteHop() {
    String upper = ID.toUpperCase(java.util.Locale.ROOT);

    int code =
        cli.run(
            "submit",
            "--request-id",
            upper,
            "--device",
            D1,
            "--requested-by",
            "a",
            "--reason",
            "b");

    assertThat(code).isZero();
    assertThat(cli.out().strip()).isEqualTo(upper);
    assertThat(transport.sent.get(0).key()).isEqualTo(ID);
    assertThat(transport.sent.get(0).valueText()).contains("\"requestId\":\"" + upper + "\"");
  }

  @Test
  void anInvalidRequestIsNotPublishedAndEveryViolationIsPrintedNamingItsFlag() {
    int code =
        cli.run(
            "submit",
            "--device",
            "{" + D1 + "}",
            "--device",
            D2,
            "--reason",
            "b",
            "--source",
            "service now",
            "--timeout",
            "ten minutes");

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .contains("the request is invalid (4 problems); nothing was published")
        .contains("deviceIds[0] (--device/--devices-file): \"{" + D1 + "}\" must be a GUID")
        .contains("requestedBy (--requested-by): required")
        .contains("source (--source): \"service now\"")
        .contains("timeout (--timeout): \"ten minutes\" must be a duration")
        .doesNotContain("deviceIds[1]")
        .doesNotContain("Exception");
  }

  @Test
  void noFlagsAtAllListsWhatIsMissing() {
    int code = cli.run("submit");

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(cli.err())
        .contains("deviceIds (--device/--devices-file): at least one device is required")
        .contains("requestedBy (--requested-by): required")
        .contains("reason (--reason): required");
  }

  @Test
  void aRequestFileIsValidatedAndPublishedAsOneLine() throws IOException {
    Path file = dir.resolve("request.json");
    try (InputStream in =
        getClass()
            .getResourceAsStream(ContractResources.EXAMPLES_DIR + "reset-request.single.json")) {
      Files.write(file, in.readAllBytes());
    }
    JsonNode example = json(Files.readString(file));

    int code = cli.run("submit", "--file", file.toString());

    assertThat(code).isZero();
    String id = example.path("requestId").asText();
    assertThat(cli.out()).isEqualTo(id + System.lineSeparator());
    assertThat(transport.sent.get(0).key()).isEqualTo(id);
    assertThat(json(transport.sent.get(0).valueText())).isEqualTo(example);
    assertThat(transport.sent.get(0).valueText()).doesNotContain("\n");
  }

  @Test
  void aRequestCanComeFromStdin() {
    cli.stdin =
        "{\"schemaVersion\":1,\"requestId\":\""
            + ID
            + "\",\"deviceIds\":[\""
            + D1
            + "\"],\"requestedBy\":\"a\",\"reason\":\"b\"}";

    assertThat(cli.run("submit", "--file", "-")).isZero();
    assertThat(cli.out().strip()).isEqualTo(ID);
  }

  @Test
  void aFileWithATypoOrARepeatedFieldIsRejectedLocally() throws IOException {
    Path typo = dir.resolve("typo.json");
    Files.writeString(
        typo,
        "{\"schemaVersion\":1,\"requestId\":\""
            + ID
            + "\",\"deviceIds\":[\""
            + D1
            + "\"],\"requestedBy\":\"a\",\"reason\":\"b\",\"dryrun\":true}");
    Path repeated = dir.resolve("repeated.json");
    Files.writeString(
        repeated,
        "{\"schemaVersion\":1,\"requestId\":\""
            + ID
            + "\",\"deviceIds\":[\""
            + D1
            + "\"],\"requestedBy\":\"a\",\"requestedBy\":\"b\",\"reason\":\"b\"}");

    assertThat(cli.run("submit", "--file", typo.toString())).isEqualTo(ExitCodes.INVALID);
    assertThat(cli.run("submit", "--file", repeated.toString())).isEqualTo(ExitCodes.INVALID);

    assertThat(transport.sent).isEmpty();
    assertThat(cli.err())
        .contains("dryrun: unknown field")
        .doesNotContain("dryrun (--")
        .contains("is not valid JSON: Duplicate field 'requestedBy'");
  }

  @Test
  void skipValidationPublishesTheFileByteForByte() throws IOException {
    Path file = dir.resolve("braces.json");
    String text =
        "{ \"schemaVersion\": 1, \"requestId\": \""
            + ID
            + "\",\n  \"deviceIds\": [\"{"
            + D1
            + "}\"], \"requestedBy\": \"a\", \"reason\": \"b\" }\n";
    Files.writeString(file, text);

    int code = cli.run("submit", "--file", file.toString(), "--skip-validation");

    assertThat(code).isZero();
    assertThat(cli.out().strip()).isEqualTo(ID);
    assertThat(transport.sent.get(0).value()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void fileAndBuildingFlagsDoNotMix() {
    int code = cli.run("submit", "--file", "r.json", "--device", D1, "--dry-run");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("--file cannot be combined with --device, --dry-run");
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void unreadableInputFilesAreClearErrors() {
    assertThat(cli.run("submit", "--file", dir.resolve("missing.json").toString()))
        .isEqualTo(ExitCodes.INVALID);
    assertThat(
            cli.run(
                "submit",
                "--devices-file",
                dir.resolve("missing.txt").toString(),
                "--requested-by",
                "a",
                "--reason",
                "b"))
        .isEqualTo(ExitCodes.INVALID);

    assertThat(cli.err())
        .contains("cannot read --file " + dir.resolve("missing.json") + ": no such file")
        .contains("cannot read --devices-file " + dir.resolve("missing.txt") + ": no such file")
        .doesNotContain("Exception");
  }

  @Test
  void kafkaFailuresBecomeOneLineAndExitFour() {
    transport.failure = new CliException(ExitCodes.KAFKA, "publishing to t: no answer");

    int code = cli.run("submit", "--device", D1, "--requested-by", "a", "--reason", "b");

    assertThat(code).isEqualTo(ExitCodes.KAFKA);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().strip()).isEqualTo("passcode-reset submit: publishing to t: no answer");
  }

  @Test
  void unknownFlagsAreUsageErrorsWithSuggestions() {
    int code = cli.run("submit", "--devcie", D1);

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err())
        .contains("Unknown options: '--devcie'")
        .contains("--device")
        .contains("Try 'passcode-reset submit --help'");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(cli.run("submit", "--help")).isZero();
    assertThat(cli.out()).contains("--requested-by=WHO").contains("Exit codes:").contains("64");
  }

  @Test
  void kafkaSettingsComeFromFlagsPropertiesAndEnvironment() throws IOException {
    Path config = dir.resolve("client.properties");
    Files.writeString(
        config, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbootstrap.servers=cfg:9093\n");
    CliRunner withEnv =
        new CliRunner(transport, java.util.Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092"));
    List<String> request = List.of("--device", D1, "--requested-by", "a", "--reason", "b");

    withEnv.run(concat(List.of("submit"), request));
    assertThat(transport.settings.bootstrapServers()).isEqualTo("env:9092");

    withEnv.run(
        concat(
            List.of(
                "submit",
                "--kafka-config",
                config.toString(),
                "--kafka-property",
                "sasl.mechanism=SCRAM-SHA-512"),
            request));
    assertThat(transport.settings.bootstrapServers()).isEqualTo("cfg:9093");
    assertThat(transport.settings.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .doesNotContainKey("bootstrap.servers");

    withEnv.run(concat(List.of("submit", "--bootstrap-servers", "flag:9094"), request));
    assertThat(transport.settings.bootstrapServers()).isEqualTo("flag:9094");

    cli.run(concat(List.of("submit"), request));
    assertThat(transport.settings.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(transport.settings.connectTimeout()).hasSeconds(30);
  }

  private static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }
}
