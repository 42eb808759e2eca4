package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a managed device as Graph's GET does, honouring {@code $select} and reporting the live
 * {@code deviceActionResults} and {@code lastSyncDateTime}, so the worker's reads see what its
 * resets did.
 *
 * <p>{@code $select} accepts any managedDevice property Graph knows: one the device has no value
 * for is served as null, a relationship is left out (Graph serves it only with {@code $expand}). A
 * name managedDevice does not have is Graph's OData 400.
 */
final class ManagedDeviceView {
  private static final String METADATA = "https://graph.microsoft.com/beta/$metadata#";
  private static final long CHECK_IN_SECONDS = Duration.ofHours(8).toSeconds();

  private final ActionResults actions;
  private final ObjectMapper json;
  private final GraphErrors errors;
  private final Instant startedAt;

  ManagedDeviceView(
      ActionResults actions, ObjectMapper json, GraphErrors errors, Instant startedAt) {
    this.actions = actions;
    this.json = json;
    this.errors = errors;
    this.startedAt = startedAt;
  }

  /**
   * @param inventory the caller's tenant's, whose own fields a {@code $select} may name
   */
  Decision get(GraphRequest rq, SimulatedDevice device, DeviceInventory inventory) {
    Selection selection = selection(ODataOptions.parse(rq.query()).select(), inventory);
    if (selection.unknown() != null) {
      return unknownProperty(rq, selection.unknown());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    String path = "deviceManagement/managedDevices";
    body.put("@odata.context", METADATA + context(path, selection.names()) + "/$entity");
    body.putAll(properties(device, selection.names(), rq.now()));
    try {
      return Decision.of(SimResponse.json(200, json.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a {@code $select} names, by Graph's spelling.
   *
   * @param names empty when nothing was selected (every property is served)
   * @param unknown the first name managedDevice does not have, else null
   */
  record Selection(Set<String> names, String unknown) {}

  /** Resolves {@code requested} case-insensitively against what the tenant's devices may have. */
  Selection selection(List<String> requested, DeviceInventory inventory) {
    Map<String, String> known = inventory.propertyNamesByLowerName();
    Set<String> selected = new LinkedHashSet<>();
    for (String name : requested) {
      String canonical = known.get(name.toLowerCase(Locale.ROOT));
      if (canonical == null) {
        return new Selection(Set.of(), name);
      }
      selected.add(canonical);
    }
    return new Selection(selected, null);
  }

  /** Graph's OData 400 for a {@code $select} of a property managedDevice does not have. */
  Decision unknownProperty(GraphRequest rq, String name) {
    // Graph's wording, as public reports of an unknown $select property show it.
    return Decision.of(
        errors.error(
            rq,
            400,
            "BadRequest",
            "Parsing OData Select and Expand failed: Could not find a property named '"
                + name
                + "' on type 'microsoft.graph.managedDevice'."));
  }

  /** {@code path} with the selected names in parentheses, as Graph's {@code @odata.context} has. */
  static String context(String path, Set<String> selected) {
    return selected.isEmpty() ? path : path + "(" + String.join(",", selected) + ")";
  }

  /**
   * The device as Graph serves it at {@code now}: every property, or {@code id} and those selected.
   */
  Map<String, Object> properties(SimulatedDevice device, Set<String> selected, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (selected.isEmpty()) {
      device.properties().forEach(body::put);
      body.put(ManagedDeviceProperties.LAST_SYNC_DATE_TIME, lastSync(device, now));
      body.put(ManagedDeviceProperties.DEVICE_ACTION_RESULTS, actions.render(device, now));
      return body;
    }
    body.put("id", device.id());
    for (String name : selected) {
      if (!name.equals("id") && !ManagedDeviceProperties.RELATIONSHIPS.contains(name)) {
        body.put(name, value(device, name, now));
      }
    }
    return body;
  }

  /** One property's value at {@code now}: live for deviceActionResults and lastSyncDateTime. */
  Object value(SimulatedDevice device, String name, Instant now) {
    if (name.equals(ManagedDeviceProperties.DEVICE_ACTION_RESULTS)) {
      return actions.render(device, now);
    }
    if (name.equals(ManagedDeviceProperties.LAST_SYNC_DATE_TIME)) {
      return lastSync(device, now);
    }
    return device.properties().get(name);
  }

  /**
   * The later of the inventory's value (or, when it gives none, the device's latest periodic
   * check-in, the last before the simulator started for a device that is offline) and the check-in
   * that settled its latest action; the inventory's value as given when it is not a date and no
   * check-in is known.
   */
  private Object lastSync(SimulatedDevice device, Instant now) {
    Object given = device.properties().get(ManagedDeviceProperties.LAST_SYNC_DATE_TIME);
    Instant periodicUntil =
        device.checkIn() == CheckIn.OFFLINE && startedAt.isBefore(now) ? startedAt : now;
    Optional<Instant> givenAt =
        given == null
            ? Optional.of(periodicCheckIn(device.id(), periodicUntil))
            : parseInstant(given);
    Optional<Instant> latest = givenAt;
    Optional<Instant> settled = actions.lastActionCheckIn(device, now);
    if (settled.isPresent() && (latest.isEmpty() || settled.get().isAfter(latest.get()))) {
      latest = settled;
    }
    return latest.equals(givenAt) && given != null ? given : latest.get().toString();
  }

  /** Every 8 hours, about Intune's refresh cycle, at an offset of the device's own. */
  private static Instant periodicCheckIn(String deviceId, Instant now) {
    // String.hashCode is specified, so each device's offset is the same in every run.
    long offset = Math.floorMod(deviceId.toLowerCase(Locale.ROOT).hashCode(), CHECK_IN_SECONDS);
    long sinceLast = Math.floorMod(now.getEpochSecond() - offset, CHECK_IN_SECONDS);
    return Instant.ofEpochSecond(now.getEpochSecond() - sinceLast);
  }

  private static Optional<Instant> parseInstant(Object value) {
    if (!(value instanceof String text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
