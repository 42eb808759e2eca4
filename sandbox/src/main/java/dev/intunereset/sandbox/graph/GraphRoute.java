package dev.intunereset.sandbox.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a request path and method ask for. Segments match case-insensitively, as Graph's do.
 *
 * @param kind the route
 * @param operation {@link RecordedCall} operation name
 * @param deviceId the id segment of a device path, else null
 * @param detail the offending segment or version for unknown paths; the allowed method for 405; the
 *     user (id or UPN) or group id a listing names
 */
record GraphRoute(Kind kind, String operation, String deviceId, String detail) {

  enum Kind {
    GET_DEVICE,
    RESET_PASSCODE,
    ROTATE_BITLOCKER_KEYS,
    LIST_DEVICES,
    USER_DEVICES,
    GROUP_DEVICES,
    GROUP_USERS,
    MALFORMED_ID,
    METHOD_NOT_ALLOWED,
    UNKNOWN_SEGMENT,
    UNKNOWN_VERSION,
    NOT_IMPLEMENTED
  }

  static GraphRoute parse(String method, String decodedPath) {
    List<String> segments = new ArrayList<>();
    for (String segment : decodedPath.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    if (segments.isEmpty() || !segments.get(0).equalsIgnoreCase("beta")) {
      return other(Kind.UNKNOWN_VERSION, segments.isEmpty() ? "" : segments.get(0));
    }
    if (segments.size() == 1) {
      return other(Kind.NOT_IMPLEMENTED, null);
    }
    if (segments.get(1).equalsIgnoreCase("users") || segments.get(1).equalsIgnoreCase("groups")) {
      return directoryRoute(method, segments);
    }
    if (!segments.get(1).equalsIgnoreCase("deviceManagement")) {
      return other(Kind.UNKNOWN_SEGMENT, segments.get(1));
    }
    if (segments.size() == 2) {
      return other(Kind.NOT_IMPLEMENTED, null);
    }
    if (!segments.get(2).equalsIgnoreCase("managedDevices")) {
      return other(Kind.UNKNOWN_SEGMENT, segments.get(2));
    }
    if (segments.size() == 3) {
      return listing(method, Kind.LIST_DEVICES, RecordedCall.LIST_MANAGED_DEVICES, null);
    }
    String id = segments.get(3);
    if (segments.size() == 4) {
      return deviceRoute(method, "GET", Kind.GET_DEVICE, RecordedCall.GET_MANAGED_DEVICE, id);
    }
    String action = segments.get(4);
    if (segments.size() == 5 && isAction(action, RecordedCall.RESET_PASSCODE)) {
      return deviceRoute(method, "POST", Kind.RESET_PASSCODE, RecordedCall.RESET_PASSCODE, id);
    }
    if (segments.size() == 5 && isAction(action, RecordedCall.ROTATE_BITLOCKER_KEYS)) {
      return deviceRoute(
          method, "POST", Kind.ROTATE_BITLOCKER_KEYS, RecordedCall.ROTATE_BITLOCKER_KEYS, id);
    }
    return new GraphRoute(Kind.UNKNOWN_SEGMENT, RecordedCall.OTHER, id, segments.get(4));
  }

  boolean isDeviceOperation() {
    return kind == Kind.GET_DEVICE || isWrite();
  }

  boolean isListing() {
    return kind == Kind.LIST_DEVICES
        || kind == Kind.USER_DEVICES
        || kind == Kind.GROUP_DEVICES
        || kind == Kind.GROUP_USERS;
  }

  /** A device action POST: on the write budget. */
  boolean isWrite() {
    return kind == Kind.RESET_PASSCODE || kind == Kind.ROTATE_BITLOCKER_KEYS;
  }

  /** The resource path as Intune's front end names it, for embedded error messages. */
  String intuneResource() {
    if (kind == Kind.LIST_DEVICES) {
      return "deviceManagement/managedDevices";
    }
    if (kind == Kind.USER_DEVICES) {
      return "users('" + detail + "')/managedDevices";
    }
    if (kind == Kind.GROUP_DEVICES || kind == Kind.GROUP_USERS) {
      return "groups('" + detail + "')/transitiveMembers";
    }
    String device = "deviceManagement/managedDevices('" + deviceId + "')";
    return isWrite() ? device + "/" + operation : device;
  }

  /** The action's segment, with or without its namespace, as Graph takes it. */
  private static boolean isAction(String segment, String action) {
    return segment.equalsIgnoreCase(action)
        || segment.equalsIgnoreCase("microsoft.graph." + action);
  }

  private static GraphRoute deviceRoute(
      String method, String allowed, Kind kind, String operation, String id) {
    if (!method.equalsIgnoreCase(allowed)) {
      return new GraphRoute(Kind.METHOD_NOT_ALLOWED, RecordedCall.OTHER, id, allowed);
    }
    if (!Guids.isGuid(id)) {
      return new GraphRoute(Kind.MALFORMED_ID, operation, id, null);
    }
    return new GraphRoute(kind, operation, id, null);
  }

  /** {@code users/{id or UPN}/managedDevices} and {@code groups/{id}/transitiveMembers/<cast>}. */
  private static GraphRoute directoryRoute(String method, List<String> segments) {
    boolean users = segments.get(1).equalsIgnoreCase("users");
    if (segments.size() < 4) {
      return other(Kind.NOT_IMPLEMENTED, null);
    }
    String id = segments.get(2);
    if (users) {
      return segments.size() == 4 && segments.get(3).equalsIgnoreCase("managedDevices")
          ? listing(method, Kind.USER_DEVICES, RecordedCall.LIST_USER_MANAGED_DEVICES, id)
          : other(Kind.NOT_IMPLEMENTED, null);
    }
    if (segments.size() != 5 || !segments.get(3).equalsIgnoreCase("transitiveMembers")) {
      return other(Kind.NOT_IMPLEMENTED, null);
    }
    // Graph takes the cast with or without its namespace's alias; the SDK sends graph.device.
    String cast = segments.get(4).toLowerCase(Locale.ROOT).replaceFirst("^microsoft\\.", "");
    if (cast.equals("graph.device")) {
      return listing(method, Kind.GROUP_DEVICES, RecordedCall.LIST_GROUP_DEVICES, id);
    }
    if (cast.equals("graph.user")) {
      return listing(method, Kind.GROUP_USERS, RecordedCall.LIST_GROUP_USERS, id);
    }
    return other(Kind.NOT_IMPLEMENTED, null);
  }

  private static GraphRoute listing(String method, Kind kind, String operation, String id) {
    if (!method.equalsIgnoreCase("GET")) {
      return new GraphRoute(Kind.METHOD_NOT_ALLOWED, RecordedCall.OTHER, null, "GET");
    }
    return new GraphRoute(kind, operation, null, id);
  }

  private static GraphRoute other(Kind kind, String detail) {
    return new GraphRoute(kind, RecordedCall.OTHER, null, detail);
  }
}
