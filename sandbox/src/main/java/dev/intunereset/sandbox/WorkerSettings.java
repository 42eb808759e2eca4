package dev.intunereset.sandbox;

import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import dev.intunereset.worker.config.ConfigException;
import dev.intunereset.worker.config.ConfigKey;
import dev.intunereset.worker.config.ConfigKeys;
import dev.intunereset.worker.config.ConfigReader;
import dev.intunereset.worker.config.WorkerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker settings an integrator gives {@code up}: the defaults of {@code --recipients}, then
 * each {@code --env-file} (KEY=VALUE lines, # comments), then each {@code --env}, a later value
 * winning. Only key names are checked here; values are left to the worker's own reader, so that
 * they fail exactly as a deployment's would.
 *
 * @param values the settings, over the sandbox's defaults
 * @param recipientsFile the {@code --recipients} JWKS file, if given
 * @param problems malformed lines, unknown keys and keys the sandbox owns, in the worker's format
 */
record WorkerSettings(
    Map<String, String> values, Optional<Path> recipientsFile, List<String> problems) {
  /** Keys that wire the worker to the sandbox's own broker and simulator, with what to use. */
  private static final Map<String, String> WIRED =
      Map.of(
          ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), "use --kafka-port",
          ConfigKeys.GRAPH_BASE_URL.name(), "use --graph-port",
          ConfigKeys.GRAPH_AUTH_MODE.name(), "the simulator takes only the sandbox's static token",
          ConfigKeys.GRAPH_STATIC_TOKEN.name(), "the simulator takes only the sandbox's token",
          ConfigKeys.OPS_HTTP_PORT.name(), "use --ops-port",
          ConfigKeys.CONFIG_FILE.name(), "use --env-file");

  WorkerSettings {
    values = Map.copyOf(values);
    problems = List.copyOf(problems);
  }

  /** Reads the settings; what is wrong with them is in {@link #problems()}. */
  static WorkerSettings read(List<Path> envFiles, List<String> envPairs, Path recipients) {
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    if (recipients != null) {
      values.putAll(DemoRecipient.workerEnv(recipients.toAbsolutePath()));
    }
    for (Path file : envFiles) {
      List<String> lines = lines(file, problems);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          put(values, line, file + " line " + (i + 1), problems);
        }
      }
    }
    envPairs.forEach(pair -> put(values, pair, "--env", problems));
    String recipientsKey = ConfigKeys.PASSCODE_RECIPIENTS_FILE.name();
    if (recipients != null
        && !recipients.toAbsolutePath().toString().equals(values.get(recipientsKey))) {
      problems.add(recipientsKey + ": given with --recipients and as a setting; keep one");
    }
    return new WorkerSettings(values, Optional.ofNullable(recipients), problems);
  }

  /**
   * Reads the configuration a sandbox worker at these ports would get, through the worker's own
   * reader, before anything starts.
   *
   * @throws ConfigException with every problem of the settings and of their values, one a line
   */
  WorkerConfig check(int kafkaPort, int graphPort, int opsPort) {
    List<String> all = new ArrayList<>(problems);
    try {
      WorkerConfig config =
          ConfigReader.read(
              SandboxStack.workerEnv(
                  "127.0.0.1:" + kafkaPort,
                  "http://127.0.0.1:" + graphPort + "/beta",
                  opsPort,
                  "sandbox-worker-1",
                  values));
      // The recipients file is only opened when the worker starts: read it now, before the
      // broker is up, so that a bad key fails in a second too.
      Worker.recipients(config);
      if (all.isEmpty()) {
        return config;
      }
    } catch (ConfigException e) {
      all.addAll(e.problems());
    }
    throw new ConfigException(all);
  }

  /** Adds one {@code KEY=VALUE}; the value is taken as written, up to the end of the line. */
  private static void put(
      Map<String, String> values, String pair, String where, List<String> problems) {
    int eq = pair.indexOf('=');
    String key = eq < 0 ? "" : pair.substring(0, eq).strip();
    if (key.isEmpty()) {
      problems.add("'" + pair + "' (" + where + "): expected KEY=VALUE");
    } else if (WIRED.containsKey(key)) {
      problems.add(key + ": the sandbox sets it (" + where + "); " + WIRED.get(key));
    } else if (!isWorkerKey(key)) {
      problems.add(key + ": unknown key (" + where + "); the keys are in docs/configuration.md");
    } else {
      values.put(key, pair.substring(eq + 1));
    }
  }

  /**
   * A key of the worker's registry, or a Kafka client pass-through. The worker's reader drops other
   * variables silently (a process environment holds many), so the sandbox checks names.
   */
  private static boolean isWorkerKey(String key) {
    String prefix = ConfigKeys.KAFKA_CLIENT_PREFIX;
    return ConfigKeys.ALL.stream().map(ConfigKey::name).anyMatch(key::equals)
        || (key.startsWith(prefix) && key.length() > prefix.length());
  }

  private static List<String> lines(Path file, List<String> problems) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      problems.add("--env-file " + file + ": cannot read it (" + e + ")");
      return List.of();
    }
  }
}
