package dev.intunereset.sandbox.chaos;

import static java.util.stream.Collectors.toSet;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.GraphSimulator;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.kafka.BrokerDiagnosis;
import dev.intunereset.sandbox.kafka.KafkaBrokerProcess;
import dev.intunereset.sandbox.kafka.KafkaBrokerProcessConfig;
import dev.intunereset.sandbox.kafka.TopicCreator;
import dev.intunereset.sandbox.kafka.TopicSpec;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.config.ConfigKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Runs the worker as a separate process against a broker child process and the Graph simulator,
 * kills the worker with SIGKILL at seeded random moments (restarting it each time) and the broker
 * once, then checks the guarantees on what a read_committed consumer sees and on the simulator's
 * count of applied actions. Every run mixes passcode resets and BitLocker key rotations ({@link
 * ChaosPlan}). The worker's guards stay as deployed; where they would hold the run, the harness
 * acts as the on-call engineer ({@link ResultsWatch}).
 */
public final class ChaosHarness {
  /**
   * Run parameters; the same seed gives the same schedule of kills.
   *
   * @param brakeMaxResets the worker's FLEET_BRAKE_MAX_RESETS and FLEET_BRAKE_MAX_ROTATIONS (0 =
   *     off): the run mixes both actions, so each has its brake; the harness releases each
   *     engagement as an operator would, so a run above it completes too
   */
  public record Options(
      long seed,
      int kills,
      int devices,
      boolean restartBroker,
      Duration timeout,
      int brakeMaxResets) {
    /** The worker's own default, which a deployment runs with. */
    public static final int DEFAULT_BRAKE_MAX_RESETS =
        Integer.parseInt(ConfigKeys.FLEET_BRAKE_MAX_RESETS.defaultValue());

    public Options {
      if (kills < 0 || devices < 1 || brakeMaxResets < 0) {
        throw new IllegalArgumentException(
            "kills >= 0, devices >= 1 and brakeMaxResets >= 0 required");
      }
    }

    /** The form run by {@code verify}: 3 kills and one broker restart over 500 devices. */
    public static Options shortForm(long seed) {
      return new Options(seed, 3, 500, true, Duration.ofSeconds(150), DEFAULT_BRAKE_MAX_RESETS);
    }
  }

  private static final int WRITES_PER_SECOND = 40;
  private static final List<String> TOPIC_NAMES =
      SandboxStack.TOPICS.stream().map(TopicSpec::name).toList();

  private final Options options;
  private final Random random;
  private final List<String> violations = new ArrayList<>();

  private ChaosHarness(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
  }

  public static ChaosReport run(Options options) {
    return new ChaosHarness(options).run();
  }

  private ChaosReport run() {
    long t0 = System.nanoTime();
    Path dir = tempDir();
    ChaosPlan plan = ChaosPlan.of(options.seed(), options.devices());
    try (KafkaBrokerProcess broker =
            KafkaBrokerProcess.start(
                KafkaBrokerProcessConfig.builder().logDir(dir.resolve("broker")).build());
        GraphSimulator sim =
            GraphSimulator.builder()
                .inventory(DeviceInventory.deterministic(plan.inventorySize()))
                .acceptedTokens(Set.of(SandboxStack.SANDBOX_TOKEN))
                .behavior(
                    SimulatorBehavior.builder()
                        .latency(Duration.ofMillis(20), Duration.ofMillis(10))
                        .build())
                .start()) {
      createTopics(broker.bootstrapServers());
      WorkerProcess worker = new WorkerProcess(workerEnv(broker, sim), dir.resolve("worker.log"));
      worker.start();
      try (ResultsWatch watch = new ResultsWatch(broker.bootstrapServers(), TOPIC_NAMES)) {
        plan.publish(broker.bootstrapServers());
        Set<UUID> requests = plan.requests().stream().map(ChaosRequest::id).collect(toSet());
        disrupt(worker, broker, plan.devices(), watch);
        if (!watch.awaitCompletions(requests, options.timeout())) {
          violations.add(notCompleted(broker.bootstrapServers(), dir, options.timeout()));
        } else {
          settle(worker, watch, requests);
        }
        violations.addAll(watch.violations());
        if (!worker.stop()) {
          violations.add("the worker did not stop within 60 s of SIGTERM");
        }
        return verify(broker.bootstrapServers(), sim, plan, watch, worker.errorLines(), t0);
      }
    }
  }

  /** Kills the worker once more while it follows the last devices, then waits for settlement. */
  private void settle(WorkerProcess worker, ResultsWatch watch, Set<UUID> ids) {
    if (options.kills() > 0) {
      worker.kill();
      worker.start();
    }
    if (!watch.awaitSettlements(ids, options.timeout())) {
      violations.add("not every request settled within " + options.timeout());
    }
  }

  private Map<String, String> workerEnv(KafkaBrokerProcess broker, GraphSimulator sim) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("WORKER_INSTANCE_ID", "chaos-worker");
    env.put("GRAPH_BASE_URL", sim.baseUrl());
    env.put("GRAPH_AUTH_MODE", "static-token");
    env.put("GRAPH_STATIC_TOKEN", SandboxStack.SANDBOX_TOKEN);
    env.put("GRAPH_WRITE_BUDGET", Integer.toString(WRITES_PER_SECOND));
    env.put("GRAPH_READ_BUDGET", Integer.toString(WRITES_PER_SECOND * 10));
    env.put("GRAPH_BUDGET_WINDOW", "1s");
    env.put("DISPATCH_MAX_ATTEMPTS", "30");
    env.put("REQUEST_DEFAULT_TIMEOUT", "30m");
    env.put("OPS_HTTP_PORT", "0");
    env.put("REQUEST_ALLOWED_SOURCES", "chaos");
    // The run is an approved fleet-wide reset by automation with its own two-person rule: its
    // requests need no approval, and each brake engagement is released (BrakeOperator).
    env.put("MASS_RESET_TRUSTED_SOURCES", "chaos");
    env.put("FLEET_BRAKE_MAX_RESETS", Integer.toString(options.brakeMaxResets()));
    env.put("FLEET_BRAKE_MAX_ROTATIONS", Integer.toString(options.brakeMaxResets()));
    env.put("SETTLE_FIRST_CHECK", "200ms");
    env.put("SETTLE_MAX_CHECK_INTERVAL", "1s");
    return env;
  }

  private static void createTopics(String bootstrap) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicCreator.create(admin, SandboxStack.TOPICS, Duration.ofSeconds(60));
    }
  }

  /**
   * Kills the worker at seeded moments over the expected run time, and the broker once, watching
   * the results (and acting on them) in between.
   */
  private void disrupt(
      WorkerProcess worker, KafkaBrokerProcess broker, int devices, ResultsWatch watch) {
    long window = Math.max(5_000, devices * 1000L / WRITES_PER_SECOND);
    List<long[]> events = new ArrayList<>();
    for (int i = 0; i < options.kills(); i++) {
      events.add(new long[] {1_000 + (long) (random.nextDouble() * window), 0});
    }
    if (options.restartBroker()) {
      events.add(new long[] {1_000 + (long) (random.nextDouble() * window), 1});
    }
    events.sort((a, b) -> Long.compare(a[0], b[0]));
    long start = System.currentTimeMillis();
    for (long[] event : events) {
      watch.watchFor(start + event[0] - System.currentTimeMillis());
      if (event[1] == 0) {
        worker.kill();
        sleep(200 + random.nextInt(1_300));
        worker.start();
      } else {
        broker.kill();
        sleep(500 + random.nextInt(1_000));
        broker.restart();
      }
    }
  }

  private static String notCompleted(String bootstrap, Path dir, Duration timeout) {
    return "not every request completed within "
        + timeout
        + " (worker log: "
        + dir.resolve("worker.log")
        + ", broker diagnosis: "
        + BrokerDiagnosis.write(bootstrap, TOPIC_NAMES, dir.resolve("diagnosis.txt"))
        + ")";
  }

  /**
   * Reads the results topic to the end, as a read_committed consumer, and checks it and the
   * simulator's tallies against what was published.
   */
  private ChaosReport verify(
      String bootstrap,
      GraphSimulator sim,
      ChaosPlan plan,
      ResultsWatch watch,
      List<String> errorLines,
      long t0) {
    OutcomeCheck outcomes = new OutcomeCheck();
    SettlementCheck settlement = new SettlementCheck();
    try (ResultsFeed feed = new ResultsFeed(bootstrap)) {
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
        List<ResultEvent> events = feed.poll(Duration.ofMillis(200));
        if (!events.isEmpty()) {
          quietSince = System.nanoTime();
        }
        for (ResultEvent e : events) {
          outcomes.see(e);
          settlement.see(e);
        }
      }
    }
    violations.addAll(
        outcomes.violations(
            plan.requests(),
            (action, device) ->
                action == Action.RESET_PASSCODE ? sim.postCount(device) : sim.rotationCount(device),
            watch.abortedOffsetCommits()));
    violations.addAll(settlement.violations(plan.requests()));
    return new ChaosReport(
        options.seed(),
        options.devices(),
        plan.rotations(),
        options.kills() + (options.kills() > 0 ? 1 : 0),
        options.restartBroker() ? 1 : 0,
        (System.nanoTime() - t0) / 1_000_000,
        outcomes.outcomes(),
        outcomes.alreadyReset(),
        settlement.deviceSettlements(),
        outcomes.maxApplied(Action.RESET_PASSCODE),
        outcomes.maxApplied(Action.ROTATE_BITLOCKER_KEYS),
        outcomes.resentNotSupported(),
        outcomes.redoneAfterAbort(),
        outcomes.completionsPerRequest(plan.requests()),
        options.brakeMaxResets(),
        watch.brakeReleases(),
        watch.actions(),
        errorLines,
        List.copyOf(violations));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("chaos-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
