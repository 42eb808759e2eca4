package dev.intunereset.bench;

import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 4, the scale of one request: 100,000 devices in one message, taken by a worker JVM of
 * its own with a 512 MiB heap, every device through to its outcome; peak heap sampled from the
 * worker's /metrics.
 */
final class LargeRequest {
  static final Duration LATENCY = Duration.ofMillis(5);
  static final List<String> JVM = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
  static final String MAX_BYTES = "8388608";

  private LargeRequest() {}

  static ScenarioResult run(Scale scale, Path work) {
    int devices = scale.largeDevices();
    List<String> ids = DeviceInventory.firstResettableAndroidIds(devices);
    List<Map<String, Double>> runs = new ArrayList<>();
    try (SandboxStack stack =
        BenchStacks.start(
            BenchStacks.inventoryFor(devices),
            SimulatorBehavior.builder().latency(LATENCY).build(),
            Map.of())) {
      for (int i = 1; i <= scale.runs(); i++) {
        Bench.progress("large request: run %d of %d (%d devices)", i, scale.runs(), devices);
        runs.add(once(stack, ids, work.resolve("large-worker-" + i + ".log"), i));
        Bench.progress("  %s", runs.get(runs.size() - 1));
      }
    }
    return new ScenarioResult(
        "large-request",
        "4. Scale of one request",
        List.of(
            "One request of "
                + String.format("%,d", devices)
                + " device ids (validateDeviceExists=false) sent as ONE Kafka message: the worker"
                + " runs with REQUEST_MAX_DEVICES=100000 and REQUEST_MAX_BYTES="
                + MAX_BYTES
                + " (8 MiB), the producer with max.request.size=8 MiB (RequestPublisher), and the"
                + " sandbox broker with message.max.bytes=8 MiB (a real cluster: the requests"
                + " topic's max.message.bytes). Splitting it into several requests of up to"
                + " 10,000 devices (the default REQUEST_MAX_DEVICES) would work with no limit"
                + " raised; one message is the harder case for the worker's memory.",
            "Worker: a JVM of its own (WorkerMain, the worker's runtime classpath only) with "
                + String.join(" ", JVM)
                + ", DISPATCH_CONCURRENCY=64, budgets out of the way (100000 POSTs per 1 s);"
                + " simulator latency "
                + LATENCY.toMillis()
                + " ms, no budget. A fresh worker per run.",
            "Peak heap: the largest sum of the heap pools of jvm_memory_used_bytes scraped from"
                + " the worker's /metrics every 250 ms (garbage not yet collected included);"
                + " peak RSS likewise from /proc/PID/status."),
        List.of(
            new Metric("seconds", "publish to RequestCompleted", "s", 1),
            new Metric("devicesPerSecond", "devices/s", "/s", 0),
            new Metric("succeeded", "devices succeeded", "", 0),
            new Metric("requestMiB", "request message size", "MiB", 2),
            new Metric("peakHeapMiB", "peak heap used", "MiB", 0),
            new Metric("peakRssMiB", "peak RSS", "MiB", 0)),
        runs,
        List.of(Target.atLeast("every device completes", "succeeded", devices)),
        List.of());
  }

  private static Map<String, Double> once(SandboxStack stack, List<String> ids, Path log, int run) {
    Map<String, String> env = new java.util.HashMap<>(stack.workerEnv("bench-large-" + run));
    env.put("GRAPH_WRITE_BUDGET", "100000");
    env.put("GRAPH_READ_BUDGET", "1000000");
    env.put("GRAPH_BUDGET_WINDOW", "1s");
    env.put("DISPATCH_CONCURRENCY", "64");
    env.put("REQUEST_MAX_DEVICES", "100000");
    env.put("REQUEST_MAX_BYTES", MAX_BYTES);
    env.put("GRAPH_CALL_TIMEOUT", "10s");
    Map<String, Double> out = new LinkedHashMap<>();
    UUID id = UUID.randomUUID();
    byte[] json =
        Requests.request(id, ids, Requests.NO_LOOKUP + ",\"timeout\":\"30m\"")
            .getBytes(StandardCharsets.UTF_8);
    try (WorkerProcess worker = WorkerProcess.start(env, JVM, log)) {
      worker.awaitReady(Duration.ofSeconds(90));
      double[] peak = {0, 0};
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler =
          new Thread(
              () -> {
                while (sampling.get()) {
                  peak[0] = Math.max(peak[0], nanToZero(worker.heapUsedMiB()));
                  peak[1] = Math.max(peak[1], nanToZero(worker.rssMiB()));
                  try {
                    Thread.sleep(250);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-heap-sampler");
      sampler.start();
      try (ResultsWatcher watcher = new ResultsWatcher(stack.bootstrapServers());
          RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
        long t0 = System.nanoTime();
        publisher.send(id.toString().getBytes(StandardCharsets.UTF_8), json);
        Duration allowed = Duration.ofMinutes(15);
        boolean finished = watcher.awaitFinished(id, allowed);
        ResultsWatcher.Progress p = watcher.progress(id);
        double seconds = finished ? (p.completedNanos - t0) / 1e9 : Double.NaN;
        out.put("seconds", seconds);
        out.put("devicesPerSecond", ids.size() / seconds);
        out.put("succeeded", (double) p.succeeded);
      } finally {
        sampling.set(false);
        sampler.interrupt();
        try {
          sampler.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      out.put("requestMiB", json.length / 1024.0 / 1024.0);
      out.put("peakHeapMiB", peak[0]);
      out.put("peakRssMiB", peak[1]);
    }
    return out;
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
