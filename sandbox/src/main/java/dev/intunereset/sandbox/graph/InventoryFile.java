package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The inventory file: a bare JSON array of managedDevice objects, or an object {@code {"devices":
 * [...], "users": [{"id", "userPrincipalName"}], "groups": [{"id", "displayName", "members":
 * {"devices": [azureADDeviceIds], "users": [user ids], "groups": [group ids]}}]}}. Every problem
 * names the file and the entry.
 */
final class InventoryFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP =
      new TypeReference<LinkedHashMap<String, Object>>() {};
  private static final Set<String> TOP_LEVEL = Set.of("devices", "users", "groups");

  private InventoryFile() {}

  static DeviceInventory read(Path file) {
    String source = "Graph simulator inventory " + file;
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read", e);
    }
    if (root != null && root.isArray()) {
      return new DeviceInventory(devices(root, source), List.of(), List.of(), source);
    }
    if (root == null || !root.isObject() || !root.has("devices")) {
      throw new IllegalArgumentException(
          source
              + ": expected a JSON array of device objects, or an object with a \"devices\" array");
    }
    root.fieldNames()
        .forEachRemaining(
            name -> {
              if (!TOP_LEVEL.contains(name)) {
                throw new IllegalArgumentException(
                    source + ": unknown field \"" + name + "\" (devices, users, groups)");
              }
            });
    return new DeviceInventory(
        devices(array(root, "devices", source), source + ": devices"),
        users(array(root, "users", source), source + ": users"),
        groups(array(root, "groups", source), source + ": groups"),
        source);
  }

  private static JsonNode array(JsonNode root, String field, String source) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return JSON.createArrayNode();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(source + ": \"" + field + "\" must be an array");
    }
    return node;
  }

  private static List<SimulatedDevice> devices(JsonNode root, String source) {
    List<SimulatedDevice> list = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String where = source + ": entry [" + i + "]";
      requireObject(entry, where);
      String id = requireText(entry, "id", where, "a GUID string");
      if (!Guids.isGuid(id)) {
        throw new IllegalArgumentException(where + ": \"id\" is not a GUID: " + id);
      }
      requireText(entry, "operatingSystem", where, "a string");
      JsonNode actions = entry.get("deviceActionResults");
      if (actions != null && !actions.isNull() && !actions.isArray()) {
        throw new IllegalArgumentException(where + ": \"deviceActionResults\" must be an array");
      }
      try {
        list.add(SimulatedDevice.of(JSON.convertValue(entry, MAP)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return list;
  }

  private static List<SimulatedUser> users(JsonNode root, String source) {
    return entries(
        root,
        source,
        (entry, where) ->
            new SimulatedUser(
                requireText(entry, "id", where, "a GUID string"),
                requireText(entry, "userPrincipalName", where, "a string")));
  }

  private static List<SimulatedGroup> groups(JsonNode root, String source) {
    return entries(
        root,
        source,
        (entry, where) -> {
          JsonNode members = entry.get("members");
          if (members != null && !members.isNull() && !members.isObject()) {
            throw new IllegalArgumentException("\"members\" must be an object");
          }
          JsonNode m = members == null || members.isNull() ? JSON.createObjectNode() : members;
          return new SimulatedGroup(
              requireText(entry, "id", where, "a GUID string"),
              requireText(entry, "displayName", where, "a string"),
              strings(m, "devices"),
              strings(m, "users"),
              strings(m, "groups"));
        });
  }

  /** Reads each entry of {@code root}; a problem names the source and the entry's index. */
  private static <T> List<T> entries(
      JsonNode root, String source, BiFunction<JsonNode, String, T> read) {
    List<T> list = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      String where = source + " [" + i + "]";
      JsonNode entry = root.get(i);
      requireObject(entry, where);
      try {
        list.add(read.apply(entry, where));
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        throw message.startsWith(where)
            ? e
            : new IllegalArgumentException(where + ": " + message, e);
      }
    }
    return list;
  }

  private static List<String> strings(JsonNode members, String field) {
    JsonNode node = members.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.isTextual() ? n.asText() : null));
    }
    if (!node.isArray() || out.contains(null)) {
      throw new IllegalArgumentException(
          "\"members." + field + "\" must be an array of GUID strings");
    }
    return out;
  }

  private static void requireObject(JsonNode entry, String where) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object");
    }
  }

  private static String requireText(JsonNode entry, String field, String where, String what) {
    JsonNode node = entry.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is required (" + what + ")");
    }
    return node.asText();
  }
}
