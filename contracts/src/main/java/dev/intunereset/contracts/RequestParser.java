package dev.intunereset.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.intunereset.contracts.RequestRejected.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one reader of a reset request: bytes in, either the parsed and normalized request or every
 * problem found, so that the worker and the CLI cannot disagree about what a request is. The rules
 * are those of docs/contracts.md; the JSON Schema states the same ones wherever JSON Schema can
 * (RequestParserSchemaAgreementTest holds the two together).
 *
 * <p>Policy that belongs to one worker (allowed sources, configured passcode recipients) is not
 * checked here; limits it may configure come in as {@link RequestLimits}.
 */
public final class RequestParser {

  /** Why a message is unusable, as the worker's DLQ header {@code dlq.reason} names it. */
  public static final String NULL_PAYLOAD = "NULL_PAYLOAD";

  public static final String OVERSIZED = "OVERSIZED";
  public static final String INVALID_ENCODING = "INVALID_ENCODING";
  public static final String MALFORMED_JSON = "MALFORMED_JSON";
  public static final String WRONG_SHAPE = "WRONG_SHAPE";
  public static final String INVALID_REQUEST = "INVALID_REQUEST";
  public static final String UNSUPPORTED_SCHEMA_VERSION = "UNSUPPORTED_SCHEMA_VERSION";

  /** Longest {@code requestedBy}, in characters (code points). */
  public static final int MAX_REQUESTED_BY = 256;

  /** Longest {@code reason}, in characters (code points). */
  public static final int MAX_REASON = 1024;

  /** Problems listed one by one; the rest are counted in one more problem. */
  public static final int MAX_REPORTED_PROBLEMS = 50;

  /** Deepest JSON nesting read at all: a request needs three levels. */
  public static final int MAX_NESTING = 32;

  private static final String GUID_EXAMPLE = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String NAME_RULE = "[A-Za-z0-9._-]{1,64}";
  private static final Pattern NAME = Pattern.compile(NAME_RULE);
  private static final Pattern UNSAFE = Pattern.compile(ResetRequest.UNSAFE_TEXT_CHARACTERS);
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");
  private static final String DURATION_EXAMPLES = "30s, 10m, 2h45m or PT10M";

  private static final ObjectMapper MAPPER = mapper(JsonMapper.builder());
  // Reads what it can of a message that failed strict reading; only its audit fields are used.
  private static final ObjectMapper LENIENT =
      mapper(
          JsonMapper.builder()
              .enable(
                  JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
                  JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                  JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                  JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
                  JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS,
                  JsonReadFeature.ALLOW_SINGLE_QUOTES,
                  JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                  JsonReadFeature.ALLOW_JAVA_COMMENTS,
                  JsonReadFeature.ALLOW_YAML_COMMENTS,
                  JsonReadFeature.ALLOW_TRAILING_COMMA,
                  JsonReadFeature.ALLOW_MISSING_VALUES,
                  JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                  JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER));
  private static final ObjectReader STRICT =
      MAPPER
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A second "requestedBy" must not silently win: it would forge the audit trail.
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private RequestParser() {}

  /** What a message turned out to be. */
  public sealed interface Result permits Parsed, Rejected {}

  /**
   * A usable request.
   *
   * @param request the request normalized: device ids lower-cased with duplicates folded (in
   *     first-seen order), {@code requestedBy} and {@code reason} trimmed
   * @param duplicatesFolded how many device ids repeated an earlier one
   * @param timeout the request's {@code timeout}, or {@code null} when it leaves it to the worker
   */
  public record Parsed(ResetRequest request, int duplicatesFolded, Duration timeout)
      implements Result {
    public Parsed {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * An unusable message, with what of it could still be read so that the producer can be told.
   *
   * @param code why, as a DLQ reason such as {@link #MALFORMED_JSON} or {@link #INVALID_REQUEST}
   * @param listed the problems listed one by one, at most {@link #MAX_REPORTED_PROBLEMS}
   * @param unlisted how many more problems there were
   * @param requestId the request's id when it could be read unambiguously, else {@code null}
   * @param requestedBy {@code requestedBy} when it could be read and is valid, else {@code null}
   * @param source {@code source} when it could be read and is well formed, else {@code null}
   * @param passcodeRecipient the recipient when it could be read and is well formed, else {@code
   *     null}
   */
  public record Rejected(
      String code,
      List<Problem> listed,
      int unlisted,
      UUID requestId,
      String requestedBy,
      String source,
      String passcodeRecipient)
      implements Result {
    public Rejected {
      Objects.requireNonNull(code, "code");
      listed = List.copyOf(listed);
      if (listed.isEmpty()) {
        throw new IllegalArgumentException("a rejection names at least one problem");
      }
    }

    /** Every problem as reported: the listed ones, then one counting the rest, if any. */
    public List<Problem> problems() {
      if (unlisted == 0) {
        return listed;
      }
      List<Problem> all = new ArrayList<>(listed);
      all.add(new Problem("$", unlisted + " more problems not listed"));
      return List.copyOf(all);
    }

    /** Whether the message was a JSON object whose fields were checked one by one. */
    public boolean fieldsChecked() {
      return code.equals(INVALID_REQUEST) || code.equals(UNSUPPORTED_SCHEMA_VERSION);
    }

    /** This rejection with {@code more} problems (under the same cap) and another code. */
    public Rejected plus(List<Problem> more, String newCode) {
      List<Problem> all = new ArrayList<>(listed);
      int rest = unlisted;
      for (Problem p : more) {
        if (all.size() < MAX_REPORTED_PROBLEMS) {
          all.add(p);
        } else {
          rest++;
        }
      }
      return new Rejected(newCode, all, rest, requestId, requestedBy, source, passcodeRecipient);
    }
  }

  /** Reads a request message with the contract's default limits. */
  public static Result parse(byte[] message) {
    return parse(message, RequestLimits.DEFAULTS);
  }

  /** Reads a request message: {@code null} is a tombstone. */
  public static Result parse(byte[] message, RequestLimits limits) {
    Objects.requireNonNull(limits, "limits");
    if (message == null) {
      return unusable(NULL_PAYLOAD, "message has no value (null or tombstone)", Salvage.NONE);
    }
    if (message.length > limits.maxBytes()) {
      String text = lenientText(Arrays.copyOf(message, limits.maxBytes()));
      return unusable(
          OVERSIZED,
          "message is " + message.length + " bytes; the limit is " + limits.maxBytes(),
          Salvage.of(text, true));
    }
    Optional<String> text = utf8(message);
    if (text.isEmpty()) {
      return unusable(
          INVALID_ENCODING,
          "message is not UTF-8 text (binary or wrong encoding)",
          Salvage.of(lenientText(message), false));
    }
    JsonNode root;
    try {
      // Parse the text checked as UTF-8: given bytes, Jackson would auto-detect UTF-16/32.
      root = STRICT.readTree(text.get());
    } catch (JsonProcessingException e) {
      return unusable(
          MALFORMED_JSON,
          "not valid JSON: " + e.getOriginalMessage(),
          Salvage.of(text.get(), true));
    } catch (IOException e) {
      return unusable(MALFORMED_JSON, "not valid JSON", Salvage.of(text.get(), true));
    }
    if (root == null || root.isMissingNode()) {
      return unusable(MALFORMED_JSON, "message is empty", Salvage.NONE);
    }
    if (!root.isObject()) {
      return unusable(WRONG_SHAPE, "expected a JSON object, got " + kind(root), Salvage.NONE);
    }
    return new FieldCheck(root, limits).run();
  }

  private static Rejected unusable(String code, String problem, Salvage salvage) {
    // Parser messages quote the offending input, which may hold control characters.
    return new Rejected(
        code,
        List.of(new Problem("$", clip(problem, 300))),
        0,
        salvage.requestId,
        salvage.requestedBy,
        salvage.source,
        null);
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String lenientText(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The audit fields of a message that failed strict reading (a repeated member, trailing text, a
   * truncation, a bad byte), read member by member up to the failure. A field repeated with
   * different values is ambiguous and not read.
   */
  private static final class Salvage {
    static final Salvage NONE = new Salvage(null, null, null);

    final UUID requestId;
    final String requestedBy;
    final String source;

    private Salvage(UUID requestId, String requestedBy, String source) {
      this.requestId = requestId;
      this.requestedBy = requestedBy;
      this.source = source;
    }

    static Salvage of(String text, boolean exactText) {
      Map<String, List<JsonNode>> members = new LinkedHashMap<>();
      try (JsonParser p = LENIENT.getFactory().createParser(text)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return NONE;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          JsonNode value = LENIENT.readTree(p);
          members.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      } catch (IOException | RuntimeException e) {
        // Keep the members read before the failure.
      }
      UUID id =
          unambiguous(members, "requestId")
              .filter(n -> n.isTextual() && GUID.matcher(n.textValue()).matches())
              .map(n -> UUID.fromString(n.textValue()))
              .orElse(null);
      String by =
          unambiguous(members, "requestedBy")
              .filter(JsonNode::isTextual)
              .map(JsonNode::textValue)
              // Text decoded with replacement characters is not what the producer wrote.
              .filter(s -> exactText || s.indexOf('\uFFFD') < 0)
              .filter(s -> textProblem(s, MAX_REQUESTED_BY) == null)
              .map(String::strip)
              .orElse(null);
      String src =
          unambiguous(members, "source")
              .filter(n -> n.isTextual() && NAME.matcher(n.textValue()).matches())
              .map(JsonNode::textValue)
              .orElse(null);
      return new Salvage(id, by, src);
    }

    private static Optional<JsonNode> unambiguous(
        Map<String, List<JsonNode>> members, String name) {
      List<JsonNode> values = members.getOrDefault(name, List.of());
      if (values.isEmpty() || values.stream().anyMatch(v -> !v.equals(values.get(0)))) {
        return Optional.empty();
      }
      return Optional.of(values.get(0));
    }
  }

  /** One pass over one request object, accumulating problems in the contract's field order. */
  private static final class FieldCheck {
    private final JsonNode root;
    private final RequestLimits limits;
    private final List<Problem> problems = new ArrayList<>();
    private int unlisted;
    private String code = INVALID_REQUEST;

    FieldCheck(JsonNode root, RequestLimits limits) {
      this.root = root;
      this.limits = limits;
    }

    Result run() {
      schemaVersion();
      UUID requestId = requestId();
      List<String> devices = new ArrayList<>();
      int duplicates = deviceIds(devices);
      String requestedBy = text("requestedBy", MAX_REQUESTED_BY);
      String reason = text("reason", MAX_REASON);
      String source = name("source", optional("source").orElse(null));
      boolean ignorePartial =
          bool("ignorePartialFailures", ResetRequest.DEFAULT_IGNORE_PARTIAL_FAILURES);
      boolean validateExists =
          bool("validateDeviceExists", ResetRequest.DEFAULT_VALIDATE_DEVICE_EXISTS);
      Duration timeout = timeout();
      boolean dryRun = bool("dryRun", ResetRequest.DEFAULT_DRY_RUN);
      boolean force = bool("force", ResetRequest.DEFAULT_FORCE);
      String recipient = passcodeRecipient();
      unknownFields();
      if (!problems.isEmpty() || unlisted > 0) {
        return new Rejected(code, problems, unlisted, requestId, requestedBy, source, recipient);
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
              recipient == null ? null : new PasscodeDelivery(recipient));
      return new Parsed(request, duplicates, timeout);
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
        code = UNSUPPORTED_SCHEMA_VERSION;
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
      Optional<JsonNode> found = required("deviceIds");
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

    private Duration timeout() {
      Optional<JsonNode> found = optional("timeout");
      if (found.isEmpty()) {
        return null;
      }
      JsonNode node = found.get();
      if (!node.isTextual()) {
        problem(
            "timeout",
            "must be a duration string such as " + DURATION_EXAMPLES + ", got " + kind(node));
        return null;
      }
      Optional<Duration> parsed = Durations.parse(node.textValue());
      if (parsed.isEmpty()) {
        problem(
            "timeout",
            quoted(node.textValue()) + " must be a duration such as " + DURATION_EXAMPLES);
        return null;
      }
      Duration d = parsed.get();
      if (d.compareTo(RequestLimits.MIN_TIMEOUT) < 0 || d.compareTo(limits.maxTimeout()) > 0) {
        problem(
            "timeout",
            "must be between "
                + Durations.format(RequestLimits.MIN_TIMEOUT)
                + " and "
                + Durations.format(limits.maxTimeout())
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

    private void unknownFields() {
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (ResetRequest.FIELDS.contains(name)) {
          continue;
        }
        Optional<String> meant =
            ResetRequest.FIELDS.stream().filter(f -> f.equalsIgnoreCase(name)).findFirst();
        problem(
            safeName(name),
            meant
                .map(
                    f ->
                        "unknown field; field names are case-sensitive ("
                            + f
                            + ", not "
                            + safeName(name)
                            + ")")
                .orElse(
                    "unknown field; unknown fields are rejected so that typos are not silently"
                        + " ignored"));
      }
    }

    private void problem(String field, String text) {
      if (problems.size() >= MAX_REPORTED_PROBLEMS) {
        unlisted++;
        return;
      }
      problems.add(new Problem(field, clip(text, 300)));
    }
  }

  /**
   * What is wrong with free text ({@code requestedBy}, {@code reason}), or {@code null}: it must
   * not be blank once trimmed, must not exceed {@code maxLength} characters as sent, and must not
   * hold a character of {@link ResetRequest#UNSAFE_TEXT_CHARACTERS}.
   */
  private static String textProblem(String value, int maxLength) {
    if (value.strip().isEmpty()) {
      return "must not be blank";
    }
    int length = value.codePointCount(0, value.length());
    if (length > maxLength) {
      return "is " + length + " characters; the limit is " + maxLength;
    }
    if (CONTROL.matcher(value).find()) {
      return "must not contain control characters or line breaks";
    }
    if (UNSAFE.matcher(value).find()) {
      return "must not contain bidi-override, bidi-isolate or byte-order-mark characters";
    }
    return null;
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case NULL -> "null";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** The value as the problem echoes it: in double quotes, clipped, unsafe characters replaced. */
  private static String quoted(String value) {
    return "\"" + clip(value, 40) + "\"";
  }

  private static String safeName(String name) {
    return clip(name, 64);
  }

  /** Text safe to echo: unsafe characters become {@code ?}, and it ends after {@code max}. */
  static String clip(String text, int max) {
    String clean = UNSAFE.matcher(text).replaceAll("?");
    return clean.length() > max ? clean.substring(0, max) + "..." : clean;
  }

  private static ObjectMapper mapper(JsonMapper.Builder builder) {
    JsonMapper mapper = builder.build();
    // Hostile input: bound nesting and string sizes far below Jackson's generous defaults.
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(1_000_000)
                .maxNumberLength(32)
                .build());
    return mapper;
  }
}
