package dev.intunereset.sandbox;

import static java.util.Objects.requireNonNullElse;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import dev.intunereset.worker.config.ConfigException;
import dev.intunereset.worker.config.WorkerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the stack until SIGTERM, for integrators: produce requests with any Kafka client (kcat, the
 * CLI, your ticketing system) to the printed bootstrap address and read results back.
 */
@Command(
    name = "up",
    description = "Run broker, Graph simulator and worker until stopped (Ctrl-C / SIGTERM).")
final class UpCommand implements Callable<Integer> {
  /** The exit code of a bad setting, as the worker's own process uses. */
  static final int CONFIG_PROBLEM = 2;

  @Option(
      names = "--kafka-port",
      description = "Kafka listener port, 0 = any free (default ${DEFAULT-VALUE}).")
  int kafkaPort = 9092;

  @Option(
      names = "--graph-port",
      description = "Graph simulator port, 0 = any free (default ${DEFAULT-VALUE}).")
  int graphPort = 8085;

  @Option(
      names = "--ops-port",
      description = "Worker /metrics and /health port (default ${DEFAULT-VALUE}).")
  int opsPort = 8080;

  @Option(
      names = "--inventory",
      description =
          "JSON file of simulated devices (default: env GRAPH_SIM_INVENTORY, else 25,000 generated).")
  Path inventory;

  @Option(
      names = "--env",
      paramLabel = "KEY=VALUE",
      description = "A worker setting (docs/configuration.md); repeatable, wins over --env-file.")
  List<String> env;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Worker settings, KEY=VALUE lines (# comments); repeatable.")
  List<Path> envFiles;

  @Option(names = "--verbose", description = "Show the worker's INFO logs.")
  boolean verbose;

  /** The integrator's public keys: {@code up} never holds a private one. */
  @Option(
      names = "--recipients",
      paramLabel = "FILE",
      description =
          "JWKS file of passcode recipients (public RSA keys, kid = recipient name), as"
              + " PASSCODE_RECIPIENTS_FILE takes, to try sealed passcode delivery with your key.")
  Path recipients;

  @Override
  public Integer call() throws InterruptedException {
    Logging.quiet(verbose);
    WorkerSettings settings =
        WorkerSettings.read(
            requireNonNullElse(envFiles, List.of()),
            requireNonNullElse(env, List.of()),
            recipients);
    WorkerConfig config;
    try {
      // Read as the worker will read it, before anything starts: a bad setting fails in a second.
      config = settings.check(kafkaPort, graphPort, opsPort);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return CONFIG_PROBLEM;
    }
    DeviceInventory devices = inventory();
    SandboxStack stack =
        SandboxStack.start(
            new SandboxStack.Options(kafkaPort, graphPort, opsPort, devices, settings.values()));
    Worker worker;
    try {
      worker = stack.startWorker();
    } catch (ConfigException e) {
      // A file that changed since it was checked; settings.check reads every file it can.
      stack.close();
      System.err.println(e.getMessage());
      return CONFIG_PROBLEM;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    System.out.println("KAFKA_BOOTSTRAP=" + stack.bootstrapServers());
    System.out.println("GRAPH_SIMULATOR_URL=" + stack.simulator().baseUrl());
    System.out.println("METRICS_URL=http://127.0.0.1:" + worker.opsPort() + "/metrics");
    System.out.println("READY_URL=http://127.0.0.1:" + worker.opsPort() + "/health/ready");
    System.out.println("DEVICES=" + devices.size());
    printGuards(config.guards());
    settings.recipientsFile().ifPresent(UpCommand::printRecipients);
    // Last, so the lines scripts already parse keep their order.
    System.out.println("GRAPH_SIMULATOR_ADMIN_URL=" + stack.simulator().adminUrl());
    System.out.println("sandbox is up; stop with Ctrl-C or SIGTERM");
    System.out.flush();
    stopped.await();
    return 0;
  }

  private DeviceInventory inventory() {
    Path inventoryFile = inventory;
    String fromEnv = System.getenv("GRAPH_SIM_INVENTORY");
    if (inventoryFile == null && fromEnv != null && !fromEnv.isBlank()) {
      inventoryFile = Path.of(fromEnv);
    }
    return inventoryFile == null
        ? DeviceInventory.deterministic(25_000)
        : DeviceInventory.fromJson(inventoryFile);
  }

  private static void printGuards(WorkerConfig.GuardSettings guards) {
    System.out.println(
        "REQUEST_ALLOWED_SOURCES="
            + (guards.anySource()
                ? "*"
                : String.join(",", new TreeSet<>(guards.allowedSources()))));
    System.out.println(
        "MASS_RESET_TRUSTED_SOURCES=" + String.join(",", new TreeSet<>(guards.trustedSources())));
    System.out.println(
        "Requests from other sources are rejected (SOURCE_NOT_ALLOWED); to accept yours, start"
            + " with --env REQUEST_ALLOWED_SOURCES=<source>[,<source>...] (* for any).");
  }

  /** The recipient names a request may give as passcodeDelivery.recipient. */
  private static void printRecipients(Path jwks) {
    try {
      List<String> names =
          JWKSet.load(jwks.toFile()).getKeys().stream().map(JWK::getKeyID).sorted().toList();
      System.out.println("PASSCODE_RECIPIENTS=" + String.join(",", names));
    } catch (IOException | ParseException e) {
      // The worker has read it a moment ago; only a file changed since then gets here.
      System.out.println("PASSCODE_RECIPIENTS=? (" + e.getMessage() + ")");
    }
  }
}
