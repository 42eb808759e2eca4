package dev.intunereset.bench;

import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 1, the physical limit: one bulk request against a simulator that enforces Intune's
 * sliding-window write budget over Graph's own 20 s window, with 1,000 POSTs in it (five times
 * Intune's 200, so that a run takes a minute, not five) and 100 ms latency. The worker is told the
 * same budget; the question is how much of it the worker uses without a single 429.
 */
final class BudgetSaturation {
  static final int BUDGET = 1_000;
  static final Duration WINDOW = Duration.ofSeconds(20);
  static final Duration LATENCY = Duration.ofMillis(100);

  /** Share of POSTs left out at each end of the run when measuring the steady rate. */
  static final double TRIM = 0.05;

  /**
   * What BudgetGate paces a budget of 1,000 per 20 s to: the 3 calls that its 60 ms jitter
   * allowance of pacing would send are held back.
   */
  static final int PACED = BUDGET - 3;

  private BudgetSaturation() {}

  static Map<String, String> workerEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_WRITE_BUDGET", Integer.toString(BUDGET));
    env.put("GRAPH_READ_BUDGET", Integer.toString(BUDGET * 10));
    env.put("GRAPH_BUDGET_WINDOW", WINDOW.toSeconds() + "s");
    // Calls take 100 ms; a short call timeout also keeps the drain at shutdown short.
    env.put("GRAPH_CALL_TIMEOUT", "5s");
    env.put("DISPATCH_RETRY_BASE_DELAY", "200ms");
    env.put("DISPATCH_RETRY_MAX_DELAY", "5s");
    return env;
  }

  static SimulatorBehavior simulator() {
    return SimulatorBehavior.builder()
        .throttle(BUDGET, BUDGET * 10, WINDOW)
        .latency(LATENCY)
        .build();
  }

  static ScenarioResult run(Scale scale) {
    int devices = scale.budgetDevices();
    List<Map<String, Double>> runs = new ArrayList<>();
    for (int i = 1; i <= scale.runs(); i++) {
      Bench.progress("budget saturation: run %d of %d (%d devices)", i, scale.runs(), devices);
      runs.add(once(devices));
      Bench.progress("  %s", runs.get(runs.size() - 1));
    }
    double budgetRate = BUDGET / (WINDOW.toNanos() / 1e9);
    return new ScenarioResult(
            "budget-saturation",
            "1. Budget saturation (the physical limit)",
            List.of(
                "Simulator: sliding-window budget of "
                    + BUDGET
                    + " POSTs (and "
                    + BUDGET * 10
                    + " requests of any kind) per "
                    + WINDOW.toSeconds()
                    + " s: Intune's window, with five times its 200 POSTs so that a run is short;"
                    + " fixed latency "
                    + LATENCY.toMillis()
                    + " ms.",
                "Worker (in the bench JVM): GRAPH_WRITE_BUDGET="
                    + BUDGET
                    + ", GRAPH_READ_BUDGET="
                    + BUDGET * 10
                    + ", GRAPH_BUDGET_WINDOW="
                    + WINDOW.toSeconds()
                    + "s, other settings default (DISPATCH_CONCURRENCY=32).",
                "One request of "
                    + String.format("%,d", devices)
                    + " devices, validateDeviceExists=false (the write budget alone is measured).",
                "Steady rate: POSTs per second between the first and last POST once the first and"
                    + " last "
                    + (int) (TRIM * 100)
                    + "% of POSTs are left out; budget use = steady rate / ("
                    + BUDGET
                    + " / "
                    + WINDOW.toSeconds()
                    + " s) = steady rate / "
                    + (int) budgetRate
                    + ".",
                "Tightest margin: min over i of t[i+"
                    + BUDGET
                    + "] - t[i] - window at the simulator: how much jitter the pacing could still"
                    + " have absorbed before a sliding window like Graph's would have refused a call."),
            List.of(
                new Metric("budgetUse", "budget use (steady POST/s / budget)", "", 4),
                new Metric("steadyPostsPerSecond", "steady POSTs per second", "/s", 2),
                new Metric("overallPostsPerSecond", "POSTs per second, first to last", "/s", 2),
                new Metric("throttled", "429 answers", "", 0),
                new Metric("busiestWindow", "most POSTs in any 20 s window", "", 0),
                new Metric("tightestMarginMs", "tightest margin to the window", "ms", 1),
                new Metric("succeeded", "devices succeeded", "", 0),
                new Metric("seconds", "request publish to RequestCompleted", "s", 1)),
            runs,
            List.of(
                Target.atLeast("budget use >= 0.97", "budgetUse", 0.97),
                Target.atMost("zero 429s", "throttled", 0)),
            List.of())
        .withNotes(
            r ->
                List.of(
                    String.format(
                        Locale.ROOT,
                        "Ceiling by construction: the worker paces %d of the %d calls (the"
                            + " calls of 60 ms held back against jitter) as one permit every %d s"
                            + " / %d, so at most %d permit intervals fit in a window: %.3f of the"
                            + " budget.",
                        PACED,
                        BUDGET,
                        WINDOW.toSeconds(),
                        PACED - 1,
                        PACED - 1,
                        (PACED - 1) / (double) BUDGET),
                    "Below the ceiling: a pacing cycle is lost whenever the worker's scheduler"
                        + " thread wakes more than one period ("
                        + WINDOW.toMillis() / (PACED - 1)
                        + " ms) late, which happens when other processes keep the 2 cores busy;"
                        + " a 429 halves the pace and holds every call for its Retry-After (at"
                        + " least 1 s), so one 429 costs more than a second of budget.",
                    String.format(
                        Locale.ROOT,
                        "Safety margin: the tightest margin (median %.1f ms) is what was left of"
                            + " the %.0f ms the pacing leaves between call i and call i + %d;"
                            + " jitter between the worker and the simulator ate the rest. A"
                            + " negative margin is a window Graph would have refused.",
                        r.median("tightestMarginMs"),
                        BUDGET * (WINDOW.toNanos() / 1e6 / (PACED - 1)) - WINDOW.toMillis(),
                        BUDGET)));
  }

  private static Map<String, Double> once(int devices) {
    Map<String, Double> out = new LinkedHashMap<>();
    try (SandboxStack stack =
        BenchStacks.start(BenchStacks.inventoryFor(devices), simulator(), workerEnv())) {
      stack.startWorker("bench-budget", Map.of());
      UUID id = UUID.randomUUID();
      List<String> ids = DeviceInventory.firstResettableAndroidIds(devices);
      try (ResultsWatcher watcher = new ResultsWatcher(stack.bootstrapServers());
          RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
        long t0 = System.nanoTime();
        publisher.send(
            id.toString(), Requests.request(id, ids, Requests.NO_LOOKUP + ",\"timeout\":\"30m\""));
        Duration allowed = Duration.ofSeconds(60 + devices / 40);
        if (!watcher.awaitFinished(id, allowed)) {
          throw new IllegalStateException("the request did not complete within " + allowed);
        }
        ResultsWatcher.Progress p = watcher.progress(id);
        PostTimeline posts = new PostTimeline(BenchStacks.postTimes(stack));
        double steady = posts.steadyRate(TRIM);
        out.put("budgetUse", steady / (BUDGET / (WINDOW.toNanos() / 1e9)));
        out.put("steadyPostsPerSecond", steady);
        out.put("overallPostsPerSecond", posts.overallRate());
        out.put("throttled", (double) stack.simulator().throttledCount());
        out.put("busiestWindow", (double) posts.busiestWindow(WINDOW));
        out.put("tightestMarginMs", posts.tightestMarginMillis(BUDGET, WINDOW));
        out.put("succeeded", (double) p.succeeded);
        out.put("seconds", (p.completedNanos - t0) / 1e9);
      }
    }
    return out;
  }
}
