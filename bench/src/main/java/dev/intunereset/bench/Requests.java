package dev.intunereset.bench;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reset request JSON as a ticketing system or SOAR playbook would publish it. */
final class Requests {
  /** Bulk runs measure the reset path: no lookup first, and failures do not fail the request. */
  static final String NO_LOOKUP = "\"validateDeviceExists\":false,\"ignorePartialFailures\":true";

  private Requests() {}

  static String request(UUID id, Collection<String> devices, String extraJson) {
    String ids = devices.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
    return "{\"schemaVersion\":1,\"requestId\":\""
        + id
        + "\",\"deviceIds\":["
        + ids
        + "],\"requestedBy\":\"bench@contoso.com\",\"reason\":\"benchmark run\","
        + "\"source\":\"sentinel-playbook\""
        + (extraJson.isEmpty() ? "" : "," + extraJson)
        + "}";
  }
}
