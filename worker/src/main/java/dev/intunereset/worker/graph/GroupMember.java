package dev.intunereset.worker.graph;

import java.util.Objects;

/**
 * One transitive member of an Entra group, as {@code .../transitiveMembers/microsoft.graph.device}
 * or {@code .../microsoft.graph.user} returned it.
 *
 * @param id the Entra object id
 * @param deviceId a device member's {@code deviceId}: the managed device's {@code azureADDeviceId};
 *     null for a user
 * @param userPrincipalName a user member's UPN; null for a device
 */
public record GroupMember(String id, String deviceId, String userPrincipalName) {
  public GroupMember {
    Objects.requireNonNull(id, "id");
  }
}
