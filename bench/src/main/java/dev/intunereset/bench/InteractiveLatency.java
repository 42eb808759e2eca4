package dev.intunereset.bench;

import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Scenario 3, interactive latency under a mass reset: while a bulk request runs at the full
 * (scaled) budget of scenario 1, one-device tickets arrive at random moments; each is timed from
 * the moment it is published to the moment its outcome event is read from the results topic.
 */
final class InteractiveLatency {
  /** The bulk is under way (its backlog queued in the worker) once this many outcomes are out. */
  private static final int BULK_RUNNING_AFTER = 50;

  private InteractiveLatency() {}

  /** Scenario 1's, with room for a 20,000-device request (the default limit is 10,000). */
  static Map<String, String> workerEnv() {
    Map<String, String> env = new java.util.HashMap<>(BudgetSaturation.workerEnv());
    env.put("REQUEST_MAX_DEVICES", "100000");
    env.put("REQUEST_MAX_BYTES", LargeRequest.MAX_BYTES);
    return env;
  }

  static ScenarioResult run(Scale scale) {
    List<Map<String, Double>> runs = new ArrayList<>();
    for (int i = 1; i <= scale.runs(); i++) {
      Bench.progress(
          "interactive latency: run %d of %d (%d-device bulk, %d tickets over %d s)",
          i, scale.runs(), scale.bulkDevices(), scale.tickets(), scale.ticketSpread().toSeconds());
      runs.add(once(scale, new Random(1_000L + i)));
      Bench.progress("  %s", runs.get(runs.size() - 1));
    }
    return new ScenarioResult(
            "interactive-latency",
            "3. Interactive latency under a mass reset",
            List.of(
                "Simulator and worker as in scenario 1 (1,000 POSTs per 20 s, 100 ms latency, the"
                    + " worker told the same budget), with REQUEST_MAX_DEVICES=100000 so that the"
                    + " bulk fits in one request.",
                "A bulk request of "
                    + String.format("%,d", scale.bulkDevices())
                    + " devices (validateDeviceExists=false) starts first; once "
                    + BULK_RUNNING_AFTER
                    + " of its outcomes are out, "
                    + scale.tickets()
                    + " one-device tickets are published at uniformly random moments (seeded) over "
                    + scale.ticketSpread().toSeconds()
                    + " s. Tickets use the request defaults (validateDeviceExists=true: a GET, then"
                    + " the POST), as a helpdesk would send them.",
                "Latency: from just before the ticket is published (producer send, acks=all) to the"
                    + " receipt of its DeviceOutcome by a read_committed consumer of the results"
                    + " topic. The run stops when every ticket has its outcome; the bulk need not"
                    + " finish.",
                "FIFO: what a first-in-first-out worker would have made each ticket wait: bulk"
                    + " devices still without an outcome when the ticket was published, divided by"
                    + " the bulk's measured rate."),
            List.of(
                new Metric("p50Ms", "ticket latency p50", "ms", 0),
                new Metric("p99Ms", "ticket latency p99", "ms", 0),
                new Metric("maxMs", "ticket latency max", "ms", 0),
                new Metric("tickets", "tickets with an outcome", "", 0),
                new Metric("bulkDevicesPerSecond", "bulk devices/s meanwhile", "/s", 1),
                new Metric("fifoMedianSeconds", "FIFO wait implied, median ticket", "s", 0),
                new Metric("fifoMinSeconds", "FIFO wait implied, luckiest ticket", "s", 0),
                new Metric("throttled", "429 answers", "", 0)),
            runs,
            List.of(Target.atMost("ticket p99 <= 2 s", "p99Ms", 2_000)),
            List.of())
        .withNotes(
            r ->
                List.of(
                    String.format(
                        Locale.ROOT,
                        "A FIFO worker would have made the median ticket wait about %.0f s (%.1f"
                            + " min) behind the bulk backlog, and even the luckiest one %.0f s;"
                            + " the interactive lane made it %.0f ms (median p50).",
                        r.median("fifoMedianSeconds"),
                        r.median("fifoMedianSeconds") / 60,
                        r.median("fifoMinSeconds"),
                        r.median("p50Ms"))));
  }

  private static Map<String, Double> once(Scale scale, Random random) {
    int bulk = scale.bulkDevices();
    List<String> all = DeviceInventory.firstResettableAndroidIds(bulk + scale.tickets());
    List<String> bulkIds = all.subList(0, bulk);
    List<String> ticketIds = all.subList(bulk, all.size());
    long[] offsets = new long[scale.tickets()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = (long) (random.nextDouble() * scale.ticketSpread().toNanos());
    }
    java.util.Arrays.sort(offsets);
    Map<String, Double> out = new LinkedHashMap<>();
    try (SandboxStack stack =
        BenchStacks.start(
            BenchStacks.inventoryFor(all.size()), BudgetSaturation.simulator(), workerEnv())) {
      stack.startWorker("bench-interactive", Map.of());
      UUID bulkId = UUID.randomUUID();
      List<UUID> ticketIdsSent = new ArrayList<>();
      List<Long> sentAt = new ArrayList<>();
      List<Integer> aheadAtSend = new ArrayList<>();
      try (ResultsWatcher watcher = new ResultsWatcher(stack.bootstrapServers());
          RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
        publisher.send(
            bulkId.toString(),
            Requests.request(bulkId, bulkIds, Requests.NO_LOOKUP + ",\"timeout\":\"30m\""));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (watcher.progress(bulkId).outcomes < BULK_RUNNING_AFTER) {
          if (System.nanoTime() > deadline || watcher.progress(bulkId).rejected) {
            throw new IllegalStateException("the bulk request did not get going (or was rejected)");
          }
          watcher.poll(Duration.ofMillis(50));
        }
        long start = System.nanoTime();
        int bulkDoneAtStart = watcher.progress(bulkId).outcomes;
        int next = 0;
        deadline = start + scale.ticketSpread().plusSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
          while (next < offsets.length && System.nanoTime() - start >= offsets[next]) {
            UUID t = UUID.randomUUID();
            String json = Requests.request(t, List.of(ticketIds.get(next)), "");
            aheadAtSend.add(bulk - watcher.progress(bulkId).outcomes);
            sentAt.add(System.nanoTime());
            publisher.send(t.toString(), json);
            ticketIdsSent.add(t);
            next++;
          }
          watcher.poll(Duration.ofMillis(10));
          if (next == offsets.length
              && ticketIdsSent.stream().allMatch(t -> watcher.progress(t).outcomes > 0)) {
            break;
          }
        }
        long end = System.nanoTime();
        double bulkRate =
            (watcher.progress(bulkId).outcomes - bulkDoneAtStart) / ((end - start) / 1e9);
        List<Double> latencies = new ArrayList<>();
        List<Double> fifo = new ArrayList<>();
        for (int i = 0; i < ticketIdsSent.size(); i++) {
          ResultsWatcher.Progress p = watcher.progress(ticketIdsSent.get(i));
          if (p.outcomes > 0) {
            latencies.add((p.firstOutcomeNanos - sentAt.get(i)) / 1e6);
          }
          fifo.add(aheadAtSend.get(i) / bulkRate);
        }
        out.put("p50Ms", Stats.percentile(latencies, 50));
        out.put("p99Ms", Stats.percentile(latencies, 99));
        out.put("maxMs", Stats.max(latencies));
        out.put("tickets", (double) latencies.size());
        out.put("bulkDevicesPerSecond", bulkRate);
        out.put("fifoMedianSeconds", Stats.median(fifo));
        out.put("fifoMinSeconds", fifo.stream().mapToDouble(d -> d).min().orElse(Double.NaN));
        out.put("throttled", (double) stack.simulator().throttledCount());
      }
    }
    return out;
  }
}
