package dev.intunereset.worker.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestRejected.Problem;
import dev.intunereset.contracts.ResetRequest;
import dev.intunereset.worker.config.Durations;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.config.WorkerConfig.RequestPolicy;
import dev.intunereset.worker.messaging.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides whether a request message is usable, reporting every problem rather than the first. Field
 * rules are documented in docs/contracts.md; this class is their single implementation.
 */
final class RequestValidator {
  static final int MAX_REQUESTED_BY = 256;
  static final int MAX_REASON = 1024;
  static final int MAX_REPORTED_PROBLEMS = 50;
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
  static final Set<String> KNOWN_FIELDS = Set.copyOf(ResetRequest.FIELDS);

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  // Control characters, line/paragraph separators and bidi overrides: anything that could forge
  // a log line or disguise text for an auditor.
  private static final Pattern UNSAFE_TEXT = Pattern.compile(ResetRequest.UNSAFE_TEXT_CHARACTERS);
  private static final ObjectReader READER =
      Json.mapper()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A second "requestedBy" must not silently win: it would forge the audit trail.
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private final RequestPolicy policy;
  private final GuardSettings guards;
  private final Set<String> passcodeRecipients;

  RequestValidator(RequestPolicy policy, GuardSettings guards, Set<String> passcodeRecipients) {
    this.policy = policy;
    this.guards = guards;
    this.passcodeRecipients = Set.copyOf(passcodeRecipients);
  }

  Verdict validate(byte[] value) {
    if (value == null) {
      return unusable("NULL_PAYLOAD", "message has no value (null or tombstone)");
    }
    if (value.length > policy.maxBytes()) {
      return unusable(
          "OVERSIZED", "message is " + value.length + " bytes; the limit is " + policy.maxBytes());
    }
    if (!isUtf8(value)) {
      return unusable("INVALID_ENCODING", "message is not UTF-8 text (binary or wrong encoding)");
    }
    JsonNode root;
    try {
      // Parse the text we checked as UTF-8: given bytes, Jackson would auto-detect UTF-16/32.
      root = READER.readTree(new String(value, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return unusable("MALFORMED_JSON", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return unusable("MALFORMED_JSON", "not valid JSON");
    }
    if (root == null || root.isMissingNode()) {
      return unusable("MALFORMED_JSON", "message is empty");
    }
    if (!root.isObject()) {
      return unusable("WRONG_SHAPE", "expected a JSON object, got " + kind(root));
    }
    return new ObjectCheck(root).run();
  }

  private static Verdict unusable(String code, String problem) {
    // Parser messages quote the offending input, which may hold control characters.
    return new Verdict.Rejected(
        null, null, null, code, List.of(new Problem("$", clip(problem, 300))));
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** One pass over one request object, accumulating problems. */
  private final class ObjectCheck {
    private final JsonNode root;
    private final List<Problem> problems = new ArrayList<>();
    private int suppressed;
    private String dlqReason = "INVALID_REQUEST";

    ObjectCheck(JsonNode root) {
      this.root = root;
    }

    Verdict run() {
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!KNOWN_FIELDS.contains(name)) {
          problem(
              safeName(name),
              "unknown field; unknown fields are rejected so that typos are not silently ignored");
        }
      }
      schemaVersion();
      UUID requestId = requestId();
      List<String> devices = new ArrayList<>();
      int duplicates = deviceIds(devices);
      String requestedBy = text("requestedBy", MAX_REQUESTED_BY, true);
      String reason = text("reason", MAX_REASON, true);
      String source = source();
      boolean ignorePartial = bool("ignorePartialFailures", false);
      boolean validateExists = bool("validateDeviceExists", true);
      boolean dryRun = bool("dryRun", false);
      boolean force = bool("force", false);
      Duration timeout = timeout();
      allowedSource(source);
      String recipient = passcodeRecipient();
      if (!problems.isEmpty()) {
        if (suppressed > 0) {
          problems.add(new Problem("$", suppressed + " more problems not listed"));
        }
        return new Verdict.Rejected(requestId, requestedBy, source, dlqReason, problems);
      }
      Lane lane = devices.size() <= policy.interactiveMaxDevices() ? Lane.INTERACTIVE : Lane.BULK;
      return new Verdict.Accepted(
          requestId,
          devices,
          duplicates,
          lane,
          timeout,
          requestedBy,
          reason,
          source,
          ignorePartial,
          validateExists,
          dryRun,
          force,
          recipient);
    }

    /** The allowlist is checked after the syntax, so a malformed source is reported once. */
    private void allowedSource(String source) {
      if (guards.anySource() || problemAt("source")) {
        return;
      }
      if (source == null) {
        sourceProblem("required: this worker accepts requests only from " + allowedList());
      } else if (!guards.allowedSources().contains(source)) {
        sourceProblem("'" + source + "' is not an allowed source; allowed: " + allowedList());
      }
    }

    /** The DLQ reason says SOURCE_NOT_ALLOWED only when the allowlist is the only problem. */
    private void sourceProblem(String text) {
      if (problems.isEmpty()) {
        dlqReason = "SOURCE_NOT_ALLOWED";
      }
      problem("source", text);
    }

    private boolean problemAt(String field) {
      return problems.stream().anyMatch(p -> p.field().equals(field));
    }

    private String allowedList() {
      return guards.allowedSources().stream().sorted().toList().toString()
          + " (REQUEST_ALLOWED_SOURCES)";
    }

    private void schemaVersion() {
      JsonNode node = root.get("schemaVersion");
      if (node == null || node.isNull()) {
        problem("schemaVersion", "required");
      } else if (!node.isIntegralNumber()) {
        problem("schemaVersion", "must be an integer, got " + kind(node));
      } else if (!node.canConvertToInt()
          || node.intValue() != ResetRequest.CURRENT_SCHEMA_VERSION) {
        dlqReason = "UNSUPPORTED_SCHEMA_VERSION";
        problem(
            "schemaVersion",
            "unsupported version "
                + clip(node.asText(), 20)
                + "; supported versions: ["
                + ResetRequest.CURRENT_SCHEMA_VERSION
                + "]");
      }
    }

    private UUID requestId() {
      JsonNode node = root.get("requestId");
      if (node == null || node.isNull()) {
        problem("requestId", "required");
        return null;
      }
      if (!node.isTextual()) {
        problem("requestId", "must be a UUID string, got " + kind(node));
        return null;
      }
      String text = node.textValue();
      if (!GUID.matcher(text).matches()) {
        problem("requestId", "must be a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        return null;
      }
      return UUID.fromString(text);
    }

    private int deviceIds(List<String> out) {
      JsonNode node = root.get("deviceIds");
      if (node == null || node.isNull()) {
        problem("deviceIds", "required");
        return 0;
      }
      if (!node.isArray()) {
        problem("deviceIds", "must be an array of device GUIDs, got " + kind(node));
        return 0;
      }
      if (node.isEmpty()) {
        problem("deviceIds", "must hold at least one device id");
        return 0;
      }
      Set<String> unique = new LinkedHashSet<>();
      int valid = 0;
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String field = "deviceIds[" + i + "]";
        if (!item.isTextual()) {
          problem(field, "must be a GUID string, got " + kind(item));
          continue;
        }
        String id = item.textValue();
        if (GUID.matcher(id).matches()) {
          valid++;
          unique.add(id.toLowerCase(Locale.ROOT));
        } else if (id.startsWith("{") && id.endsWith("}")) {
          problem(field, "must be a bare GUID without braces");
        } else {
          problem(field, "not a GUID: '" + clip(id, 40) + "'");
        }
      }
      if (unique.size() > policy.maxDevices()) {
        problem(
            "deviceIds",
            "holds "
                + unique.size()
                + " distinct devices; the limit is "
                + policy.maxDevices()
                + " (split the reset into several requests)");
      }
      out.addAll(unique);
      return valid - unique.size();
    }

    private String text(String field, int maxLength, boolean required) {
      JsonNode node = root.get(field);
      if (node == null || node.isNull()) {
        if (required) {
          problem(field, "required");
        }
        return null;
      }
      if (!node.isTextual()) {
        problem(field, "must be a string, got " + kind(node));
        return null;
      }
      String value = node.textValue().strip();
      if (value.isEmpty()) {
        problem(field, "must not be blank");
        return null;
      }
      if (value.length() > maxLength) {
        problem(field, "is " + value.length() + " characters; the limit is " + maxLength);
        return null;
      }
      if (UNSAFE_TEXT.matcher(value).find()) {
        problem(field, "must not contain control, line-separator or bidi-override characters");
        return null;
      }
      return value;
    }

    private String source() {
      JsonNode node = root.get("source");
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isTextual() || !SOURCE.matcher(node.textValue()).matches()) {
        problem("source", "must match [A-Za-z0-9._-]{1,64}");
        return null;
      }
      return node.textValue();
    }

    private boolean bool(String field, boolean absent) {
      JsonNode node = root.get(field);
      if (node == null || node.isNull()) {
        return absent;
      }
      if (!node.isBoolean()) {
        problem(field, "must be true or false, got " + kind(node));
        return absent;
      }
      return node.booleanValue();
    }

    private Duration timeout() {
      JsonNode node = root.get("timeout");
      if (node == null || node.isNull()) {
        return policy.defaultTimeout();
      }
      if (!node.isTextual()) {
        problem("timeout", "must be a duration string such as 30s, 2h45m or PT10M");
        return policy.defaultTimeout();
      }
      Optional<Duration> parsed = Durations.parse(node.textValue());
      if (parsed.isEmpty()) {
        problem(
            "timeout",
            "'" + clip(node.textValue(), 32) + "' is not a duration such as 30s, 2h45m or PT10M");
        return policy.defaultTimeout();
      }
      Duration d = parsed.get();
      if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(policy.maxTimeout()) > 0) {
        problem(
            "timeout",
            "must be between 1s and "
                + Durations.format(policy.maxTimeout())
                + ", got "
                + clip(node.textValue(), 32));
      }
      return d;
    }

    private String passcodeRecipient() {
      JsonNode node = root.get("passcodeDelivery");
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        problem("passcodeDelivery", "must be an object such as {\"recipient\": \"servicenow\"}");
        return null;
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.equals("recipient")) {
          problem("passcodeDelivery." + safeName(name), "unknown field");
        }
      }
      JsonNode recipient = node.get("recipient");
      if (recipient == null || recipient.isNull()) {
        problem("passcodeDelivery.recipient", "required");
        return null;
      }
      if (!recipient.isTextual()) {
        problem("passcodeDelivery.recipient", "must be a string, got " + kind(recipient));
        return null;
      }
      if (!passcodeRecipients.contains(recipient.textValue())) {
        problem(
            "passcodeDelivery.recipient",
            "'"
                + clip(recipient.textValue(), 64)
                + "' is not a configured recipient; configured: "
                + (passcodeRecipients.isEmpty()
                    ? "none (passcode delivery is not set up on this worker)"
                    : String.join(", ", new TreeSet<>(passcodeRecipients))));
        return null;
      }
      return recipient.textValue();
    }

    private void problem(String field, String text) {
      if (problems.size() >= MAX_REPORTED_PROBLEMS) {
        suppressed++;
        return;
      }
      problems.add(new Problem(field, clip(text, 300)));
    }
  }

  private static String safeName(String name) {
    return clip(UNSAFE_TEXT.matcher(name).replaceAll("?"), 64);
  }

  private static String clip(String text, int max) {
    String clean = UNSAFE_TEXT.matcher(text).replaceAll("?");
    return clean.length() > max ? clean.substring(0, max) + "..." : clean;
  }
}
