package dev.intunereset.sandbox;

import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.nio.file.Path;
import java.util.Map;
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

  @Option(names = "--verbose", description = "Show the worker's INFO logs.")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    Logging.quiet(verbose);
    Path inventoryFile = inventory;
    String fromEnv = System.getenv("GRAPH_SIM_INVENTORY");
    if (inventoryFile == null && fromEnv != null && !fromEnv.isBlank()) {
      inventoryFile = Path.of(fromEnv);
    }
    DeviceInventory devices =
        inventoryFile == null
            ? DeviceInventory.deterministic(25_000)
            : DeviceInventory.fromJson(inventoryFile);
    SandboxStack stack =
        SandboxStack.start(
            new SandboxStack.Options(kafkaPort, graphPort, opsPort, devices, Map.of()));
    Worker worker = stack.startWorker();
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
    System.out.println("sandbox is up; stop with Ctrl-C or SIGTERM");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
