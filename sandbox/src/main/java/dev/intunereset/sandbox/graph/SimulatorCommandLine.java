package dev.intunereset.sandbox.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * {@link GraphSimulatorMain}'s flags, parsed without touching the process environment so tests can
 * pass their own.
 *
 * <p>Flags take {@code --flag value} or {@code --flag=value}. {@code --inventory} falls back to
 * {@code GRAPH_SIM_INVENTORY} and {@code --token} to {@code GRAPH_SIM_TOKEN}; an explicit {@code
 * --devices} wins over the inventory variable.
 *
 * <p>{@code --tenant <id>[=<inventory.json>]} (repeatable) serves another tenant besides the
 * default one ({@value GraphSimulator#DEFAULT_TENANT_ID}): its devices come from the file, or are a
 * generated fleet of {@code --devices} devices with ids of its own ({@link
 * DeviceInventory#deterministic(int, int)}, fleet 1 for the first {@code --tenant}, 2 for the
 * next...), and its bearer token is the default tenant's followed by {@code .<id>}.
 */
record SimulatorCommandLine(
    String host,
    int port,
    Optional<Path> inventory,
    int devices,
    String token,
    Optional<Long> seed,
    List<TenantOption> tenants,
    int pageSize,
    boolean help) {

  static final String ENV_INVENTORY = "GRAPH_SIM_INVENTORY";
  static final String ENV_TOKEN = "GRAPH_SIM_TOKEN";
  static final int DEFAULT_PORT = 8085;

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: GraphSimulatorMain [--host 127.0.0.1] [--port 8085]",
          "                          [--inventory <file.json> | --devices <n>]",
          "                          [--token <bearer token>] [--seed <long>]",
          "                          [--tenant <tenant id>[=<file.json>]]... [--page-size <n>]",
          "  --inventory  JSON array of managedDevice objects (env " + ENV_INVENTORY + ")",
          "  --devices    size of the deterministic inventory (default "
              + DeviceInventory.DEFAULT_SIZE
              + ")",
          "  --token      accepted bearer token (env " + ENV_TOKEN + ", default sandbox-token)",
          "  --seed       seed for passcodes and fault draws (default: random)",
          "  --tenant     another tenant (a GUID; repeatable): its devices from the file, else",
          "               generated with ids of its own; its token is <token>.<tenant id>",
          "               (the default tenant is " + GraphSimulator.DEFAULT_TENANT_ID + ")",
          "  --page-size  devices per listing page, 1 to 1000 (default 1000, as Graph)");

  /** One {@code --tenant}: its id, and the file of its devices if one was given. */
  record TenantOption(String id, Optional<Path> inventory) {
    TenantOption {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(inventory, "inventory");
    }

    /** {@code <id>} or {@code <id>=<inventory.json>}. */
    static TenantOption parse(String value) {
      int eq = value.indexOf('=');
      String id = eq < 0 ? value : value.substring(0, eq);
      if (!Guids.isGuid(id)) {
        throw new IllegalArgumentException("--tenant: not a tenant id (a GUID): " + id);
      }
      if (eq >= 0 && value.substring(eq + 1).isBlank()) {
        throw new IllegalArgumentException("--tenant " + id + "=: the inventory file is missing");
      }
      return new TenantOption(
          id, eq < 0 ? Optional.empty() : Optional.of(Path.of(value.substring(eq + 1))));
    }

    /** The bearer token of this tenant when the default tenant's is {@code defaultToken}. */
    String token(String defaultToken) {
      return defaultToken + "." + id;
    }
  }

  SimulatorCommandLine {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(seed, "seed");
    tenants = List.copyOf(tenants);
  }

  /**
   * @throws IllegalArgumentException with a message fit for the console
   */
  static SimulatorCommandLine parse(String[] args, Map<String, String> env) {
    String host = "127.0.0.1";
    int port = DEFAULT_PORT;
    Path inventory = null;
    Integer devices = null;
    String token = null;
    Long seed = null;
    int pageSize = DeviceListing.MAX_PAGE;
    boolean help = false;
    List<TenantOption> tenants = new ArrayList<>();
    Set<String> withValue =
        Set.of(
            "--host",
            "--port",
            "--inventory",
            "--devices",
            "--token",
            "--seed",
            "--tenant",
            "--page-size");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      if (!withValue.contains(name)) {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--host":
          if (value.isBlank()) {
            throw new IllegalArgumentException("--host is blank");
          }
          host = value;
          break;
        case "--port":
          port = parseInt(name, value, 0, 65_535);
          break;
        case "--inventory":
          inventory = Path.of(value);
          break;
        case "--devices":
          devices = parseInt(name, value, 0, 10_000_000);
          break;
        case "--token":
          token = value;
          break;
        case "--seed":
          try {
            seed = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed is not a number: " + value);
          }
          break;
        case "--tenant":
          tenants.add(TenantOption.parse(value));
          break;
        case "--page-size":
          pageSize = parseInt(name, value, 1, DeviceListing.MAX_PAGE);
          break;
        default:
          throw new IllegalStateException(name);
      }
    }
    if (inventory != null && devices != null) {
      throw new IllegalArgumentException("give either --inventory or --devices, not both");
    }
    if (inventory == null && devices == null) {
      String fromEnv = env.get(ENV_INVENTORY);
      if (fromEnv != null && !fromEnv.isBlank()) {
        inventory = Path.of(fromEnv);
      }
    }
    if (token == null) {
      String fromEnv = env.get(ENV_TOKEN);
      token = fromEnv == null || fromEnv.isBlank() ? GraphSimulator.DEFAULT_TOKEN : fromEnv;
    }
    if (token.isBlank()) {
      throw new IllegalArgumentException("--token is blank");
    }
    return new SimulatorCommandLine(
        host,
        port,
        Optional.ofNullable(inventory),
        devices == null ? DeviceInventory.DEFAULT_SIZE : devices,
        token,
        Optional.ofNullable(seed),
        tenants,
        pageSize,
        help);
  }

  /** A builder configured from these options (loads the inventory file, if any). */
  GraphSimulator.Builder toBuilder() {
    DeviceInventory devicesToServe =
        inventory
            .map(DeviceInventory::fromJson)
            .orElseGet(() -> DeviceInventory.deterministic(devices));
    GraphSimulator.Builder builder =
        GraphSimulator.builder()
            .host(host)
            .port(port)
            .inventory(devicesToServe)
            .acceptedTokens(Set.of(token))
            .pageSize(pageSize)
            .random(seed.map(Random::new).orElseGet(Random::new));
    for (int i = 0; i < tenants.size(); i++) {
      TenantOption tenant = tenants.get(i);
      int fleet = i + 1;
      builder
          .tenant(
              tenant.id(),
              "Sandbox tenant " + fleet,
              tenant
                  .inventory()
                  .map(DeviceInventory::fromJson)
                  .orElseGet(() -> DeviceInventory.deterministic(devices, fleet)))
          .token(tenant.token(token), tenant.id(), GraphSimulator.DEFAULT_APP_ID);
    }
    return builder;
  }

  private static int parseInt(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value);
    }
  }
}
