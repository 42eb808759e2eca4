package dev.intunereset.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.RequestLimits;
import dev.intunereset.contracts.RequestParser;
import dev.intunereset.contracts.ResetRequest;
import dev.intunereset.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code submit}: build or read a v1 request, check it with the contract's parser, publish it. */
@Command(
    name = "submit",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = PasscodeResetCli.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Publish a device action request (a passcode reset, or with --action rotate-bitlocker-keys"
          + " a BitLocker key rotation); print its requestId (only the id) on stdout.",
      "The request is built from the flags or read from --file, and checked first by the"
          + " contract's request parser, the worker's own rules with the contract's default limits"
          + " (10,000 devices, 1 MiB, timeout up to 24h): every problem is printed on stderr and"
          + " nothing is published if there is one.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published; the requestId is on stdout",
      "2:the request is invalid (every violation is on stderr; e.g. --deliver-passcode-to with"
          + " --action rotate-bitlocker-keys) or its file is unreadable",
      "4:Kafka could not be reached within --connect-timeout, access was denied, or publishing"
          + " failed",
      "64:bad flags (e.g. an --action other than reset-passcode or rotate-bitlocker-keys)"
    })
final class SubmitCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      converter = ActionConverter.class,
      description =
          "The device action: reset-passcode (the default) or rotate-bitlocker-keys (new BitLocker"
              + " recovery keys, kept in Entra ID, on Windows 10 1909+ or Windows 11 devices).")
  Action action;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description =
          "Read the request JSON from this file (- for stdin) instead of building it from flags.")
  String file;

  @Option(
      names = "--device",
      paramLabel = "GUID",
      description = "Intune managed device id; repeatable.")
  List<String> devices = new ArrayList<>();

  @Option(
      names = "--devices-file",
      paramLabel = "FILE",
      description =
          "File with one device id per line; blank lines and lines starting with # are skipped.")
  Path devicesFile;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      description = "Who asks for the reset (UPN or service identity); required.")
  String requestedBy;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why, typically starting with the ticket number; required.")
  String reason;

  /** The source of requests built from flags: the worker's default allowlist includes it. */
  static final String DEFAULT_SOURCE = "cli";

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description =
          "Calling system, [A-Za-z0-9._-]{1,64}, e.g. servicenow; the worker accepts only the"
              + " sources it is configured for. Default: "
              + DEFAULT_SOURCE
              + ".")
  String source;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description =
          "Deadline from acceptance: 30s, 10m, 2h45m or PT10M. Default: the worker's (1h).")
  String timeout;

  @Option(
      names = "--ignore-partial-failures",
      description =
          "Reset the valid devices even if others fail validation (default: all or nothing).")
  boolean ignorePartialFailures;

  @Option(
      names = "--no-validate-device-exists",
      description = "Do not look the devices up in Graph before resetting.")
  boolean noValidateDeviceExists;

  @Option(names = "--dry-run", description = "Validate and report DRY_RUN outcomes; reset nothing.")
  boolean dryRun;

  @Option(
      names = "--force",
      description =
          "Act even on devices given the same action within the worker's cooldown (default 15"
              + " minutes), or not"
              + " checked in for longer than its STALE_DEVICE_AFTER (default 30 days), which"
              + " would otherwise end SKIPPED / RECENTLY_RESET or STALE_DEVICE.")
  boolean force;

  @Option(
      names = "--deliver-passcode-to",
      paramLabel = "RECIPIENT",
      description =
          "Have the new passcode sealed (JWE) to this recipient configured on the worker and put"
              + " into the outcome; passcode resets only (a key rotation sets no passcode)."
              + " Default: none; it stays in the Intune admin center.")
  String passcodeRecipient;

  @Option(
      names = "--request-id",
      paramLabel = "UUID",
      description =
          "Idempotency key, e.g. derived from the ticket. Default: a random UUID. Resubmitting an"
              + " accepted id is rejected and resets nothing.")
  String requestId;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = Topics.REQUESTS,
      description = "Requests topic. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(
      names = "--skip-validation",
      description =
          "Publish without the local check (to test the worker's own validation, or for a worker"
              + " configured with larger limits than the contract's defaults).")
  boolean skipValidation;

  @Mixin ConnectionOptions connection;

  SubmitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Logging.configure(connection.verbose);
    boolean fromFile = file != null;
    byte[] message =
        fromFile ? readFile() : Json.compact(buildRequest()).getBytes(StandardCharsets.UTF_8);
    if (!skipValidation) {
      RequestParser.Result result = RequestParser.parse(message, RequestLimits.DEFAULTS);
      if (result instanceof RequestParser.Rejected rejected) {
        InvalidRequestReport.print(context.err(), rejected, file);
        return ExitCodes.INVALID;
      }
    }
    JsonNode json = tree(message);
    String id =
        json != null && json.path("requestId").isTextual() ? json.path("requestId").asText() : null;
    KafkaSettings settings = connection.resolve(context.env());
    // The worker hashes the lower-case id to find a request's home partition; a key in any other
    // case would cost a re-route hop.
    String key = id == null ? null : id.toLowerCase(Locale.ROOT);
    try (Transport.RequestSender sender = context.transport().sender(settings, topic)) {
      // A checked request goes out as one line; --skip-validation sends the bytes as given.
      sender.send(
          key,
          skipValidation || json == null
              ? message
              : Json.compact(json).getBytes(StandardCharsets.UTF_8));
    }
    if (id != null) {
      context.out().println(id);
      context.out().flush();
    } else {
      context.err().println("warning: published a message without a readable requestId");
      context.err().flush();
    }
    return ExitCodes.OK;
  }

  /** The message as a tree, or {@code null} when it is not (strict) JSON. */
  private static JsonNode tree(byte[] message) {
    try {
      return Json.MAPPER.readTree(message);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The request the flags describe, field by field as the contract orders them. Values are passed
   * through as given so that the contract's parser, not this method, decides what is valid: a
   * {@link ResetRequest} record cannot hold a request with a missing or malformed field, and the
   * requestId goes out as typed.
   */
  ObjectNode buildRequest() {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("schemaVersion", ResetRequest.CURRENT_SCHEMA_VERSION);
    request.put("requestId", requestId != null ? requestId : UUID.randomUUID().toString());
    ArrayNode ids = request.putArray("deviceIds");
    devices.forEach(d -> ids.add(d.strip()));
    if (devicesFile != null) {
      readDevicesFile(devicesFile).forEach(ids::add);
    }
    if (requestedBy != null) {
      request.put("requestedBy", requestedBy);
    }
    if (reason != null) {
      request.put("reason", reason);
    }
    request.put("source", source != null ? source : DEFAULT_SOURCE);
    request.put("ignorePartialFailures", ignorePartialFailures);
    request.put("validateDeviceExists", !noValidateDeviceExists);
    if (timeout != null) {
      request.put("timeout", timeout);
    }
    request.put("dryRun", dryRun);
    request.put("force", force);
    if (passcodeRecipient != null) {
      request.putObject("passcodeDelivery").put("recipient", passcodeRecipient);
    }
    // Written only when it is not the default, so a passcode request stays byte for byte the same.
    if (action != null && action != Action.DEFAULT) {
      request.put("action", action.graphName());
    }
    return request;
  }

  private List<String> fileExclusiveFlagsUsed() {
    Map<String, Boolean> flags = new LinkedHashMap<>();
    flags.put("--action", action != null);
    flags.put("--device", !devices.isEmpty());
    flags.put("--devices-file", devicesFile != null);
    flags.put("--requested-by", requestedBy != null);
    flags.put("--reason", reason != null);
    flags.put("--source", source != null);
    flags.put("--timeout", timeout != null);
    flags.put("--ignore-partial-failures", ignorePartialFailures);
    flags.put("--no-validate-device-exists", noValidateDeviceExists);
    flags.put("--dry-run", dryRun);
    flags.put("--force", force);
    flags.put("--request-id", requestId != null);
    flags.put("--deliver-passcode-to", passcodeRecipient != null);
    return flags.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
  }

  /** Device ids of a file, one per line; blank lines and {@code #} comments are skipped. */
  static List<String> readDevicesFile(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.INVALID, "cannot read --devices-file " + path + ": " + Errors.describe(e), e);
    }
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      String id = line.replace("\uFEFF", "").strip();
      if (!id.isEmpty() && !id.startsWith("#")) {
        ids.add(id);
      }
    }
    return ids;
  }

  private byte[] readFile() {
    if (!fileExclusiveFlagsUsed().isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--file cannot be combined with " + String.join(", ", fileExclusiveFlagsUsed()));
    }
    try {
      if ("-".equals(file)) {
        InputStream in = context.stdin();
        return in.readAllBytes();
      }
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.INVALID, "cannot read --file " + file + ": " + Errors.describe(e), e);
    }
  }
}
