package dev.intunereset.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/** The free-text rule of a request, and how problems echo what they found, safely. */
final class RequestText {
  static final Pattern UNSAFE = Pattern.compile(ResetRequest.UNSAFE_TEXT_CHARACTERS);
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

  private RequestText() {}

  /**
   * What is wrong with free text ({@code requestedBy}, {@code reason}), or {@code null}: it must
   * not be blank once trimmed, must not exceed {@code maxLength} characters as sent, and must not
   * hold a character of {@link ResetRequest#UNSAFE_TEXT_CHARACTERS}.
   */
  static String textProblem(String value, int maxLength) {
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

  /** Why an {@code action} value is refused, naming the allowed ones. */
  static String actionProblem(JsonNode node) {
    String allowed = "must be one of " + Action.allowed() + " (case-sensitive)";
    return node.isTextual()
        ? quoted(node.textValue()) + " is not an action; it " + allowed
        : allowed + ", got " + kind(node);
  }

  /** Why {@code passcodeDelivery} is refused with an action that sets no passcode. */
  static String nothingToDeliver(Action action) {
    return action.graphName()
        + " sets no passcode; the new recovery key is kept in Entra ID, so there is nothing to"
        + " deliver";
  }

  /** Why a member the contract does not know is refused, pointing at a near miss in case. */
  static String unknownField(String name) {
    return ResetRequest.FIELDS.stream()
        .filter(f -> f.equalsIgnoreCase(name))
        .findFirst()
        .map(
            f ->
                "unknown field; field names are case-sensitive ("
                    + f
                    + ", not "
                    + safeName(name)
                    + ")")
        .orElse(
            "unknown field; unknown fields are rejected so that typos are not silently ignored");
  }

  static String kind(JsonNode node) {
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
  static String quoted(String value) {
    return "\"" + clip(value, 40) + "\"";
  }

  static String safeName(String name) {
    return clip(name, 64);
  }

  /** Text safe to echo: unsafe characters become {@code ?}, and it ends after {@code max}. */
  static String clip(String text, int max) {
    String clean = UNSAFE.matcher(text).replaceAll("?");
    return clean.length() > max ? clean.substring(0, max) + "..." : clean;
  }
}
