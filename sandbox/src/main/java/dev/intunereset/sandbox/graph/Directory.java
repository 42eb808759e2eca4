package dev.intunereset.sandbox.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Entra side of one tenant: its users (those given, plus one per distinct {@code userId} its
 * managed devices name) and its groups, validated against each other so a typo in a group fails at
 * load, not as a silent empty group.
 */
final class Directory {
  static final Directory EMPTY = new Directory(List.of(), List.of(), List.of(), "inventory");

  private final List<SimulatedUser> explicitUsers;
  private final Map<String, SimulatedUser> usersById = new LinkedHashMap<>();
  private final Map<String, SimulatedUser> usersByUpn = new HashMap<>();
  private final Map<String, SimulatedGroup> groups = new LinkedHashMap<>();
  private final Map<String, SimulatedDevice> byAzureAdDeviceId = new HashMap<>();

  /**
   * @throws IllegalArgumentException naming {@code source} on a repeated user or group, or a group
   *     member that is not a user or group of the tenant
   */
  Directory(
      Collection<SimulatedUser> users,
      Collection<SimulatedGroup> groupList,
      List<SimulatedDevice> devices,
      String source) {
    this.explicitUsers = List.copyOf(users);
    for (SimulatedUser user : users) {
      if (usersById.putIfAbsent(user.id(), user) != null) {
        throw new IllegalArgumentException(source + ": user " + user.id() + " is given twice");
      }
    }
    for (SimulatedDevice device : devices) {
      String userId = device.stringProperty("userId").orElse("");
      String upn = device.stringProperty("userPrincipalName").orElse("");
      if (Guids.isGuid(userId) && !upn.isBlank()) {
        usersById.putIfAbsent(lower(userId), new SimulatedUser(userId, upn));
      }
      device
          .stringProperty("azureADDeviceId")
          .filter(Guids::isGuid)
          .ifPresent(aad -> byAzureAdDeviceId.putIfAbsent(lower(aad), device));
    }
    usersById.values().forEach(u -> usersByUpn.putIfAbsent(lower(u.userPrincipalName()), u));
    for (SimulatedGroup group : groupList) {
      if (groups.putIfAbsent(group.id(), group) != null) {
        throw new IllegalArgumentException(source + ": group " + group.id() + " is given twice");
      }
    }
    for (SimulatedGroup group : groupList) {
      for (String userId : group.userIds()) {
        if (!usersById.containsKey(userId)) {
          throw new IllegalArgumentException(
              source + ": group " + group.id() + ": user member " + userId + " is no user");
        }
      }
      for (String nested : group.groupIds()) {
        if (!groups.containsKey(nested)) {
          throw new IllegalArgumentException(
              source + ": group " + group.id() + ": nested group " + nested + " is no group");
        }
      }
    }
  }

  /** The users given explicitly (not those implied by devices), for copies of the inventory. */
  List<SimulatedUser> explicitUsers() {
    return explicitUsers;
  }

  List<SimulatedUser> users() {
    return List.copyOf(usersById.values());
  }

  List<SimulatedGroup> groups() {
    return List.copyOf(groups.values());
  }

  /** The user whose object id or UPN is {@code idOrUpn}, compared case-insensitively. */
  Optional<SimulatedUser> user(String idOrUpn) {
    String key = lower(idOrUpn);
    SimulatedUser byId = usersById.get(key);
    return byId != null ? Optional.of(byId) : Optional.ofNullable(usersByUpn.get(key));
  }

  Optional<SimulatedGroup> group(String id) {
    return Optional.ofNullable(groups.get(lower(id)));
  }

  /** Whether {@code device}'s primary user is {@code user}, by {@code userId} or by UPN. */
  static boolean belongsTo(SimulatedDevice device, SimulatedUser user) {
    String userId = device.stringProperty("userId").orElse("");
    String upn = device.stringProperty("userPrincipalName").orElse("");
    return userId.equalsIgnoreCase(user.id())
        || (!upn.isBlank() && upn.equalsIgnoreCase(user.userPrincipalName()));
  }

  /** The managed device whose {@code azureADDeviceId} is {@code deviceId}, if enrolled. */
  Optional<SimulatedDevice> managedDevice(String deviceId) {
    return Optional.ofNullable(byAzureAdDeviceId.get(lower(deviceId)));
  }

  /** The group's device members, its nested groups' included, each once, in discovery order. */
  List<String> transitiveDeviceIds(SimulatedGroup group) {
    Set<String> out = new LinkedHashSet<>();
    transitive(group).forEach(g -> out.addAll(g.deviceIds()));
    return new ArrayList<>(out);
  }

  /** The group's user members, its nested groups' included, each once, in discovery order. */
  List<SimulatedUser> transitiveUsers(SimulatedGroup group) {
    Set<String> ids = new LinkedHashSet<>();
    transitive(group).forEach(g -> ids.addAll(g.userIds()));
    return ids.stream().map(usersById::get).toList();
  }

  /** The group and every group nested in it, breadth first; a cycle is followed once. */
  private List<SimulatedGroup> transitive(SimulatedGroup root) {
    Set<String> seen = new LinkedHashSet<>(List.of(root.id()));
    Deque<SimulatedGroup> queue = new ArrayDeque<>(List.of(root));
    List<SimulatedGroup> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      SimulatedGroup group = queue.poll();
      out.add(group);
      for (String nested : group.groupIds()) {
        if (seen.add(nested)) {
          queue.add(groups.get(nested));
        }
      }
    }
    return out;
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
