package dev.intunereset.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.intunereset.contracts.ContractResources;
import dev.intunereset.contracts.ResetRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a request against the contract's JSON Schema ({@link
 * ContractResources#RESET_REQUEST_SCHEMA}, draft 2020-12) as shipped in the contracts jar, so the
 * CLI and the worker never disagree about the shape of a request.
 *
 * <p>The worker checks more than the schema can say (timeout bounds, its configured device limit,
 * bidi-override characters); those problems come back as a {@code RequestRejected}.
 */
final class RequestValidator {
  private static final String GUID_HINT =
      "must be a GUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427 (8-4-4-4-12 hex digits, no"
          + " braces)";

  private static final JsonSchema SCHEMA = load();

  private RequestValidator() {}

  private static JsonSchema load() {
    try (InputStream in =
        RequestValidator.class.getResourceAsStream(ContractResources.RESET_REQUEST_SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(
            "contract schema "
                + ContractResources.RESET_REQUEST_SCHEMA
                + " is not on the classpath");
      }
      JsonNode schema = Json.MAPPER.readTree(in);
      // Draft 2020-12 treats "format" as an annotation only; the contract tests assert it.
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder()
              .formatAssertionsEnabled(true)
              .pathType(PathType.JSON_PATH)
              .build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(schema, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every violation, one human-readable line each, ordered by field; empty when the request is
   * valid.
   */
  static List<Violation> validate(JsonNode request) {
    List<ValidationMessage> messages = new ArrayList<>(SCHEMA.validate(request));
    messages.sort(
        Comparator.comparing((ValidationMessage m) -> order(field(m)))
            .thenComparing(m -> field(m))
            .thenComparing(ValidationMessage::getType));
    Set<Violation> out = new LinkedHashSet<>();
    // Several rules guard most fields (a GUID has a pattern, a length and a format); their
    // descriptions coincide, so the set keeps one line per field and problem.
    for (ValidationMessage m : messages) {
      out.add(new Violation(field(m), describe(m)));
    }
    return List.copyOf(out);
  }

  /**
   * One schema violation.
   *
   * @param field the offending field as the worker names it: {@code deviceIds[3]}, {@code reason},
   *     or {@code $} for the whole message
   * @param problem what is wrong with it
   */
  record Violation(String field, String problem) {
    @Override
    public String toString() {
      return field + ": " + problem;
    }
  }

  /** Instance location as the contract's {@code RequestRejected.Problem.field} spells it. */
  private static String field(ValidationMessage m) {
    String location = m.getInstanceLocation().toString();
    String field = location.equals("$") ? "$" : location.replaceFirst("^\\$\\.?", "");
    if (("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))
        && m.getProperty() != null) {
      field = field.equals("$") ? m.getProperty() : field + "." + m.getProperty();
    }
    return field;
  }

  /** Fields in the order of the contract's table, so the output reads like the docs. */
  private static int order(String field) {
    String head = field.replaceFirst("[\\[.].*$", "");
    if (head.equals("$")) {
      return -1;
    }
    int i = ResetRequest.FIELDS.indexOf(head);
    return i < 0 ? ResetRequest.FIELDS.size() : i;
  }

  private static String describe(ValidationMessage m) {
    String field = field(m);
    String head = field.replaceFirst("[\\[.].*$", "");
    String type = m.getType();
    switch (type) {
      case "required":
        return "required";
      case "additionalProperties":
        return "unknown field; field names are case-sensitive (dryRun, not dryrun)";
      case "const":
        return "schemaVersion".equals(head)
            ? "must be 1 (the only supported version)"
            : m.getError();
      default:
        break;
    }
    boolean stringRule =
        List.of("pattern", "minLength", "maxLength", "format", "not", "anyOf").contains(type);
    if (stringRule && ("requestId".equals(head) || "deviceIds".equals(head))) {
      return quoted(m) + GUID_HINT;
    }
    if (("not".equals(type) || "pattern".equals(type))
        && ("requestedBy".equals(head) || "reason".equals(head))) {
      return "must not contain control characters or line breaks";
    }
    if ("source".equals(head) && stringRule) {
      return quoted(m) + "must be 1..64 of letters, digits, '.', '_' and '-'";
    }
    if ("timeout".equals(head) && stringRule) {
      return quoted(m) + "must be a duration such as 30s, 10m, 2h45m or PT10M";
    }
    if ("minItems".equals(type) && "deviceIds".equals(head)) {
      return "at least one device is required";
    }
    return m.getError();
  }

  private static String quoted(ValidationMessage m) {
    JsonNode value = m.getInstanceNode();
    if (value == null || !value.isTextual() || value.asText().length() > 80) {
      return "";
    }
    return Json.compact(value) + " ";
  }
}
