package dev.intunereset.sandbox.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One managedDevice of the simulated tenant: its static Graph properties.
 *
 * <p>{@code properties} holds every managedDevice property the simulator serves for this device
 * (always including {@code id} and {@code operatingSystem}, first), as JSON-like values: String,
 * Number, Boolean, null, List and Map. It is deeply immutable. Action results recorded at run time
 * live in the simulator, not here; a {@code deviceActionResults} property here is the device's
 * history from before the simulator started.
 *
 * <p>{@code checkIn} is how the device answers a reset ({@link CheckIn}); it is the simulator's,
 * not a Graph property, so it is never served and {@code properties} may not hold it.
 */
public record SimulatedDevice(
    String id, String operatingSystem, Map<String, Object> properties, CheckIn checkIn) {

  public SimulatedDevice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(operatingSystem, "operatingSystem");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(checkIn, "checkIn");
    if (properties.containsKey(CheckIn.FIELD)) {
      throw new IllegalArgumentException(
          "device " + id + ": \"" + CheckIn.FIELD + "\" is not a Graph property; give it apart");
    }
    if (!Guids.isGuid(id)) {
      throw new IllegalArgumentException("device id is not a GUID: " + id);
    }
    if (operatingSystem.isBlank()) {
      throw new IllegalArgumentException("operatingSystem is blank for device " + id);
    }
    Object givenId = properties.get("id");
    if (givenId != null && !id.equals(givenId)) {
      throw new IllegalArgumentException("properties.id " + givenId + " differs from id " + id);
    }
    Object givenOs = properties.get("operatingSystem");
    if (givenOs != null && !operatingSystem.equals(givenOs)) {
      throw new IllegalArgumentException(
          "properties.operatingSystem " + givenOs + " differs from " + operatingSystem);
    }
    // id and operatingSystem first, so full (un-$select-ed) responses read like Graph's.
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("id", id);
    ordered.put("operatingSystem", operatingSystem);
    properties.forEach(
        (name, value) -> {
          Objects.requireNonNull(name, "property name");
          ordered.putIfAbsent(name, freeze(value, name));
        });
    properties = Collections.unmodifiableMap(ordered);
  }

  /** A device that checks in as its platform allows ({@link CheckIn#DONE}). */
  public SimulatedDevice(String id, String operatingSystem, Map<String, Object> properties) {
    this(id, operatingSystem, properties, CheckIn.DONE);
  }

  /**
   * A device from an inventory entry, which must hold a string {@code id} and operatingSystem; its
   * {@code "checkIn"} field, if any, becomes {@link #checkIn()} instead of a property.
   *
   * @throws IllegalArgumentException naming the device and the allowed values when {@code
   *     "checkIn"} is none of them
   */
  public static SimulatedDevice of(Map<String, Object> properties) {
    Object id = properties.get("id");
    Object os = properties.get("operatingSystem");
    if (!(id instanceof String) || !(os instanceof String)) {
      throw new IllegalArgumentException("id and operatingSystem must be strings");
    }
    CheckIn checkIn = CheckIn.parse(properties.get(CheckIn.FIELD), (String) id);
    Map<String, Object> served = new LinkedHashMap<>(properties);
    served.remove(CheckIn.FIELD);
    return new SimulatedDevice((String) id, (String) os, served, checkIn);
  }

  /** This device, answering resets as {@code behaviour} says. */
  public SimulatedDevice withCheckIn(CheckIn behaviour) {
    return new SimulatedDevice(id, operatingSystem, properties, behaviour);
  }

  /** The property as a string, empty when absent, null or not a string. */
  public Optional<String> stringProperty(String name) {
    Object value = properties.get(name);
    return value instanceof String ? Optional.of((String) value) : Optional.empty();
  }

  /** The deviceName, or empty. */
  public Optional<String> deviceName() {
    return stringProperty("deviceName");
  }

  private static Object freeze(Object value, String where) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v, where + "." + k)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(freeze(list.get(i), where + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "property " + where + " is not a JSON value: " + value.getClass().getName());
  }
}
