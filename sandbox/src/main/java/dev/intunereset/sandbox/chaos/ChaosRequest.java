package dev.intunereset.sandbox.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intunereset.contracts.Action;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One request of a chaos run, kept so that each device's outcome and Graph's count of applied
 * actions can be checked against the action its request asked for.
 */
record ChaosRequest(UUID id, Action action, Dispatch dispatch, List<String> devices) {
  /** The three paths a request can take through the worker. */
  enum Dispatch {
    NO_LOOKUP(false, true),
    PER_DEVICE_LOOKUP(true, true),
    ALL_OR_NOTHING(true, false);

    private final boolean validateDeviceExists;
    private final boolean ignorePartialFailures;

    Dispatch(boolean validateDeviceExists, boolean ignorePartialFailures) {
      this.validateDeviceExists = validateDeviceExists;
      this.ignorePartialFailures = ignorePartialFailures;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  ChaosRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(dispatch, "dispatch");
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a request names at least one device");
    }
  }

  /**
   * The request as a producer writes it. A passcode reset leaves {@code action} out, as every
   * request did before there was a second action, so the default keeps being exercised.
   */
  String json() {
    ObjectNode json =
        JSON.createObjectNode().put("schemaVersion", 1).put("requestId", id.toString());
    ArrayNode ids = json.putArray("deviceIds");
    devices.forEach(ids::add);
    json.put("requestedBy", "chaos@contoso.com").put("reason", "chaos run").put("source", "chaos");
    if (action != Action.DEFAULT) {
      json.put("action", action.graphName());
    }
    return json.put("validateDeviceExists", dispatch.validateDeviceExists)
        .put("ignorePartialFailures", dispatch.ignorePartialFailures)
        .toString();
  }
}
