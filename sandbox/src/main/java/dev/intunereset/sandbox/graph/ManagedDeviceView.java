package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a managed device as Graph's GET does, honouring {@code $select} and reporting the live
 * {@code deviceActionResults}, so the worker's reads see what its resets did.
 */
final class ManagedDeviceView {
  private static final String METADATA = "https://graph.microsoft.com/beta/$metadata#";

  private final DeviceInventory inventory;
  private final ActionResults actions;
  private final ObjectMapper json;
  private final GraphErrors errors;

  ManagedDeviceView(
      DeviceInventory inventory, ActionResults actions, ObjectMapper json, GraphErrors errors) {
    this.inventory = inventory;
    this.actions = actions;
    this.json = json;
    this.errors = errors;
  }

  Decision get(GraphRequest rq, SimulatedDevice device) {
    Map<String, String> known = inventory.propertyNamesByLowerName();
    List<String> requested = selectOption(rq.query());
    Set<String> selected = new LinkedHashSet<>();
    for (String name : requested) {
      String canonical = known.get(name.toLowerCase(Locale.ROOT));
      if (canonical == null) {
        return Decision.of(
            errors.error(
                rq,
                400,
                "BadRequest",
                "Could not find a property named '"
                    + name
                    + "' on type 'microsoft.graph.managedDevice'."));
      }
      selected.add(canonical);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (selected.isEmpty()) {
      body.put("@odata.context", METADATA + "deviceManagement/managedDevices/$entity");
      device.properties().forEach(body::put);
      body.put(ManagedDeviceProperties.DEVICE_ACTION_RESULTS, actions.render(device, rq.now()));
    } else {
      body.put(
          "@odata.context",
          METADATA + "deviceManagement/managedDevices(" + String.join(",", selected) + ")/$entity");
      body.put("id", device.id());
      for (String name : selected) {
        if (name.equals(ManagedDeviceProperties.DEVICE_ACTION_RESULTS)) {
          body.put(name, actions.render(device, rq.now()));
        } else if (!name.equals("id")) {
          body.put(name, device.properties().get(name));
        }
      }
    }
    try {
      return Decision.of(SimResponse.json(200, json.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code $select} list; kiota sends the key as {@code %24select}, which decodes alike. */
  private static List<String> selectOption(String rawQuery) {
    List<String> names = new ArrayList<>();
    if (rawQuery.isEmpty()) {
      return names;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (eq < 0 || !(key.equalsIgnoreCase("$select") || key.equalsIgnoreCase("select"))) {
        continue;
      }
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      for (String name : value.split(",")) {
        String trimmed = name.trim();
        if (!trimmed.isEmpty()) {
          names.add(trimmed);
        }
      }
    }
    return names;
  }
}
