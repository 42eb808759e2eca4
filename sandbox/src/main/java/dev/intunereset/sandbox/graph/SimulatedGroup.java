package dev.intunereset.sandbox.graph;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An Entra group of a simulated tenant, with its direct members; {@code transitiveMembers} follows
 * the nested groups.
 *
 * @param id the group's object id (a GUID, lower case)
 * @param displayName the group's name
 * @param deviceIds Entra device members by their {@code deviceId}, which is the managed device's
 *     {@code azureADDeviceId}; an Entra device need not be enrolled in Intune
 * @param userIds user members by object id; each must be a user of the tenant
 * @param groupIds nested groups by object id; each must be a group of the tenant
 */
public record SimulatedGroup(
    String id,
    String displayName,
    List<String> deviceIds,
    List<String> userIds,
    List<String> groupIds) {
  public SimulatedGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    if (!Guids.isGuid(id)) {
      throw new IllegalArgumentException("group id is not a GUID: " + id);
    }
    id = id.toLowerCase(Locale.ROOT);
    deviceIds = guids(deviceIds, "group " + id + ": device member");
    userIds = guids(userIds, "group " + id + ": user member");
    groupIds = guids(groupIds, "group " + id + ": nested group");
  }

  private static List<String> guids(List<String> ids, String what) {
    Objects.requireNonNull(ids, what + "s");
    for (String id : ids) {
      if (!Guids.isGuid(id)) {
        throw new IllegalArgumentException(what + " is not a GUID: " + id);
      }
    }
    return ids.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
  }
}
