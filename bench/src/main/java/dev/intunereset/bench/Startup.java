package dev.intunereset.bench;

import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5, start-up and footprint: a worker JVM from process start to /health/ready answering
 * 200 (connected to Kafka, partitions assigned, Graph credential usable), then its resident memory
 * after sitting idle.
 */
final class Startup {
  private Startup() {}

  static ScenarioResult run(Scale scale, Path work) {
    Duration idle = scale.isQuick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
    List<Map<String, Double>> runs = new ArrayList<>();
    try (SandboxStack stack =
        BenchStacks.start(BenchStacks.inventoryFor(0), SimulatorBehavior.perfect(), Map.of())) {
      for (int i = 1; i <= scale.startupRuns(); i++) {
        Bench.progress("start-up: run %d of %d", i, scale.startupRuns());
        Map<String, Double> run = new LinkedHashMap<>();
        try (WorkerProcess worker =
            WorkerProcess.start(
                stack.workerEnv("bench-startup-" + i),
                LargeRequest.JVM,
                work.resolve("startup-worker-" + i + ".log"))) {
          run.put("readySeconds", worker.awaitReady(Duration.ofSeconds(90)).toNanos() / 1e9);
          WorkerProcess.sleep(idle.toMillis());
          run.put("idleRssMiB", worker.rssMiB());
          run.put("idleHeapMiB", worker.heapUsedMiB());
        }
        runs.add(run);
        Bench.progress("  %s", run);
      }
    }
    return new ScenarioResult(
        "startup",
        "5. Start-up and footprint",
        List.of(
            "A worker JVM of its own (WorkerMain, the worker's runtime classpath only, "
                + String.join(" ", LargeRequest.JVM)
                + ") against the running broker and simulator; a fresh process per run.",
            "Ready: from starting the process to the first 200 from /health/ready (polled every"
                + " 20 ms), which needs every stage connected, the task partitions assigned"
                + " and the broker reachable.",
            "Idle RSS: VmRSS from /proc/PID/status after "
                + idle.toSeconds()
                + " s idle once ready; idle heap: heap pools of jvm_memory_used_bytes then."),
        List.of(
            new Metric("readySeconds", "process start to ready", "s", 2),
            new Metric("idleRssMiB", "idle RSS", "MiB", 0),
            new Metric("idleHeapMiB", "idle heap used", "MiB", 0)),
        runs,
        List.of(),
        List.of());
  }
}
