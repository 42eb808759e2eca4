package dev.intunereset.worker.config;

import dev.intunereset.worker.config.WorkerConfig.ActionLimits;
import dev.intunereset.worker.config.WorkerConfig.DispatchSettings;
import dev.intunereset.worker.config.WorkerConfig.GraphSettings;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.config.WorkerConfig.KafkaSettings;
import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.config.WorkerConfig.RequestPolicy;
import dev.intunereset.worker.config.WorkerConfig.SettlementSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Reads {@link WorkerConfig} from environment variables over an optional properties file, and
 * reports every invalid value at once, one line per problem, naming the key and accepted range.
 */
public final class ConfigReader {
  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();
  private final Map<ConfigKey<?>, Object> checked = new IdentityHashMap<>();

  private ConfigReader(Map<String, String> values) {
    this.values = values;
  }

  /** Reads from the process environment (and {@code WORKER_CONFIG_FILE} if set). */
  public static WorkerConfig fromEnvironment() {
    return read(System.getenv());
  }

  /** Reads from the given variables; {@code WORKER_CONFIG_FILE} among them names a file. */
  public static WorkerConfig read(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    List<String> fileProblems = new ArrayList<>();
    String file = env.get(ConfigKeys.CONFIG_FILE.name());
    if (file != null && !file.isBlank()) {
      ValueType<Path> type = ConfigKeys.CONFIG_FILE.type();
      type.parse(file.trim())
          .ifPresentOrElse(
              path -> merged.putAll(loadFile(path, fileProblems)),
              () -> fileProblems.add(ConfigKeys.CONFIG_FILE.name() + ": " + type.problem(file)));
    }
    env.forEach(
        (k, v) -> {
          if (k.equals("HOSTNAME") || isKnownKey(k) || isPassThrough(k)) {
            merged.put(k, v);
          }
        });
    ConfigReader reader = new ConfigReader(merged);
    reader.problems.addAll(fileProblems);
    return reader.build();
  }

  private static boolean isKnownKey(String name) {
    return ConfigKeys.ALL.stream().anyMatch(k -> k.name().equals(name));
  }

  private static boolean isPassThrough(String name) {
    return name.startsWith(ConfigKeys.KAFKA_CLIENT_PREFIX)
        && name.length() > ConfigKeys.KAFKA_CLIENT_PREFIX.length();
  }

  private static Map<String, String> loadFile(Path path, List<String> problems) {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(path)) {
      props.load(r);
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a malformed unicode escape in the file.
      problems.add(ConfigKeys.CONFIG_FILE.name() + ": cannot read " + path + ": " + e.getMessage());
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    for (String name : props.stringPropertyNames()) {
      if (!isKnownKey(name) && !isPassThrough(name)) {
        problems.add(name + ": unknown key in " + path);
      }
      out.put(name, props.getProperty(name).trim());
    }
    return out;
  }

  private WorkerConfig build() {
    // Read in this order, not WorkerConfig's: it is the order in which problems are listed.
    KafkaSettings kafka = kafka();
    GraphSettings graph = graph();
    DispatchSettings dispatch = dispatch();
    RequestPolicy requests = requests();
    PasscodeSettings passcode = passcode();
    int opsPort = integer(ConfigKeys.OPS_HTTP_PORT);
    GuardSettings guards = guards();
    SettlementSettings settlement =
        new SettlementSettings(
            value(ConfigKeys.SETTLE_TIMEOUT),
            value(ConfigKeys.SETTLE_FIRST_CHECK),
            value(ConfigKeys.SETTLE_MAX_CHECK_INTERVAL));
    // Read by logback itself (logback.xml); checked here so a typo fails startup loudly.
    value(ConfigKeys.LOG_FORMAT);
    value(ConfigKeys.LOG_LEVEL);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new WorkerConfig(
        kafka, graph, dispatch, requests, opsPort, guards, passcode, settlement);
  }

  private KafkaSettings kafka() {
    return new KafkaSettings(
        value(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
        value(ConfigKeys.KAFKA_GROUP_ID),
        instanceId(),
        value(ConfigKeys.TOPIC_REQUESTS),
        value(ConfigKeys.TOPIC_DEVICE_TASKS),
        value(ConfigKeys.TOPIC_DEVICE_TASKS_INTERACTIVE),
        value(ConfigKeys.TOPIC_RESULTS),
        value(ConfigKeys.TOPIC_REQUESTS_DLQ),
        value(ConfigKeys.TOPIC_ACCEPTED_REQUESTS),
        value(ConfigKeys.TOPIC_CANCELLATIONS),
        value(ConfigKeys.TOPIC_EXPANSIONS),
        KafkaSecurityReader.read(this));
  }

  private GraphSettings graph() {
    return new GraphSettings(
        value(ConfigKeys.GRAPH_BASE_URL),
        GraphAuthReader.read(this),
        GraphAuthReader.trustedCaFile(this),
        value(ConfigKeys.GRAPH_CALL_TIMEOUT));
  }

  private DispatchSettings dispatch() {
    return new DispatchSettings(
        integer(ConfigKeys.GRAPH_WRITE_BUDGET),
        integer(ConfigKeys.GRAPH_READ_BUDGET),
        value(ConfigKeys.GRAPH_BUDGET_WINDOW),
        integer(ConfigKeys.DISPATCH_CONCURRENCY),
        integer(ConfigKeys.DISPATCH_MAX_IN_FLIGHT_PER_PARTITION),
        integer(ConfigKeys.DISPATCH_MAX_ATTEMPTS),
        value(ConfigKeys.DISPATCH_RETRY_BASE_DELAY),
        value(ConfigKeys.DISPATCH_RETRY_MAX_DELAY),
        value(ConfigKeys.CIRCUIT_OPEN_DURATION),
        value(ConfigKeys.RECONCILE_CLOCK_SKEW));
  }

  private RequestPolicy requests() {
    return new RequestPolicy(
        integer(ConfigKeys.REQUEST_MAX_DEVICES),
        integer(ConfigKeys.REQUEST_MAX_BYTES),
        value(ConfigKeys.REQUEST_DEFAULT_TIMEOUT),
        value(ConfigKeys.REQUEST_MAX_TIMEOUT),
        integer(ConfigKeys.INTERACTIVE_MAX_DEVICES),
        Set.copyOf(orEmpty(value(ConfigKeys.PLATFORM_POLICY))));
  }

  private PasscodeSettings passcode() {
    return new PasscodeSettings(
        optional(ConfigKeys.PASSCODE_RECIPIENTS_FILE),
        value(ConfigKeys.PASSCODE_RETRIEVAL_TIMEOUT),
        value(ConfigKeys.PASSCODE_POLL_INTERVAL));
  }

  private GuardSettings guards() {
    // Empty: any source (REQUEST_ALLOWED_SOURCES=*); null after a problem.
    Optional<List<String>> allowedOrAny = value(ConfigKeys.REQUEST_ALLOWED_SOURCES);
    boolean anySource = allowedOrAny != null && allowedOrAny.isEmpty();
    List<String> allowed = allowedOrAny == null ? List.of() : allowedOrAny.orElse(List.of());
    List<String> trusted = orEmpty(value(ConfigKeys.MASS_RESET_TRUSTED_SOURCES));
    if (!anySource && !allowed.isEmpty()) {
      for (String t : trusted) {
        if (!allowed.contains(t)) {
          problems.add(
              ConfigKeys.MASS_RESET_TRUSTED_SOURCES.name()
                  + ": '"
                  + t
                  + "' is not in REQUEST_ALLOWED_SOURCES, so it could never send a request");
        }
      }
    }
    return new GuardSettings(
        value(ConfigKeys.TOPIC_APPROVALS),
        value(ConfigKeys.TOPIC_BRAKE),
        Set.copyOf(allowed),
        anySource,
        Set.copyOf(trusted),
        integer(ConfigKeys.MASS_RESET_APPROVAL_THRESHOLD),
        value(ConfigKeys.APPROVAL_TIMEOUT),
        value(ConfigKeys.RESET_COOLDOWN),
        value(ConfigKeys.STALE_DEVICE_AFTER),
        integer(ConfigKeys.FLEET_BRAKE_MAX_RESETS),
        value(ConfigKeys.FLEET_BRAKE_WINDOW),
        new ActionLimits(
            integer(ConfigKeys.ROTATION_APPROVAL_THRESHOLD),
            value(ConfigKeys.ROTATION_COOLDOWN),
            integer(ConfigKeys.FLEET_BRAKE_MAX_ROTATIONS)));
  }

  private String instanceId() {
    String value = values.get(ConfigKeys.WORKER_INSTANCE_ID.name());
    if (value == null || value.isBlank()) {
      value = values.getOrDefault("HOSTNAME", "");
    }
    if (value.isBlank()) {
      value = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    }
    check(ConfigKeys.WORKER_INSTANCE_ID, value.trim());
    return value;
  }

  /** True when the key has a non-blank value. */
  boolean isSet(ConfigKey<?> key) {
    String value = values.get(key.name());
    return value != null && !value.isBlank();
  }

  /** The value as written, or the key's default when unset or blank; not checked. */
  String raw(ConfigKey<?> key) {
    String value = values.get(key.name());
    return value == null || value.isBlank() ? key.defaultValue() : value.trim();
  }

  /**
   * The key's value, or its default when unset, checked against the key's type; null after a
   * problem, which is then reported.
   */
  @SuppressWarnings("unchecked") // each entry holds a value of its key's type
  <T> T value(ConfigKey<T> key) {
    // Once per key: a key read in two places, or bounding another, reports its problem once.
    if (!checked.containsKey(key)) {
      checked.put(key, check(key, raw(key)));
    }
    return (T) checked.get(key);
  }

  /** Like {@link #value}, but empty when the key is unset (or its value was reported). */
  <T> Optional<T> optional(ConfigKey<T> key) {
    return isSet(key) ? Optional.ofNullable(value(key)) : Optional.empty();
  }

  /** A checked text value, or after a problem the text as written, for the checks that follow. */
  String text(ConfigKey<String> key) {
    String value = value(key);
    return value == null ? raw(key) : value;
  }

  /** A secret exactly as given, spaces included; empty when unset. */
  Optional<Secret> optionalSecret(ConfigKey<Secret> key) {
    String value = values.get(key.name());
    return value == null || value.isBlank() ? Optional.empty() : key.type().parse(value);
  }

  private int integer(ConfigKey<Integer> key) {
    Integer value = value(key);
    return value == null ? 0 : value;
  }

  private static <E> List<E> orEmpty(List<E> list) {
    return list == null ? List.of() : list;
  }

  private <T> T check(ConfigKey<T> key, String text) {
    ValueType<T> type = key.type().resolve(this::value);
    Optional<T> parsed = type.parse(text);
    if (parsed.isEmpty()) {
      problems.add(key.name() + ": " + type.problem(text));
    }
    return parsed.orElse(null);
  }

  /** Reports a problem line as is; it must name the key and must not contain a secret. */
  void problem(String line) {
    problems.add(line);
  }

  /** Every {@code prefix*} key set, with its value as given (blank included). */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k, v.trim());
          }
        });
    return out;
  }
}
