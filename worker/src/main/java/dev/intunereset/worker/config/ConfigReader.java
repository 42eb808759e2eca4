package dev.intunereset.worker.config;

import dev.intunereset.contracts.Durations;
import dev.intunereset.worker.config.WorkerConfig.DispatchSettings;
import dev.intunereset.worker.config.WorkerConfig.GraphSettings;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.config.WorkerConfig.KafkaSettings;
import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.config.WorkerConfig.RequestPolicy;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads {@link WorkerConfig} from environment variables over an optional properties file, and
 * reports every invalid value at once, one line per problem, naming the key and accepted range.
 */
public final class ConfigReader {
  static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private static final String TOPIC_PATTERN = "[A-Za-z0-9._-]{1,249}";
  private static final String SOURCE_PATTERN = "[A-Za-z0-9._-]{1,64}";

  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();

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
      merged.putAll(loadFile(Path.of(file), fileProblems));
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
    KafkaSettings kafka =
        new KafkaSettings(
            text(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, "[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
            text(ConfigKeys.KAFKA_GROUP_ID, "[A-Za-z0-9._-]{1,200}"),
            instanceId(),
            text(ConfigKeys.TOPIC_REQUESTS, TOPIC_PATTERN),
            text(ConfigKeys.TOPIC_DEVICE_TASKS, TOPIC_PATTERN),
            text(ConfigKeys.TOPIC_DEVICE_TASKS_INTERACTIVE, TOPIC_PATTERN),
            text(ConfigKeys.TOPIC_RESULTS, TOPIC_PATTERN),
            text(ConfigKeys.TOPIC_REQUESTS_DLQ, TOPIC_PATTERN),
            text(ConfigKeys.TOPIC_ACCEPTED_REQUESTS, TOPIC_PATTERN),
            KafkaSecurityReader.read(this));
    GraphSettings graph = graph();
    DispatchSettings dispatch =
        new DispatchSettings(
            integer(ConfigKeys.GRAPH_WRITE_BUDGET, 2, 100_000),
            integer(ConfigKeys.GRAPH_READ_BUDGET, 2, 1_000_000),
            duration(ConfigKeys.GRAPH_BUDGET_WINDOW, Duration.ofSeconds(1), Duration.ofHours(1)),
            integer(ConfigKeys.DISPATCH_CONCURRENCY, 1, 1024),
            integer(ConfigKeys.DISPATCH_MAX_IN_FLIGHT_PER_PARTITION, 1, 100_000),
            integer(ConfigKeys.DISPATCH_MAX_ATTEMPTS, 1, 50),
            duration(
                ConfigKeys.DISPATCH_RETRY_BASE_DELAY, Duration.ofMillis(10), Duration.ofMinutes(1)),
            duration(
                ConfigKeys.DISPATCH_RETRY_MAX_DELAY,
                Duration.ofMillis(100),
                Duration.ofMinutes(10)),
            duration(
                ConfigKeys.CIRCUIT_OPEN_DURATION, Duration.ofSeconds(1), Duration.ofMinutes(10)),
            duration(ConfigKeys.RECONCILE_CLOCK_SKEW, Duration.ZERO, Duration.ofHours(1)));
    Duration maxTimeout =
        duration(ConfigKeys.REQUEST_MAX_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(7));
    RequestPolicy requests =
        new RequestPolicy(
            integer(ConfigKeys.REQUEST_MAX_DEVICES, 1, 1_000_000),
            integer(ConfigKeys.REQUEST_MAX_BYTES, 1024, 100 * 1024 * 1024),
            duration(
                ConfigKeys.REQUEST_DEFAULT_TIMEOUT,
                Duration.ofSeconds(1),
                maxTimeout == null ? Duration.ofDays(7) : maxTimeout),
            maxTimeout,
            integer(ConfigKeys.INTERACTIVE_MAX_DEVICES, 1, 1000),
            platforms());
    PasscodeSettings passcode =
        new PasscodeSettings(
            readableFile(ConfigKeys.PASSCODE_RECIPIENTS_FILE),
            duration(
                ConfigKeys.PASSCODE_RETRIEVAL_TIMEOUT, Duration.ofSeconds(10), Duration.ofHours(2)),
            duration(
                ConfigKeys.PASSCODE_POLL_INTERVAL, Duration.ofMillis(100), Duration.ofMinutes(5)));
    int opsPort = integer(ConfigKeys.OPS_HTTP_PORT, 0, 65_535);
    GuardSettings guards = guards();
    // Read by logback itself (logback.xml); checked here so a typo fails startup loudly.
    text(ConfigKeys.LOG_FORMAT, "json|text");
    text(ConfigKeys.LOG_LEVEL, "TRACE|DEBUG|INFO|WARN|ERROR");
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new WorkerConfig(kafka, graph, dispatch, requests, opsPort, guards, passcode);
  }

  private GuardSettings guards() {
    String allowedText = raw(ConfigKeys.REQUEST_ALLOWED_SOURCES);
    boolean anySource = allowedText.equals("*");
    Set<String> allowed = anySource ? Set.of() : sources(ConfigKeys.REQUEST_ALLOWED_SOURCES);
    if (allowed != null && !anySource && allowed.isEmpty()) {
      problem(ConfigKeys.REQUEST_ALLOWED_SOURCES, allowedText);
    }
    Set<String> trusted = sources(ConfigKeys.MASS_RESET_TRUSTED_SOURCES);
    allowed = allowed == null ? Set.of() : allowed;
    trusted = trusted == null ? Set.of() : trusted;
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
        text(ConfigKeys.TOPIC_APPROVALS, TOPIC_PATTERN),
        text(ConfigKeys.TOPIC_BRAKE, TOPIC_PATTERN),
        allowed,
        anySource,
        trusted,
        integer(ConfigKeys.MASS_RESET_APPROVAL_THRESHOLD, 0, 1_000_000),
        duration(ConfigKeys.APPROVAL_TIMEOUT, Duration.ofSeconds(10), Duration.ofDays(7)),
        duration(ConfigKeys.RESET_COOLDOWN, Duration.ZERO, Duration.ofHours(24)),
        integer(ConfigKeys.FLEET_BRAKE_MAX_RESETS, 0, 1_000_000),
        duration(ConfigKeys.FLEET_BRAKE_WINDOW, Duration.ofMinutes(1), Duration.ofHours(24)));
  }

  /** A comma list of source names; an empty value is the empty set; null after a problem. */
  private Set<String> sources(ConfigKey key) {
    String value = raw(key);
    Set<String> out = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!name.matches(SOURCE_PATTERN)) {
        problem(key, value);
        return null;
      }
      out.add(name);
    }
    return out;
  }

  private GraphSettings graph() {
    URI baseUrl = graphBaseUrl();
    GraphAuth auth = GraphAuthReader.read(this);
    Optional<Path> trustedCa = GraphAuthReader.trustedCaFile(this);
    Duration timeout =
        duration(ConfigKeys.GRAPH_CALL_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5));
    return new GraphSettings(baseUrl, auth, trustedCa, timeout);
  }

  private URI graphBaseUrl() {
    URI uri = uri(ConfigKeys.GRAPH_BASE_URL);
    if (uri == null) {
      return null;
    }
    boolean https = "https".equals(uri.getScheme());
    boolean loopbackHttp = "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
    if (!https && !loopbackHttp) {
      problems.add(
          ConfigKeys.GRAPH_BASE_URL.name()
              + ": must be https (plain http only for localhost/127.0.0.1/::1), got "
              + uri);
      return null;
    }
    return uri;
  }

  private Set<Platform> platforms() {
    String value = raw(ConfigKeys.PLATFORM_POLICY);
    Set<Platform> out = EnumSet.noneOf(Platform.class);
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      Optional<Platform> p = Platform.fromConfigValue(part);
      if (p.isEmpty()) {
        problem(ConfigKeys.PLATFORM_POLICY, value);
        return out;
      }
      out.add(p.get());
    }
    if (out.isEmpty()) {
      problem(ConfigKeys.PLATFORM_POLICY, value);
    }
    return out;
  }

  private String instanceId() {
    String value = values.get(ConfigKeys.WORKER_INSTANCE_ID.name());
    if (value == null || value.isBlank()) {
      value = values.getOrDefault("HOSTNAME", "");
    }
    if (value.isBlank()) {
      value = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    }
    if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
      problem(ConfigKeys.WORKER_INSTANCE_ID, value);
    }
    return value;
  }

  /** True when the key has a non-blank value. */
  boolean isSet(ConfigKey key) {
    String value = values.get(key.name());
    return value != null && !value.isBlank();
  }

  /** The value, or the key's default when unset or blank. */
  String raw(ConfigKey key) {
    String value = values.get(key.name());
    return value == null || value.isBlank() ? key.defaultValue() : value.trim();
  }

  String text(ConfigKey key, String pattern) {
    String value = raw(key);
    if (!value.matches(pattern)) {
      problem(key, value);
    }
    return value;
  }

  Optional<Secret> optionalSecret(ConfigKey key) {
    String value = values.get(key.name());
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value));
  }

  private int integer(ConfigKey key, int min, int max) {
    return parse(
        key,
        s -> {
          int v = Integer.parseInt(s);
          return v >= min && v <= max ? v : null;
        },
        0);
  }

  private Duration duration(ConfigKey key, Duration min, Duration max) {
    return parse(
        key,
        s ->
            Durations.parse(s)
                .filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0)
                .orElse(null),
        null);
  }

  /** The file a key names, when set; a set key naming no readable file is a problem. */
  Optional<Path> readableFile(ConfigKey key) {
    if (!isSet(key)) {
      return Optional.empty();
    }
    Path path = Path.of(raw(key));
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      problem(key.name() + ": cannot read the file " + path);
      return Optional.empty();
    }
    return Optional.of(path);
  }

  URI uri(ConfigKey key) {
    return parse(
        key,
        s -> {
          try {
            URI u = new URI(s);
            return u.getScheme() != null && u.getHost() != null ? u : null;
          } catch (URISyntaxException e) {
            return null;
          }
        },
        null);
  }

  private <T> T parse(ConfigKey key, Function<String, T> parser, T fallback) {
    String value = raw(key);
    try {
      T parsed = parser.apply(value);
      if (parsed != null) {
        return parsed;
      }
    } catch (RuntimeException e) {
      // reported below with the accepted range
    }
    problem(key, value);
    return fallback;
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

  void problem(ConfigKey key, String value) {
    problems.add(
        key.name() + ": invalid value '" + printable(value) + "', expected " + key.range());
  }

  static String printable(String value) {
    String cleaned = value.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
  }

  static boolean isGuid(String s) {
    return s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  }
}
