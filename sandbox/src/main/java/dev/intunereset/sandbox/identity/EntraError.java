package dev.intunereset.sandbox.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A refusal as Entra words it (HTTP status, OAuth error, AADSTS code and text), so every check can
 * name its error and the body is written in one place.
 */
record EntraError(int status, String error, int aadsts, String description) {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** A credential problem: Entra answers these 401. */
  static EntraError invalidClient(int aadsts, String description) {
    return new EntraError(401, "invalid_client", aadsts, description);
  }

  static EntraError badRequest(String error, int aadsts, String description) {
    return new EntraError(400, error, aadsts, description);
  }

  /** Entra's error JSON, with a fresh trace id and the caller's correlation id. */
  String body(String correlation, Instant at) {
    String now = TIMESTAMP.format(at);
    String trace = UUID.randomUUID().toString();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", error);
    body.put(
        "error_description",
        "AADSTS"
            + aadsts
            + ": "
            + description
            + "\r\nTrace ID: "
            + trace
            + "\r\nCorrelation ID: "
            + correlation
            + "\r\nTimestamp: "
            + now);
    body.putArray("error_codes").add(aadsts);
    body.put("timestamp", now);
    body.put("trace_id", trace);
    body.put("correlation_id", correlation);
    body.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
    return body.toString();
  }
}
