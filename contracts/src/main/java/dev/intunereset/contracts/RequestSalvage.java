package dev.intunereset.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit fields of a message that failed strict reading (a repeated member, trailing text, a
 * truncation, a bad byte), read member by member up to the failure, so that its producer can still
 * be answered. A field repeated with different values is ambiguous and not read.
 */
final class RequestSalvage {
  // Reads what it can; only the audit fields are used, and only when they are valid.
  private static final ObjectMapper LENIENT =
      RequestParser.mapper(
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

  static final RequestSalvage NONE = new RequestSalvage(null, null, null);

  final UUID requestId;
  final String requestedBy;
  final String source;

  private RequestSalvage(UUID requestId, String requestedBy, String source) {
    this.requestId = requestId;
    this.requestedBy = requestedBy;
    this.source = source;
  }

  static RequestSalvage of(String text, boolean exactText) {
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
            .filter(n -> n.isTextual() && RequestFields.GUID.matcher(n.textValue()).matches())
            .map(n -> UUID.fromString(n.textValue()))
            .orElse(null);
    String by =
        unambiguous(members, "requestedBy")
            .filter(JsonNode::isTextual)
            .map(JsonNode::textValue)
            // Text decoded with replacement characters is not what the producer wrote.
            .filter(s -> exactText || s.indexOf('\uFFFD') < 0)
            .filter(s -> RequestText.textProblem(s, RequestParser.MAX_REQUESTED_BY) == null)
            .map(String::strip)
            .orElse(null);
    String src =
        unambiguous(members, "source")
            .filter(n -> n.isTextual() && RequestFields.NAME.matcher(n.textValue()).matches())
            .map(JsonNode::textValue)
            .orElse(null);
    return new RequestSalvage(id, by, src);
  }

  private static Optional<JsonNode> unambiguous(Map<String, List<JsonNode>> members, String name) {
    List<JsonNode> values = members.getOrDefault(name, List.of());
    if (values.isEmpty() || values.stream().anyMatch(v -> !v.equals(values.get(0)))) {
      return Optional.empty();
    }
    return Optional.of(values.get(0));
  }
}
