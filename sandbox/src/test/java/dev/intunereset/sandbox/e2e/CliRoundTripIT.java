package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrator CLI as a script would run it: {@code java -jar passcode-reset-cli.jar submit},
 * then {@code watch}, as child processes against the shared broker and worker. Asserts the exit
 * codes the docs promise and that {@code submit} prints only the request id. The README's key
 * rotation example is run as its shell block reads.
 */
class CliRoundTripIT {
  /** Built by the cli module, which the sandbox's test dependency puts first in the reactor. */
  private static final Path JAR = Path.of("..", "cli", "target", "passcode-reset-cli.jar");

  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> ANDROID =
      DeviceInventory.firstResettableAndroidIds(3_020).subList(3_000, 3_020);
  private static final String UNKNOWN = "0badc0de-0000-4000-8000-00000000c11e";
  private static final String UUID_LINE =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + System.lineSeparator();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern OUTPUT_BLOCK = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL);

  private static SandboxStack stack;

  @TempDir Path dir;

  @BeforeAll
  static void startStack() {
    assumeTrue(
        Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing; build the cli module first");
    // A stack of its own: its worker reads a followed device a second after its reset (the
    // shared one waits an hour), so the README's watch --until settled ends within the test.
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults()
                .withWorkerEnv(
                    Map.of("SETTLE_FIRST_CHECK", "1s", "SETTLE_MAX_CHECK_INTERVAL", "1s")));
    stack.startWorker();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private record Run(int code, String out, String err) {}

  /** Runs the jar with the stack's broker and waits for it to exit. */
  private Run cli(String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--bootstrap-servers", stack.bootstrapServers()));
    return run(new ProcessBuilder(command), args[0], PROCESS_TIMEOUT);
  }

  /**
   * Runs a shell block of the README as a reader would after its {@code alias passcode-reset=...}
   * (a function here: scripts do not expand aliases), with the stack's broker in {@code
   * KAFKA_BOOTSTRAP_SERVERS}; stops at the first failing command, so its exit code is the last
   * command's or the failing one's.
   */
  private Run readmeBlock(String block, Duration timeout) throws IOException, InterruptedException {
    String script =
        "set -e\npasscode-reset() { \"$CLI_JAVA\" -jar \"$CLI_JAR\" \"$@\"; }\n" + block;
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
    builder
        .environment()
        .putAll(
            Map.of(
                "CLI_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "CLI_JAR",
                JAR.toAbsolutePath().toString(),
                "KAFKA_BOOTSTRAP_SERVERS",
                stack.bootstrapServers()));
    return run(builder, "the README block", timeout);
  }

  private Run run(ProcessBuilder builder, String what, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process process =
        builder
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("%s did not exit within %s; stderr: %s", what, timeout, Files.readString(err));
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * The README's shell block that submits with {@code --action rotate-bitlocker-keys}, and the
   * output block shown after it.
   */
  private static List<String> readmeRotationExample() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = SH_BLOCK.matcher(readme);
    List<Integer> found = new ArrayList<>();
    while (block.find()) {
      if (block.group(1).contains("--action rotate-bitlocker-keys")) {
        found.add(block.start());
      }
    }
    assertThat(found).as("README blocks with --action rotate-bitlocker-keys").hasSize(1);
    assertThat(block.find(found.get(0))).isTrue();
    Matcher shown = OUTPUT_BLOCK.matcher(readme);
    assertThat(shown.find(block.end())).as("an output block after the example").isTrue();
    return List.of(block.group(1), shown.group(1));
  }

  /** Output lines with the one value that differs between runs, the deadline, left out. */
  private static List<String> withoutDeadline(String output) {
    return output.lines().map(l -> l.replaceFirst(", deadline [^,]+,", ", deadline …,")).toList();
  }

  @Test
  void theReadmesKeyRotationOfAWindowsDeviceIsWatchedUntilItSettled() throws Exception {
    List<String> example = readmeRotationExample();
    String device = DeviceInventory.firstWindowsIds(1).get(0);
    assertThat(example.get(0))
        .as("the README rotates the keys of a Windows device the sandbox has")
        .contains("--device " + device + " ");

    // The README's --timeout bounds the watch, this only the process.
    Run run = readmeBlock(example.get(0), Duration.ofMinutes(6));

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(withoutDeadline(run.out()))
        .as("the output the README shows")
        .containsExactlyElementsOf(withoutDeadline(example.get(1)));
    assertThat(run.out()).contains("accepted: 1 device, rotateBitLockerKeys, lane INTERACTIVE");
    assertThat(stack.simulator().rotationCount(device)).isEqualTo(1);
  }

  @Test
  void aKeyRotationOfWindows1809FailsAsUnsupportedAndOneAskingForDeliveryIsNotPublished()
      throws Exception {
    // Every fifth Windows device of the deterministic fleet runs 1809, too old for rotation.
    String tooOld = DeviceInventory.firstWindowsIds(5).get(4);
    String id = UUID.randomUUID().toString();
    List<String> request =
        List.of(
            "submit",
            "--action",
            "rotate-bitlocker-keys",
            "--request-id",
            id,
            "--device",
            tooOld,
            "--requested-by",
            "helpdesk-agent@contoso.com",
            "--reason",
            "INC0012400");
    List<String> withDelivery = new ArrayList<>(request);
    withDelivery.addAll(List.of("--deliver-passcode-to", "servicenow"));

    Run refused = cli(withDelivery.toArray(String[]::new));
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .contains("nothing was published")
        .contains("passcodeDelivery (--deliver-passcode-to): rotateBitLockerKeys sets no passcode");

    Run submit = cli(request.toArray(String[]::new));
    assertThat(submit.code()).as(submit.err()).isZero();
    Run watch = cli("watch", id, "--timeout", "90s");

    assertThat(watch.code()).as(watch.out() + watch.err()).isEqualTo(1);
    assertThat(watch.out())
        .contains("accepted: 1 device, rotateBitLockerKeys")
        .containsPattern("\\] " + tooOld + " +FAILED +UNSUPPORTED_PLATFORM .*10\\.0\\.17763")
        .doesNotContain("rejected");
    assertThat(stack.simulator().rotationCount(tooOld)).isZero();
  }

  @Test
  void submitPrintsOnlyTheIdAndWatchExitsZeroWhenEveryDeviceSucceeded() throws Exception {
    List<String> devices = ANDROID.subList(0, 3);

    Run submit =
        cli(
            "submit",
            "--device",
            devices.get(0),
            "--device",
            devices.get(1),
            "--device",
            devices.get(2),
            "--requested-by",
            "helpdesk-agent@contoso.com",
            "--reason",
            "INC0012345: CLI round trip",
            "--source",
            "cli-it",
            "--timeout",
            "5m");

    assertThat(submit.code()).as(submit.err()).isZero();
    assertThat(submit.out()).matches(UUID_LINE);
    assertThat(submit.err()).isEmpty();
    String id = submit.out().strip();

    Run watch = cli("watch", id, "--timeout", "90s");

    assertThat(watch.code()).as(watch.out() + watch.err()).isZero();
    assertThat(watch.out())
        .contains("accepted: 3 devices, lane INTERACTIVE")
        .contains("completed: COMPLETED - succeeded 3, failed 0, skipped 0, timed out 0");
    for (String device : devices) {
      assertThat(watch.out()).containsPattern("\\] " + device + " +SUCCEEDED +RESET_ISSUED");
    }
    assertThat(watch.out()).doesNotContain("\r");
  }

  @Test
  void watchUntilSettledEndsAtTheWorkersRequestSettledOfADryRun() throws Exception {
    String id = UUID.randomUUID().toString();
    Run submit =
        cli(
            "submit",
            "--request-id",
            id,
            "--device",
            ANDROID.get(12),
            "--requested-by",
            "a@contoso.com",
            "--reason",
            "INC0012347",
            "--dry-run");
    assertThat(submit.code()).as(submit.err()).isZero();

    Run watch = cli("watch", id, "--until", "settled", "--timeout", "90s");

    assertThat(watch.code()).as(watch.out() + watch.err()).isZero();
    assertThat(watch.out())
        .contains("completed: COMPLETED")
        .endsWith("settled: no device to follow (none was reset)" + System.lineSeparator());
  }

  @Test
  void resubmittingAnAcceptedIdResetsNothingAgainAndWatchStillReportsTheOriginal()
      throws Exception {
    String device = ANDROID.get(3);
    String id = UUID.randomUUID().toString();
    String[] submit = {
      "submit",
      "--request-id",
      id,
      "--device",
      device,
      "--requested-by",
      "a@contoso.com",
      "--reason",
      "INC0012346"
    };

    assertThat(cli(submit).out()).isEqualTo(id + System.lineSeparator());
    assertThat(cli("watch", id, "--timeout", "90s").code()).isZero();

    Run again = cli(submit);
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo(id + System.lineSeparator());
    awaitRejection(UUID.fromString(id));

    // Client settings from a file, as docs/integration.md shows for TLS/SASL (PLAINTEXT here).
    Path clientProperties = dir.resolve("client.properties");
    Files.writeString(
        clientProperties, "security.protocol=PLAINTEXT\nclient.id=cli-round-trip-it\n");
    Run watch = cli("watch", id, "--kafka-config", clientProperties.toString(), "--timeout", "90s");
    assertThat(watch.code()).as(watch.out() + watch.err()).isZero();
    assertThat(watch.out()).contains("completed: COMPLETED");
    assertThat(stack.simulator().postCount(device)).isEqualTo(1);
  }

  @Test
  void watchExitsOneForPartialFailuresAndJsonLinesAreContractEvents() throws Exception {
    Path devicesFile = dir.resolve("devices.txt");
    Files.writeString(
        devicesFile, "# INC0012347\n" + ANDROID.get(4) + "\n" + UNKNOWN + "\n\n" + ANDROID.get(5));
    String id = UUID.randomUUID().toString();

    Run submit =
        cli(
            "submit",
            "--request-id",
            id,
            "--devices-file",
            devicesFile.toString(),
            "--ignore-partial-failures",
            "--requested-by",
            "soar-playbook",
            "--reason",
            "INC0012347",
            "--source",
            "sentinel-playbook");
    assertThat(submit.code()).as(submit.err()).isZero();
    assertThat(submit.out()).isEqualTo(id + System.lineSeparator());

    Run watch = cli("watch", id, "--json", "--timeout", "90s");

    assertThat(watch.code()).as(watch.out() + watch.err()).isEqualTo(1);
    List<JsonNode> events = new ArrayList<>();
    for (String line : watch.out().lines().toList()) {
      assertThat(ContractSchemas.violations(line.getBytes(StandardCharsets.UTF_8)))
          .as(line)
          .isEmpty();
      events.add(JSON.readTree(line));
    }
    assertThat(events).hasSize(5);
    assertThat(events.get(0).path("type").asText()).isEqualTo("RequestAccepted");
    assertThat(events.get(0).path("deviceCount").asInt()).isEqualTo(3);
    assertThat(events.subList(1, 4))
        .allMatch(e -> e.path("type").asText().equals("DeviceOutcome"))
        .anyMatch(
            e ->
                e.path("deviceId").asText().equals(UNKNOWN)
                    && e.path("reasonCode").asText().equals("NOT_FOUND"));
    assertThat(events.get(4).path("type").asText()).isEqualTo("RequestCompleted");
    assertThat(events.get(4).path("status").asText()).isEqualTo("COMPLETED_WITH_FAILURES");
  }

  @Test
  void aRequestTheWorkerRejectsMakesWatchExitTwo() throws Exception {
    String id = UUID.randomUUID().toString();
    Path request = dir.resolve("braces.json");
    Files.writeString(
        request,
        "{\"schemaVersion\":1,\"requestId\":\""
            + id
            + "\",\"deviceIds\":[\"{"
            + ANDROID.get(6)
            + "}\"],\"requestedBy\":\"helpdesk-agent@contoso.com\",\"reason\":\"INC0012348\"}");

    Run local = cli("submit", "--file", request.toString());
    assertThat(local.code()).isEqualTo(2);
    assertThat(local.out()).isEmpty();
    assertThat(local.err()).contains("deviceIds[0]").contains("nothing was published");

    Run submit = cli("submit", "--file", request.toString(), "--skip-validation");
    assertThat(submit.code()).as(submit.err()).isZero();
    assertThat(submit.out()).isEqualTo(id + System.lineSeparator());

    Run watch = cli("watch", id, "--timeout", "90s");

    assertThat(watch.code()).as(watch.out() + watch.err()).isEqualTo(2);
    assertThat(watch.out()).contains("rejected: ").contains("deviceIds[0]");
    assertThat(stack.simulator().postCount(ANDROID.get(6))).isZero();
  }

  @Test
  void watchExitsThreeWhenItsTimeoutPasses() throws Exception {
    String never = UUID.randomUUID().toString();

    Run watch = cli("watch", never, "--timeout", "3s");

    assertThat(watch.code()).isEqualTo(3);
    assertThat(watch.out()).isEmpty();
    assertThat(watch.err())
        .contains("waiting: no events for " + never)
        .contains("timed out after 3s");
  }

  @Test
  void aHeldMassResetIsWatchedApprovedByASecondPersonAndCompleted() throws Exception {
    List<String> devices = DeviceInventory.firstResettableAndroidIds(6_101).subList(6_000, 6_101);
    String id = submitUntrusted("mass.txt", devices, "SIR-2301");

    Run waiting = cli("watch", id, "--timeout", "10s");
    assertThat(waiting.code()).as(waiting.out() + waiting.err()).isEqualTo(3);
    assertThat(waiting.out())
        .contains("held for approval: 101 devices is over the threshold of 100")
        .contains("passcode-reset approve " + id);

    Run self = cli("approve", id, "--approver", "soc-analyst@contoso.com");
    assertThat(self.code()).as("published; the worker refuses it").isZero();
    Run approve =
        cli(
            "approve",
            id,
            "--approver",
            "soc-lead@contoso.com",
            "--comment",
            "confirmed with the IC");
    assertThat(approve.code()).as(approve.err()).isZero();

    Run watch = cli("watch", id, "--timeout", "110s");
    assertThat(watch.code()).as(watch.out() + watch.err()).isZero();
    assertThat(watch.out())
        .contains("approved by soc-lead@contoso.com: confirmed with the IC")
        .contains("accepted: 101 devices, lane BULK")
        .contains("completed: COMPLETED - succeeded 101");
    assertThat(watch.out()).doesNotContain("approved by soc-analyst");
    assertThat(devices).allMatch(d -> stack.simulator().postCount(d) == 1);
  }

  @Test
  void aHeldMassResetIsCanceledWithTheCommandAndWatchSaysSo() throws Exception {
    List<String> devices = DeviceInventory.firstResettableAndroidIds(6_301).subList(6_200, 6_301);
    String id = submitUntrusted("canceled.txt", devices, "SIR-2302");
    assertThat(cli("watch", id, "--timeout", "10s").out()).contains("held for approval");

    Run cancel =
        cli(
            "cancel",
            id,
            "--canceled-by",
            "soc-lead@contoso.com",
            "--reason",
            "wrong group",
            "--wait",
            "--timeout",
            "60s");

    assertThat(cancel.code()).as(cancel.out() + cancel.err()).isZero();
    assertThat(cancel.out()).contains("canceled by soc-lead@contoso.com");
    Run watch = cli("watch", id, "--timeout", "60s");
    assertThat(watch.code()).as("a canceled request").isEqualTo(5);
    assertThat(devices).allMatch(d -> stack.simulator().postCount(d) == 0);

    String unknown = UUID.randomUUID().toString();
    Run refused =
        cli(
            "cancel",
            unknown,
            "--canceled-by",
            "soc-lead@contoso.com",
            "--reason",
            "typo",
            "--wait",
            "--timeout",
            "60s");
    assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(6);
    assertThat(refused.out()).contains("UNKNOWN_REQUEST");
  }

  /** Submits {@code devices} as an untrusted analyst would, to be held; returns the id. */
  private String submitUntrusted(String fileName, List<String> devices, String reason)
      throws IOException, InterruptedException {
    Path devicesFile = dir.resolve(fileName);
    Files.writeString(devicesFile, String.join("\n", devices));
    String id = UUID.randomUUID().toString();
    Run submit =
        cli(
            "submit",
            "--request-id",
            id,
            "--devices-file",
            devicesFile.toString(),
            "--requested-by",
            "soc-analyst@contoso.com",
            "--reason",
            reason,
            "--source",
            "it-untrusted");
    assertThat(submit.code()).as(submit.err()).isZero();
    return id;
  }

  /** Waits for the worker's answer to a duplicate copy: a RequestRejected of the same id. */
  private static void awaitRejection(UUID id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
      while (System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(200))) {
          if (e instanceof RequestRejected r && r.requestId().equals(id)) {
            assertThat(r.problems()).anyMatch(p -> p.problem().contains("duplicate"));
            return;
          }
        }
      }
    }
    fail("no RequestRejected for the duplicate copy of %s", id);
  }
}
