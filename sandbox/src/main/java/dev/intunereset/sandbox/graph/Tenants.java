package dev.intunereset.sandbox.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tenants a simulator serves, the default one first. Device ids are unique across them, as
 * Intune's are, so a device's reset state and its call tallies need no tenant in their key.
 */
final class Tenants {
  private final Map<String, SimulatedTenant> byId = new LinkedHashMap<>();

  /**
   * @param tenants the default tenant first
   * @throws IllegalArgumentException on a repeated tenant id or a device id in two tenants
   */
  Tenants(List<SimulatedTenant> tenants) {
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("at least the default tenant is needed");
    }
    Map<String, String> tenantOfDevice = new HashMap<>();
    for (SimulatedTenant tenant : tenants) {
      if (byId.putIfAbsent(tenant.id(), tenant) != null) {
        throw new IllegalArgumentException("tenant " + tenant.id() + " is given twice");
      }
      for (String deviceId : tenant.inventory().ids()) {
        String other = tenantOfDevice.putIfAbsent(deviceId.toLowerCase(Locale.ROOT), tenant.id());
        if (other != null) {
          throw new IllegalArgumentException(
              "device "
                  + deviceId
                  + " is in tenants "
                  + other
                  + " and "
                  + tenant.id()
                  + ": device ids are unique across tenants (use DeviceInventory.deterministic"
                  + "(count, fleet) for generated fleets)");
        }
      }
    }
  }

  SimulatedTenant defaultTenant() {
    return byId.values().iterator().next();
  }

  Optional<SimulatedTenant> get(String tenantId) {
    return tenantId == null
        ? Optional.empty()
        : Optional.ofNullable(byId.get(tenantId.toLowerCase(Locale.ROOT)));
  }

  boolean serves(String tenantId) {
    return get(tenantId).isPresent();
  }

  List<SimulatedTenant> all() {
    return List.copyOf(new ArrayList<>(byId.values()));
  }

  @Override
  public String toString() {
    int devices = byId.values().stream().mapToInt(t -> t.inventory().size()).sum();
    return devices + " devices in " + byId.size() + " tenant(s)";
  }
}
