package dev.intunereset.sandbox.graph;

import java.nio.file.Path;
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
 */
record SimulatorCommandLine(
    String host,
    int port,
    Optional<Path> inventory,
    int devices,
    String token,
    Optional<Long> seed,
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
          "  --inventory  JSON array of managedDevice objects (env " + ENV_INVENTORY + ")",
          "  --devices    size of the deterministic inventory (default "
              + DeviceInventory.DEFAULT_SIZE
              + ")",
          "  --token      accepted bearer token (env " + ENV_TOKEN + ", default sandbox-token)",
          "  --seed       seed for passcodes and fault draws (default: random)");

  SimulatorCommandLine {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(seed, "seed");
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
    boolean help = false;
    Set<String> withValue =
        Set.of("--host", "--port", "--inventory", "--devices", "--token", "--seed");
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
        help);
  }

  /** A builder configured from these options (loads the inventory file, if any). */
  GraphSimulator.Builder toBuilder() {
    DeviceInventory devicesToServe =
        inventory
            .map(DeviceInventory::fromJson)
            .orElseGet(() -> DeviceInventory.deterministic(devices));
    return GraphSimulator.builder()
        .host(host)
        .port(port)
        .inventory(devicesToServe)
        .acceptedTokens(Set.of(token))
        .random(seed.map(Random::new).orElseGet(Random::new));
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
