package dev.intunereset.sandbox.graph;

import java.util.Locale;
import java.util.Objects;

/**
 * One Entra tenant the simulator serves: its devices are visible only to tokens of this tenant, and
 * it has Graph budgets of its own.
 *
 * @param id the tenant id (a GUID, lower case)
 * @param displayName a name for logs and diagnostics
 * @param inventory the tenant's managed devices
 */
public record SimulatedTenant(String id, String displayName, DeviceInventory inventory) {
  public SimulatedTenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(inventory, "inventory");
    if (!Guids.isGuid(id)) {
      throw new IllegalArgumentException("tenant id is not a GUID: " + id);
    }
    if (displayName.isBlank()) {
      throw new IllegalArgumentException("tenant " + id + ": display name is blank");
    }
    id = id.toLowerCase(Locale.ROOT);
  }
}
