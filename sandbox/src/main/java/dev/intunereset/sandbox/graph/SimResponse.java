package dev.intunereset.sandbox.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A decided answer, not yet written: status, headers and body (empty for 204). */
record SimResponse(int status, Map<String, String> headers, byte[] body) {
  static final String JSON = "application/json";

  SimResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  static SimResponse noContent() {
    return new SimResponse(204, Map.of(), new byte[0]);
  }

  static SimResponse json(int status, byte[] body) {
    return new SimResponse(status, Map.of("Content-Type", JSON), body);
  }

  SimResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new SimResponse(status, more, body);
  }
}
