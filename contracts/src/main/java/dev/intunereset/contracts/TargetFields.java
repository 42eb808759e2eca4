package dev.intunereset.contracts;

import static dev.intunereset.contracts.RequestText.clip;
import static dev.intunereset.contracts.RequestText.kind;
import static dev.intunereset.contracts.RequestText.quoted;
import static dev.intunereset.contracts.RequestText.safeName;
import static dev.intunereset.contracts.RequestText.textProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The rules of a request's {@code targets} and {@code expectedMaxDevices} (docs/contracts.md,
 * Targets), read after its other fields into the same {@link Problems}, with paths such as {@code
 * targets.users[2]}; kept apart from {@link RequestFields} because they are a feature of their own.
 */
final class TargetFields {
  private static final String FIELD = "targets";
  private static final String EXPECTED = "expectedMaxDevices";
  private static final List<String> SELECTORS =
      List.of("users", "groups", "deviceNames", "serialNumbers", "filter");

  private final JsonNode root;
  private final Problems problems;
  private Targets targets;
  private Integer expectedMaxDevices;

  private TargetFields(JsonNode root, Problems problems) {
    this.root = root;
    this.problems = problems;
  }

  /** Whether the request has a {@code targets} member: then it need not list {@code deviceIds}. */
  static boolean named(JsonNode root) {
    JsonNode node = root.get(FIELD);
    return node != null && !node.isNull();
  }

  /**
   * Reads both fields of {@code root}; {@code listedDevices} is how many distinct devices its
   * {@code deviceIds} lists, which {@code expectedMaxDevices} must not be below.
   */
  static TargetFields read(JsonNode root, Problems problems, int listedDevices) {
    TargetFields fields = new TargetFields(root, problems);
    fields.targets = fields.readTargets();
    fields.expectedMaxDevices = fields.readExpected(listedDevices);
    return fields;
  }

  /** The normalized targets, or {@code null} when absent or wrong. */
  Targets targets() {
    return targets;
  }

  /** The bound, or {@code null} when absent or wrong. */
  Integer expectedMaxDevices() {
    return expectedMaxDevices;
  }

  private Targets readTargets() {
    JsonNode node = root.get(FIELD);
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(
          FIELD,
          node.isNull()
              ? "must not be null: leave the field out when deviceIds lists every device"
              : "must be an object such as {\"users\": [\"alice@contoso.com\"]}, got "
                  + kind(node));
      return null;
    }
    int before = problems.count();
    List<String> users = list(node, "users", "UPNs or user object ids", this::user, u -> u);
    List<UUID> groups = list(node, "groups", "group object ids", this::group, g -> g);
    List<String> names =
        list(
            node,
            "deviceNames",
            "device names",
            text(Targets.MAX_DEVICE_NAME_LENGTH),
            TargetFields::folded);
    List<String> serials =
        list(
            node,
            "serialNumbers",
            "serial numbers",
            text(Targets.MAX_SERIAL_NUMBER_LENGTH),
            s -> s);
    String filter = filter(node.get("filter"));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!SELECTORS.contains(name)) {
        problems.add(
            FIELD + "." + safeName(name),
            "unknown field; targets holds users, groups, deviceNames, serialNumbers and filter");
      }
    }
    int sent = 0;
    for (String name : SELECTORS) {
      JsonNode member = node.get(name);
      sent += member == null ? 0 : member.isArray() ? member.size() : 1;
    }
    if (SELECTORS.stream().noneMatch(node::has)) {
      problems.add(
          FIELD, "names no selector: give users, groups, deviceNames, serialNumbers or filter");
    } else if (sent > Targets.MAX_SELECTORS) {
      problems.add(
          FIELD,
          "holds "
              + sent
              + " selectors; the limit is "
              + Targets.MAX_SELECTORS
              + " (split the devices into several requests)");
    }
    return problems.count() > before ? null : new Targets(users, groups, names, serials, filter);
  }

  /**
   * The entries of the list {@code name}, each read by {@code entry} (which reports what is wrong
   * and answers {@code null}), duplicates by {@code key} folded into the first; empty when absent.
   */
  private <T> List<T> list(
      JsonNode targets,
      String name,
      String what,
      BiFunction<String, JsonNode, T> entry,
      Function<T, Object> key) {
    String field = FIELD + "." + name;
    JsonNode node = targets.get(name);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      problems.add(
          field,
          node.isNull()
              ? "must not be null: leave the field out"
              : node.isArray()
                  ? "must not be empty: name at least one, or leave the field out"
                  : "must be an array of " + what + ", got " + kind(node));
      return List.of();
    }
    Map<Object, T> unique = new LinkedHashMap<>();
    for (int i = 0; i < node.size(); i++) {
      T value = entry.apply(field + "[" + i + "]", node.get(i));
      if (value != null) {
        unique.putIfAbsent(key.apply(value), value);
      }
    }
    return new ArrayList<>(unique.values());
  }

  /** A user principal name (lower-cased) or a user object id (lower-cased), trimmed. */
  private String user(String field, JsonNode node) {
    String value = text(Targets.MAX_USER_LENGTH).apply(field, node);
    if (value == null) {
      return null;
    }
    if (!RequestFields.GUID.matcher(value).matches() && !isUpn(value)) {
      problems.add(
          field,
          quoted(value)
              + " is neither a user principal name (name@domain: one @, no spaces) nor a user"
              + " object id (a GUID such as "
              + RequestFields.GUID_EXAMPLE
              + ")");
      return null;
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static boolean isUpn(String value) {
    int at = value.indexOf('@');
    return at > 0
        && at == value.lastIndexOf('@')
        && at < value.length() - 1
        && value.chars().noneMatch(Character::isWhitespace);
  }

  private UUID group(String field, JsonNode node) {
    if (!node.isTextual()) {
      problems.add(field, "must be a group object id (a GUID string), got " + kind(node));
      return null;
    }
    String id = node.textValue();
    if (!RequestFields.GUID.matcher(id).matches()) {
      problems.add(
          field,
          quoted(id)
              + " is not a group object id; write 8-4-4-4-12 hex digits such as "
              + RequestFields.GUID_EXAMPLE);
      return null;
    }
    return UUID.fromString(id);
  }

  /**
   * Free text of at most {@code max} characters under the rules of {@code requestedBy}, trimmed.
   */
  private BiFunction<String, JsonNode, String> text(int max) {
    return (field, node) -> {
      if (!node.isTextual()) {
        problems.add(field, "must be a string, got " + kind(node));
        return null;
      }
      String problem = textProblem(node.textValue(), max);
      if (problem != null) {
        problems.add(field, problem);
        return null;
      }
      return node.textValue().strip();
    };
  }

  private static Object folded(String deviceName) {
    return deviceName.toLowerCase(Locale.ROOT);
  }

  private String filter(JsonNode node) {
    if (node == null) {
      return null;
    }
    String field = FIELD + ".filter";
    if (node.isNull()) {
      problems.add(field, "must not be null: leave the field out");
      return null;
    }
    if (!node.isTextual()) {
      problems.add(
          field,
          "must be a string: an OData filter such as \"operatingSystem eq 'Android'\", got "
              + kind(node));
      return null;
    }
    return text(Targets.MAX_FILTER_LENGTH).apply(field, node);
  }

  private Integer readExpected(int listedDevices) {
    JsonNode node = root.get(EXPECTED);
    if (node == null) {
      return null;
    }
    String range = "between 1 and " + ResetRequest.MAX_EXPECTED_DEVICES;
    if (!node.isIntegralNumber()) {
      problems.add(
          EXPECTED,
          node.isNull()
              ? "must not be null: leave the field out to set no bound"
              : "must be an integer " + range + ", written without a fraction, got " + kind(node));
      return null;
    }
    if (!node.canConvertToInt()
        || node.intValue() < 1
        || node.intValue() > ResetRequest.MAX_EXPECTED_DEVICES) {
      problems.add(EXPECTED, "must be " + range + ", got " + clip(node.asText(), 20));
      return null;
    }
    int bound = node.intValue();
    if (listedDevices > bound) {
      problems.add(
          EXPECTED,
          "is "
              + bound
              + ", but deviceIds alone lists "
              + listedDevices
              + " distinct devices: the request would always be rejected");
      return null;
    }
    return bound;
  }
}
