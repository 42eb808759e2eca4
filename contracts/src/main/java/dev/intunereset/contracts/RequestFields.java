package dev.intunereset.contracts;

import static dev.intunereset.contracts.RequestText.clip;
import static dev.intunereset.contracts.RequestText.kind;
import static dev.intunereset.contracts.RequestText.quoted;
import static dev.intunereset.contracts.RequestText.safeName;
import static dev.intunereset.contracts.RequestText.textProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The field rules of a reset request (docs/contracts.md): one pass over one request object,
 * accumulating every problem in the contract's field order, then unknown fields.
 */
final class RequestFields {
  static final String GUID_EXAMPLE = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
  static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String NAME_RULE = "[A-Za-z0-9._-]{1,64}";
  static final Pattern NAME = Pattern.compile(NAME_RULE);
  private static final String DURATION_EXAMPLES = "30s, 10m, 2h45m or PT10M";

  private final JsonNode root;
  private final RequestLimits limits;
  private final Problems problems = new Problems();
  private String code = RequestParser.INVALID_REQUEST;

  RequestFields(JsonNode root, RequestLimits limits) {
    this.root = root;
    this.limits = limits;
  }

  RequestParser.Result run() {
    schemaVersion();
    UUID requestId = requestId();
    List<String> devices = new ArrayList<>();
    int duplicates = deviceIds(devices);
    String requestedBy = text("requestedBy", RequestParser.MAX_REQUESTED_BY);
    String reason = text("reason", RequestParser.MAX_REASON);
    String source = name("source", optional("source").orElse(null));
    boolean ignorePartial =
        bool("ignorePartialFailures", ResetRequest.DEFAULT_IGNORE_PARTIAL_FAILURES);
    boolean validateExists =
        bool("validateDeviceExists", ResetRequest.DEFAULT_VALIDATE_DEVICE_EXISTS);
    Duration timeout = duration("timeout", RequestLimits.MIN_TIMEOUT, limits.maxTimeout());
    boolean dryRun = bool("dryRun", ResetRequest.DEFAULT_DRY_RUN);
    boolean force = bool("force", ResetRequest.DEFAULT_FORCE);
    String recipient = passcodeRecipient();
    boolean trackSettlement = bool("trackSettlement", ResetRequest.DEFAULT_TRACK_SETTLEMENT);
    duration("settleTimeout", RequestLimits.MIN_SETTLE_TIMEOUT, RequestLimits.MAX_SETTLE_TIMEOUT);
    Action action = action();
    if (recipient != null && action != null && action != Action.RESET_PASSCODE) {
      problem("passcodeDelivery", RequestText.nothingToDeliver(action));
    }
    TargetFields targeting = TargetFields.read(root, problems, devices.size());
    unknownFields();
    if (problems.count() > 0) {
      return new RequestParser.Rejected(
          code, problems.listed(), problems.unlisted(), requestId, requestedBy, source, recipient);
    }
    ResetRequest request =
        new ResetRequest(
            ResetRequest.CURRENT_SCHEMA_VERSION,
            requestId,
            devices,
            requestedBy,
            reason,
            source,
            ignorePartial,
            validateExists,
            root.has("timeout") ? root.get("timeout").textValue() : null,
            dryRun,
            force,
            recipient == null ? null : new PasscodeDelivery(recipient),
            trackSettlement,
            root.has("settleTimeout") ? root.get("settleTimeout").textValue() : null,
            action,
            targeting.targets(),
            targeting.expectedMaxDevices());
    return new RequestParser.Parsed(request, duplicates, timeout);
  }

  /** The member, or empty when absent; {@code null} is a problem unless required. */
  private Optional<JsonNode> optional(String field) {
    JsonNode node = root.get(field);
    if (node == null) {
      return Optional.empty();
    }
    if (node.isNull()) {
      problem(field, "must not be null: leave the field out to get its default");
      return Optional.empty();
    }
    return Optional.of(node);
  }

  /** The member, or empty with a "required" problem when absent or {@code null}. */
  private Optional<JsonNode> required(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      problem(field, "required");
      return Optional.empty();
    }
    return Optional.of(node);
  }

  private void schemaVersion() {
    Optional<JsonNode> found = required("schemaVersion");
    if (found.isEmpty()) {
      return;
    }
    JsonNode node = found.get();
    if (!node.isIntegralNumber()) {
      problem("schemaVersion", "must be an integer, got " + kind(node));
      return;
    }
    if (!node.canConvertToInt() || node.intValue() != ResetRequest.CURRENT_SCHEMA_VERSION) {
      code = RequestParser.UNSUPPORTED_SCHEMA_VERSION;
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
    Optional<JsonNode> found = required("requestId");
    if (found.isEmpty()) {
      return null;
    }
    JsonNode node = found.get();
    if (!node.isTextual()) {
      problem("requestId", "must be a UUID string, got " + kind(node));
      return null;
    }
    if (!GUID.matcher(node.textValue()).matches()) {
      problem(
          "requestId",
          quoted(node.textValue()) + " must be a UUID like " + GUID_EXAMPLE + " (8-4-4-4-12)");
      return null;
    }
    return UUID.fromString(node.textValue());
  }

  private int deviceIds(List<String> out) {
    // With targets, the devices may all be selected there: deviceIds is then optional.
    Optional<JsonNode> found =
        TargetFields.named(root) ? optional("deviceIds") : required("deviceIds");
    if (found.isEmpty()) {
      return 0;
    }
    JsonNode node = found.get();
    if (!node.isArray()) {
      problem("deviceIds", "must be an array of device GUIDs, got " + kind(node));
      return 0;
    }
    if (node.isEmpty()) {
      problem("deviceIds", "at least one device is required");
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
        problem(
            field,
            quoted(id)
                + " must be a GUID such as "
                + GUID_EXAMPLE
                + " (8-4-4-4-12 hex digits, no braces)");
      } else {
        problem(
            field,
            quoted(id) + " is not a GUID; write 8-4-4-4-12 hex digits such as " + GUID_EXAMPLE);
      }
    }
    if (unique.size() > limits.maxDevices()) {
      problem(
          "deviceIds",
          "holds "
              + unique.size()
              + " distinct devices; the limit is "
              + limits.maxDevices()
              + " (at most "
              + limits.maxDevices()
              + " per request: split the reset into several requests)");
    }
    out.addAll(unique);
    return valid - unique.size();
  }

  private String text(String field, int maxLength) {
    Optional<JsonNode> found = required(field);
    if (found.isEmpty()) {
      return null;
    }
    JsonNode node = found.get();
    if (!node.isTextual()) {
      problem(field, "must be a string, got " + kind(node));
      return null;
    }
    String problem = textProblem(node.textValue(), maxLength);
    if (problem != null) {
      problem(field, problem);
      return null;
    }
    return node.textValue().strip();
  }

  /** A name such as a source or a recipient: {@value #NAME_RULE}. */
  private String name(String field, JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      problem(field, "must be a string matching " + NAME_RULE + ", got " + kind(node));
      return null;
    }
    if (!NAME.matcher(node.textValue()).matches()) {
      problem(field, quoted(node.textValue()) + " must match " + NAME_RULE);
      return null;
    }
    return node.textValue();
  }

  private boolean bool(String field, boolean absent) {
    Optional<JsonNode> found = optional(field);
    if (found.isEmpty()) {
      return absent;
    }
    if (!found.get().isBoolean()) {
      problem(field, "must be true or false, got " + kind(found.get()));
      return absent;
    }
    return found.get().booleanValue();
  }

  /** A duration of {@link Durations}' grammar within {@code min..max}, or empty when absent. */
  private Duration duration(String field, Duration min, Duration max) {
    Optional<JsonNode> found = optional(field);
    if (found.isEmpty()) {
      return null;
    }
    JsonNode node = found.get();
    if (!node.isTextual()) {
      problem(
          field, "must be a duration string such as " + DURATION_EXAMPLES + ", got " + kind(node));
      return null;
    }
    Optional<Duration> parsed = Durations.parse(node.textValue());
    if (parsed.isEmpty()) {
      problem(field, quoted(node.textValue()) + " must be a duration such as " + DURATION_EXAMPLES);
      return null;
    }
    Duration d = parsed.get();
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      problem(
          field,
          "must be between "
              + Durations.format(min)
              + " and "
              + Durations.format(max)
              + ", got "
              + clip(node.textValue(), 32));
      return null;
    }
    return d;
  }

  private String passcodeRecipient() {
    Optional<JsonNode> found = optional("passcodeDelivery");
    if (found.isEmpty()) {
      return null;
    }
    JsonNode node = found.get();
    if (!node.isObject()) {
      problem(
          "passcodeDelivery",
          "must be an object such as {\"recipient\": \"servicenow\"}, got " + kind(node));
      return null;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String member = it.next();
      if (!member.equals("recipient")) {
        problem("passcodeDelivery." + safeName(member), "unknown field");
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
    return name("passcodeDelivery.recipient", recipient);
  }

  /** The action, its default when absent (or null, a problem), or {@code null} when invalid. */
  private Action action() {
    Optional<JsonNode> found = optional("action");
    if (found.isEmpty()) {
      return Action.DEFAULT;
    }
    JsonNode node = found.get();
    Optional<Action> action = node.isTextual() ? Action.parse(node.textValue()) : Optional.empty();
    if (action.isEmpty()) {
      problem("action", RequestText.actionProblem(node));
    }
    return action.orElse(null);
  }

  private void unknownFields() {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!ResetRequest.FIELDS.contains(name)) {
        problem(safeName(name), RequestText.unknownField(name));
      }
    }
  }

  private void problem(String field, String text) {
    problems.add(field, text);
  }
}
