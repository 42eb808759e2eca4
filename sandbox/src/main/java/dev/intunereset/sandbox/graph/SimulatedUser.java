package dev.intunereset.sandbox.graph;

import java.util.Locale;
import java.util.Objects;

/**
 * An Entra user of a simulated tenant, so that {@code /users/{id or UPN}/managedDevices} and a
 * group's user members have someone to name.
 *
 * @param id the user's object id (a GUID, lower case)
 * @param userPrincipalName the UPN; users are found by it case-insensitively, as Entra finds them
 */
public record SimulatedUser(String id, String userPrincipalName) {
  public SimulatedUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userPrincipalName, "userPrincipalName");
    if (!Guids.isGuid(id)) {
      throw new IllegalArgumentException("user id is not a GUID: " + id);
    }
    if (userPrincipalName.isBlank()) {
      throw new IllegalArgumentException("user " + id + ": userPrincipalName is blank");
    }
    id = id.toLowerCase(Locale.ROOT);
  }
}
