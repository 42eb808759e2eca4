package dev.intunereset.bench;

import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 2, headroom against peers: with no budget in the way and 50 ms per call, how many
 * devices per second the worker gets through, next to a naive consume-call-produce loop and to
 * Confluent's Parallel Consumer, all in the same JVM against the same broker and simulator.
 */
final class Headroom {
  static final Duration LATENCY = Duration.ofMillis(50);

  /** Latency x 2,000/s = 100 calls in flight at least; 128 leaves room without a huge pool. */
  static final int CONCURRENCY = 128;

  /**
   * Warm-up devices of every contestant in the quick form. The full form warms each up with as many
   * devices as it then measures: with 2,000, the first measured run still spent 15% more CPU per
   * device than the third (C2 still compiling the Graph SDK's call path), and a production worker
   * runs for days.
   */
  private static final int QUICK_WARM_UP_DEVICES = 1_000;

  /** Every contestant gets a JVM of its own with the same flags. */
  static final List<String> JVM = List.of("-Xmx1g");

  private Headroom() {}

  static Map<String, String> workerEnv() {
    Map<String, String> env = new HashMap<>();
    // Budgets far above what 2 cores can do: the limit here is the worker itself.
    env.put("GRAPH_WRITE_BUDGET", "100000");
    env.put("GRAPH_READ_BUDGET", "1000000");
    env.put("GRAPH_BUDGET_WINDOW", "1s");
    env.put("DISPATCH_CONCURRENCY", Integer.toString(CONCURRENCY));
    env.put("DISPATCH_MAX_IN_FLIGHT_PER_PARTITION", "5000");
    env.put("GRAPH_CALL_TIMEOUT", "10s");
    env.put("REQUEST_MAX_DEVICES", "100000");
    env.put("REQUEST_MAX_BYTES", "8388608");
    return env;
  }

  static ScenarioResult run(Scale scale, Path work, boolean profile) {
    int devices = scale.headroomDevices();
    List<String> ids = DeviceInventory.firstResettableAndroidIds(devices);
    List<String> warm = ids.subList(0, scale.isQuick() ? QUICK_WARM_UP_DEVICES : ids.size());
    // Enough records for the naive loop's time box at any plausible sequential rate.
    int naiveCount = (int) Math.min(devices, scale.naiveTimeBox().toSeconds() * 200 + 100);
    List<Map<String, Double>> runs = new ArrayList<>();
    try (SandboxStack stack =
        BenchStacks.start(
            BenchStacks.inventoryFor(devices),
            SimulatorBehavior.builder().latency(LATENCY).build(),
            Map.of())) {
      BaselineTasks.createOutcomeTopic(stack);
      Map<String, String> env = new HashMap<>(stack.workerEnv("bench-headroom"));
      env.putAll(workerEnv());
      List<String> jvm = new ArrayList<>(JVM);
      if (profile) {
        Path jfr = work.toAbsolutePath().resolve("headroom-worker.jfr");
        jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        Bench.progress("headroom: the worker records a JFR profile to %s", jfr);
      }
      try (WorkerProcess worker =
          WorkerProcess.start(env, jvm, work.resolve("headroom-worker.log"))) {
        worker.awaitReady(Duration.ofSeconds(90));
        // Seeded while nothing is measured: the baselines' input, one fresh topic each.
        Bench.progress("headroom: seeding the baselines' task topics");
        Map<String, String> topics = new HashMap<>();
        for (int i = 1; i <= scale.runs(); i++) {
          topics.put("pc-warm-up-" + i, BaselineTasks.seed(stack, "pc-warm-up-" + i, warm));
          topics.put("pc-" + i, BaselineTasks.seed(stack, "pc-" + i, ids));
          topics.put(
              "naive-warm-up-" + i,
              BaselineTasks.seed(stack, "naive-warm-up-" + i, warm.subList(0, 100)));
          topics.put(
              "naive-" + i, BaselineTasks.seed(stack, "naive-" + i, ids.subList(0, naiveCount)));
        }
        Bench.progress("headroom: worker warm-up (JIT), %d devices", warm.size());
        worker(stack, warm, worker);
        for (int i = 1; i <= scale.runs(); i++) {
          Bench.progress("headroom: run %d of %d (%d devices)", i, scale.runs(), devices);
          Map<String, Double> run = new LinkedHashMap<>();
          double[] w = worker(stack, ids, worker);
          run.put("workerDevicesPerSecond", w[0]);
          run.put("workerPostsPerSecond", w[1]);
          run.put("workerSeconds", w[2]);
          run.put("workerCpuMsPerDevice", w[3]);
          run.put("stackCpuMsPerDevice", w[4]);
          double[] pc =
              baseline(
                  stack,
                  "pc",
                  i,
                  topics,
                  devices,
                  warm.size(),
                  Duration.ofSeconds(60 + devices / 20),
                  work);
          run.put("pcDevicesPerSecond", pc[0]);
          run.put("pcSeconds", pc[1]);
          run.put("pcCpuMsPerDevice", pc[3]);
          double[] naive =
              baseline(stack, "naive", i, topics, naiveCount, 100, scale.naiveTimeBox(), work);
          run.put("naiveDevicesPerSecond", naive[0]);
          run.put("naiveDevices", naive[2]);
          run.put("naiveCpuMsPerDevice", naive[3]);
          run.put("workerOverPc", w[0] / pc[0]);
          run.put("workerOverNaive", w[0] / naive[0]);
          runs.add(run);
          Bench.progress("  %s", run);
        }
      }
    }
    return new ScenarioResult(
            "headroom",
            "2. Headroom against peers",
            List.of(
                "Simulator: no budget, fixed latency "
                    + LATENCY.toMillis()
                    + " ms; "
                    + String.format("%,d", devices)
                    + " devices per run. Broker and simulator run in the bench JVM; the worker and"
                    + " each baseline in a JVM of its own with the same flags ("
                    + String.join(" ", JVM)
                    + "), all on the same 2 cores. Each contestant first gets a warm-up pass (JIT):"
                    + " the worker "
                    + String.format("%,d", warm.size())
                    + " devices once, each baseline process as many of its own (the naive loop"
                    + " 100) before its measured part.",
                "Worker (WorkerMain, its runtime classpath only; one process for all runs):"
                    + " DISPATCH_CONCURRENCY="
                    + CONCURRENCY
                    + ", GRAPH_WRITE_BUDGET=100000 / GRAPH_BUDGET_WINDOW=1s (out of the way),"
                    + " DISPATCH_MAX_IN_FLIGHT_PER_PARTITION=5000; one request of every device,"
                    + " validateDeviceExists=false. Its rate is end to end: devices / (request"
                    + " published -> RequestCompleted read), so it includes the intake's split, the"
                    + " transactional outcome publishing and the completion tracker.",
                "Baselines read per-device task records already split (12 partitions, keyed by"
                    + " device id) and produce one outcome record per device; they call Graph"
                    + " through the worker's own SDK gateway (GraphGateways: same Graph SDK, same"
                    + " OkHttp pool size, no SDK retry). Their rate is devices / (start of their first"
                    + " Graph call -> end of their last), so their start-up and group join are not"
                    + " counted (in their favour).",
                "(a) naive loop: one KafkaConsumer, records processed one after the other (poll,"
                    + " call, produce; auto-commit); time-boxed to "
                    + scale.naiveTimeBox().toSeconds()
                    + " s from its first record (at ~1/latency = 20 devices/s, all "
                    + String.format("%,d", devices)
                    + " would take "
                    + devices / 20 / 60
                    + " min).",
                "(b) Confluent Parallel Consumer 0.5.3.3 (the newest on Maven Central), run on"
                    + " kafka-clients 3.9.1, the version it is built for (it does not run on 4.x:"
                    + " it uses internal classes 4.0 removed): ProcessingOrder.KEY,"
                    + " maxConcurrency="
                    + CONCURRENCY
                    + " (the worker's DISPATCH_CONCURRENCY), pollAndProduce, CommitMode"
                    + " PERIODIC_CONSUMER_ASYNCHRONOUS (its fastest; at-least-once), over every"
                    + " device."),
            List.of(
                new Metric("workerDevicesPerSecond", "worker devices/s (end to end)", "/s", 0),
                new Metric("workerPostsPerSecond", "worker POSTs/s (first to last POST)", "/s", 0),
                new Metric("workerSeconds", "worker: publish to RequestCompleted", "s", 1),
                new Metric("workerCpuMsPerDevice", "worker CPU per device", "ms", 3),
                new Metric(
                    "stackCpuMsPerDevice",
                    "broker + simulator CPU per device (worker run)",
                    "ms",
                    3),
                new Metric("pcDevicesPerSecond", "Parallel Consumer devices/s", "/s", 0),
                new Metric("pcSeconds", "Parallel Consumer: first to last call", "s", 1),
                new Metric("pcCpuMsPerDevice", "Parallel Consumer CPU per device", "ms", 3),
                new Metric("naiveDevicesPerSecond", "naive loop devices/s", "/s", 1),
                new Metric("naiveDevices", "naive loop devices in its time box", "", 0),
                new Metric("naiveCpuMsPerDevice", "naive loop CPU per device", "ms", 3),
                new Metric("workerOverPc", "worker / Parallel Consumer", "x", 2),
                new Metric("workerOverNaive", "worker / naive loop", "x", 1)),
            runs,
            List.of(
                Target.atLeast("worker >= 2,000 devices/s", "workerDevicesPerSecond", 2_000),
                Target.atLeast("worker ahead of Parallel Consumer", "workerOverPc", 1.0),
                Target.atLeast("worker ahead of the naive loop", "workerOverNaive", 1.0)),
            List.of())
        .withNotes(
            r ->
                List.of(
                    String.format(
                        Locale.ROOT,
                        "CPU per device (medians): worker %.2f ms, broker + simulator %.2f ms."
                            + " On 2 cores that is at most %.0f devices/s with nothing else"
                            + " running, and %.0f devices/s if the worker had both cores to itself"
                            + " (Graph and Kafka elsewhere, as in production).",
                        r.median("workerCpuMsPerDevice"),
                        r.median("stackCpuMsPerDevice"),
                        2000 / (r.median("workerCpuMsPerDevice") + r.median("stackCpuMsPerDevice")),
                        2000 / r.median("workerCpuMsPerDevice"))));
  }

  /**
   * Returns {end-to-end devices/s, POSTs/s first to last, seconds, worker CPU ms per device, bench
   * JVM (broker + simulator) CPU ms per device}.
   */
  private static double[] worker(SandboxStack stack, List<String> ids, WorkerProcess process) {
    stack.simulator().resetCalls();
    stack.simulator().resetActionResults();
    UUID id = UUID.randomUUID();
    String json = Requests.request(id, ids, Requests.NO_LOOKUP + ",\"timeout\":\"30m\"");
    try (ResultsWatcher watcher = new ResultsWatcher(stack.bootstrapServers());
        RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      double cpu0 = process.cpuSeconds();
      double stack0 = CpuTime.ofThisProcess();
      long t0 = System.nanoTime();
      publisher.send(id.toString(), json);
      Duration allowed = Duration.ofSeconds(60 + ids.size() / 50);
      if (!watcher.awaitFinished(id, allowed)) {
        throw new IllegalStateException("the worker did not finish within " + allowed);
      }
      double cpu = process.cpuSeconds() - cpu0;
      double stackCpu = CpuTime.ofThisProcess() - stack0;
      ResultsWatcher.Progress p = watcher.progress(id);
      if (p.succeeded != ids.size()) {
        throw new IllegalStateException(p.succeeded + " of " + ids.size() + " devices succeeded");
      }
      double seconds = (p.completedNanos - t0) / 1e9;
      PostTimeline posts = new PostTimeline(BenchStacks.postTimes(stack));
      return new double[] {
        ids.size() / seconds,
        posts.overallRate(),
        seconds,
        cpu * 1000 / ids.size(),
        stackCpu * 1000 / ids.size()
      };
    }
  }

  /**
   * Runs a baseline in a JVM of its own over its seeded topics; returns {devices/s, seconds,
   * devices, CPU ms per device}.
   */
  private static double[] baseline(
      SandboxStack stack,
      String kind,
      int run,
      Map<String, String> topics,
      int count,
      int warmCount,
      Duration limit,
      Path work) {
    String warmTopic = topics.get(kind + "-warm-up-" + run);
    String topic = topics.get(kind + "-" + run);
    String classpath = System.getProperty("java.class.path");
    if (kind.equals("pc")) {
      classpath = ParallelConsumerBaseline.classpath(classpath);
    }
    List<String> lines =
        JavaProcess.run(
            classpath,
            JVM,
            stack.workerEnv("bench-" + kind),
            BaselineMain.class.getName(),
            List.of(
                kind,
                warmTopic,
                Integer.toString(warmCount),
                topic,
                Integer.toString(count),
                Integer.toString(CONCURRENCY),
                Long.toString(limit.toSeconds())),
            work.resolve("headroom-" + kind + "-" + run + ".log"),
            limit.plusMinutes(3));
    String result =
        lines.stream()
            .filter(l -> l.startsWith("RESULT "))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new IllegalStateException(kind + " printed no RESULT"));
    String[] f = result.split(" ");
    int done = Integer.parseInt(f[1]);
    double seconds = Double.parseDouble(f[2]);
    if (kind.equals("pc") && done < count) {
      throw new IllegalStateException("Parallel Consumer did " + done + " of " + count);
    }
    double cpu = Double.parseDouble(f[3]);
    return new double[] {done / seconds, seconds, done, cpu * 1000 / done};
  }
}
