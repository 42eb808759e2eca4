package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Graph's error body, in the shape Intune gives it:
 *
 * <pre>{@code
 * {"error":{"code":"ResourceNotFound","message":"<Intune's JSON, as a string>",
 *   "innerError":{"date":"2020-09-25T09:58:18","request-id":"...","client-request-id":"..."}}}
 * }</pre>
 *
 * <p>Errors raised by Intune (not found, throttled, internal) embed Intune's own JSON as the
 * message, as observed in public bug reports; errors raised by Graph's front door (401, unknown
 * segment) carry plain text.
 */
final class GraphErrors {
  /** Graph writes innerError.date as local date-time without zone, seconds precision. */
  static final DateTimeFormatter INNER_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final String ZERO_OPERATION_ID = "00000000-0000-0000-0000-000000000000";
  private static final String INTUNE_FE =
      "https://fef.msua06.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/";
  private static final String INTUNE_API_VERSION = "2025-06-30";

  private final ObjectMapper json;

  GraphErrors(ObjectMapper json) {
    this.json = json;
  }

  SimResponse error(
      int status,
      String code,
      String message,
      Instant now,
      String requestId,
      String clientRequestId) {
    ObjectNode root = json.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode inner = error.putObject("innerError");
    inner.put("date", INNER_DATE.format(now));
    inner.put("request-id", requestId);
    inner.put("client-request-id", clientRequestId);
    try {
      return SimResponse.json(status, json.writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An error answering {@code rq}, echoing its ids and dated at its arrival. */
  SimResponse error(GraphRequest rq, int status, String code, String message) {
    return error(status, code, message, rq.now(), rq.requestId(), rq.clientRequestId());
  }

  /** Intune's message for {@code rq}'s resource: what Intune-raised errors carry. */
  String intuneMessage(GraphRequest rq) {
    return intuneMessage(rq.requestId(), rq.route().intuneResource());
  }

  /**
   * Intune's error JSON as the string Graph puts in {@code message}. Spacing follows the reported
   * samples; values are escaped by Jackson. The activity id is Graph's request id, as Intune logs
   * it.
   *
   * @param intuneResource e.g. {@code deviceManagement/managedDevices('<id>')}
   */
  String intuneMessage(String requestId, String intuneResource) {
    String text =
        "An error has occurred - Operation ID (for customer support): "
            + ZERO_OPERATION_ID
            + " - Activity ID: "
            + requestId
            + " - Url: "
            + INTUNE_FE
            + intuneResource
            + "?api-version="
            + INTUNE_API_VERSION;
    return "{\"_version\": 3, \"Message\": "
        + quote(text)
        + ", \"CustomApiErrorPhrase\": \"\", \"RetryAfter\": null, \"ErrorSourceService\": \"\","
        + " \"HttpHeaders\": \"{}\"}";
  }

  private String quote(String text) {
    try {
      return json.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
