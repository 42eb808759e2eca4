package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
    Map<String, String> known = inventory.propertyNamesByLowerName();
    List<String> requested = selectOption(rq.query());
    Set<String> selected = new LinkedHashSet<>();
    for (String name : requested) {
      String canonical = known.get(name.toLowerCase(Locale.ROOT));
      if (canonical == null) {
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
      selected.add(canonical);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (selected.isEmpty()) {
      body.put("@odata.context", METADATA + "deviceManagement/managedDevices/$entity");
      device.properties().forEach(body::put);
      body.put(ManagedDeviceProperties.LAST_SYNC_DATE_TIME, lastSync(device, rq.now()));
      body.put(ManagedDeviceProperties.DEVICE_ACTION_RESULTS, actions.render(device, rq.now()));
    } else {
      body.put(
          "@odata.context",
          METADATA + "deviceManagement/managedDevices(" + String.join(",", selected) + ")/$entity");
      body.put("id", device.id());
      for (String name : selected) {
        if (name.equals(ManagedDeviceProperties.DEVICE_ACTION_RESULTS)) {
          body.put(name, actions.render(device, rq.now()));
        } else if (name.equals(ManagedDeviceProperties.LAST_SYNC_DATE_TIME)) {
          body.put(name, lastSync(device, rq.now()));
        } else if (!name.equals("id") && !ManagedDeviceProperties.RELATIONSHIPS.contains(name)) {
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

  /**
   * The later of the inventory's value (or, when it gives none, the device's latest periodic
   * check-in, the last before the simulator started for a device that is offline) and the check-in
   * that settled its latest reset; the inventory's value as given when it is not a date and no
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
    Optional<Instant> settled = actions.checkInForReset(device, now);
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
