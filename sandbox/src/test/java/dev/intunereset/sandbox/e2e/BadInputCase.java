package dev.intunereset.sandbox.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One hostile or broken request message and what the worker must answer: the DLQ reason, and when a
 * requestId can be read, a RequestRejected naming these fields.
 */
record BadInputCase(
    String category,
    String name,
    byte[] value,
    UUID requestId,
    String dlqReason,
    List<String> fields) {

  @Override
  public String toString() {
    return category + ": " + name;
  }

  static BadInputCase unreadable(String category, String name, byte[] value, String dlqReason) {
    return new BadInputCase(category, name, value, null, dlqReason, List.of("$"));
  }

  static BadInputCase unreadable(String category, String name, String value, String dlqReason) {
    return unreadable(category, name, value.getBytes(StandardCharsets.UTF_8), dlqReason);
  }

  /** A request whose requestId is readable; {@code body} is spliced into an otherwise valid one. */
  static BadInputCase field(String name, String dlqReason, String body, String... fields) {
    UUID id = UUID.randomUUID();
    String json = "{\"requestId\":\"" + id + "\"" + (body.isEmpty() ? "" : ",") + body + "}";
    return new BadInputCase(
        "field rules", name, json.getBytes(StandardCharsets.UTF_8), id, dlqReason, List.of(fields));
  }

  /**
   * A message that fails before its fields are checked but whose requestId can still be read, so it
   * must be answered too (issue 12); {@code json} writes the message around the given id.
   */
  static BadInputCase readable(
      String category,
      String name,
      String dlqReason,
      java.util.function.Function<UUID, byte[]> json,
      String... fields) {
    UUID id = UUID.randomUUID();
    return new BadInputCase(category, name, json.apply(id), id, dlqReason, List.of(fields));
  }

  /** A complete valid request with one field replaced (or added) by {@code override}. */
  static String validExcept(String field, String json) {
    String base =
        "\"schemaVersion\":1,\"deviceIds\":[\"00000000-0000-4000-8000-000000000001\"],"
            + "\"requestedBy\":\"it@contoso.com\",\"reason\":\"corpus\",\"source\":\"it\"";
    String cleaned = base.replaceAll("\"" + field + "\":(\\[[^\\]]*\\]|\"[^\"]*\"|[0-9]+),?", "");
    cleaned = cleaned.endsWith(",") ? cleaned.substring(0, cleaned.length() - 1) : cleaned;
    return json.isEmpty() ? cleaned : cleaned + "," + json;
  }
}
