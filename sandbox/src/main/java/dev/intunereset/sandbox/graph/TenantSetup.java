package dev.intunereset.sandbox.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link GraphSimulator.Builder} collects about tenants and their fixed tokens, validated
 * together so a token can only name a tenant that is served.
 */
final class TenantSetup {
  static final String DEFAULT_DISPLAY_NAME = "Sandbox";
  static final GraphCaller DEFAULT_CALLER =
      new GraphCaller(GraphSimulator.DEFAULT_TENANT_ID, GraphSimulator.DEFAULT_APP_ID);

  private DeviceInventory defaultInventory;
  private Set<String> defaultTokens = Set.of(GraphSimulator.DEFAULT_TOKEN);
  private final List<SimulatedTenant> extra = new ArrayList<>();
  private final Map<String, GraphCaller> tokens = new LinkedHashMap<>();
  private Tenants tenants;
  private Map<String, GraphCaller> callers;

  void defaultInventory(DeviceInventory inventory) {
    this.defaultInventory = inventory;
  }

  void defaultTokens(Set<String> tokens) {
    this.defaultTokens = tokens;
  }

  void tenant(SimulatedTenant tenant) {
    extra.add(tenant);
  }

  void token(String token, GraphCaller caller) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("a tenant's token must not be blank");
    }
    if (tokens.putIfAbsent(token, caller) != null) {
      throw new IllegalArgumentException("a token is mapped twice (to " + caller + ")");
    }
  }

  /**
   * Builds the tenants and the token table once.
   *
   * @throws IllegalArgumentException on no or a blank default token, a token of a tenant not
   *     served, a token given twice, a tenant given twice or a device id in two tenants
   */
  void validate() {
    if (defaultTokens.isEmpty() || defaultTokens.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("acceptedTokens must be non-empty and not blank");
    }
    List<SimulatedTenant> all = new ArrayList<>();
    all.add(
        new SimulatedTenant(
            GraphSimulator.DEFAULT_TENANT_ID,
            DEFAULT_DISPLAY_NAME,
            defaultInventory == null
                ? DeviceInventory.deterministic(DeviceInventory.DEFAULT_SIZE)
                : defaultInventory));
    all.addAll(extra);
    Tenants served = new Tenants(all);
    Map<String, GraphCaller> table = new LinkedHashMap<>();
    for (String token : defaultTokens) {
      table.put(token, DEFAULT_CALLER);
    }
    tokens.forEach(
        (token, caller) -> {
          if (!served.serves(caller.tenantId())) {
            throw new IllegalArgumentException(
                "a token is mapped to tenant " + caller.tenantId() + ", which is not served");
          }
          if (table.putIfAbsent(token, caller) != null) {
            throw new IllegalArgumentException(
                "a token of tenant " + caller.tenantId() + " is also a default-tenant token");
          }
        });
    this.tenants = served;
    this.callers = table;
  }

  /** After {@link #validate()}: the default tenant first. */
  Tenants tenants() {
    return tenants;
  }

  /** After {@link #validate()}: every fixed token with whom it speaks for. */
  Map<String, GraphCaller> callers() {
    return callers;
  }
}
