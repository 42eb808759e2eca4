package dev.intunereset.sandbox.stack;

import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.GraphSimulator;
import dev.intunereset.sandbox.kafka.EmbeddedKafka;
import dev.intunereset.sandbox.kafka.EmbeddedKafkaConfig;
import dev.intunereset.sandbox.kafka.SecuredListener;
import dev.intunereset.sandbox.kafka.TopicSpec;
import dev.intunereset.worker.Worker;
import dev.intunereset.worker.config.ConfigReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole system on one machine: a real embedded Kafka broker, the Graph simulator and any number
 * of in-process workers pointed at them, configured exactly as a deployment would be (through the
 * worker's environment keys).
 */
public final class SandboxStack implements AutoCloseable {
  public static final String SANDBOX_TOKEN = "sandbox-token";

  /** Where to listen and how to size the stack; 0 ports mean any free port. */
  public record Options(
      int kafkaPort,
      int graphPort,
      int opsPort,
      DeviceInventory inventory,
      Map<String, String> workerEnv) {
    public Options {
      workerEnv = Map.copyOf(workerEnv);
    }

    public static Options defaults() {
      return new Options(0, 0, 0, DeviceInventory.deterministic(25_000), Map.of());
    }

    public Options withWorkerEnv(Map<String, String> env) {
      Map<String, String> merged = new HashMap<>(workerEnv);
      merged.putAll(env);
      return new Options(kafkaPort, graphPort, opsPort, inventory, merged);
    }
  }

  /** Internal task topic of interactive requests. */
  public static final String INTERACTIVE_TASKS = "passcode-reset.device-tasks.interactive";

  /** Internal compacted log of accepted request ids; partitioned like the requests topic. */
  public static final String ACCEPTED_REQUESTS = "passcode-reset.requests.accepted";

  /** Internal compacted state of the fleet brake; one partition. */
  public static final String BRAKE = "passcode-reset.brake";

  /**
   * Sources the sandbox accepts: the demo's, the CLI's, and those of the tests ({@code it} and
   * {@code chaos} trusted with large requests, {@code it-untrusted} and {@code cli-it} not).
   */
  public static final String ALLOWED_SOURCES =
      "servicenow,sentinel-playbook,change-mgmt,cli,cli-it,it,it-untrusted,chaos";

  /** Large requests from these need no approval: the demo's incident and the test harnesses. */
  public static final String TRUSTED_SOURCES = "sentinel-playbook,it,chaos";

  /** Partition counts of the sandbox topics: several, so that rebalances and ordering matter. */
  public static final List<TopicSpec> TOPICS =
      List.of(
          new TopicSpec(Topics.REQUESTS, 3),
          new TopicSpec(ACCEPTED_REQUESTS, 3, Map.of("cleanup.policy", "compact")),
          new TopicSpec(Topics.DEVICE_TASKS, 12),
          new TopicSpec(INTERACTIVE_TASKS, 3),
          new TopicSpec(Topics.RESULTS, 6),
          new TopicSpec(Topics.REQUESTS_DLQ, 1),
          new TopicSpec(Topics.APPROVALS, 3),
          new TopicSpec(BRAKE, 1, Map.of("cleanup.policy", "compact")),
          new TopicSpec(
              Topics.CANCELLATIONS,
              1,
              Map.of("cleanup.policy", "compact,delete", "retention.ms", "604800000")),
          new TopicSpec(Topics.EXPANSIONS, 3));

  private final Options options;
  private final EmbeddedKafka kafka;
  private final GraphSimulator simulator;
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SandboxStack(Options options, EmbeddedKafka kafka, GraphSimulator simulator) {
    this.options = options;
    this.kafka = kafka;
    this.simulator = simulator;
  }

  /** Starts the broker and the simulator (no worker yet). */
  public static SandboxStack start(Options options) {
    return start(options, null);
  }

  /**
   * As {@link #start(Options)}, with a SASL (and TLS) listener on the broker as well; the workers
   * still default to the PLAINTEXT one unless their environment says otherwise.
   */
  public static SandboxStack start(Options options, SecuredListener securedListener) {
    EmbeddedKafka kafka =
        EmbeddedKafka.start(
            EmbeddedKafkaConfig.builder()
                .port(options.kafkaPort())
                // Room for 100k-device requests sent as one message.
                .brokerProperty("message.max.bytes", "8388608")
                .securedListener(securedListener)
                .build());
    try {
      kafka.createTopics(TOPICS);
      GraphSimulator simulator =
          GraphSimulator.builder()
              .port(options.graphPort())
              .inventory(options.inventory())
              .acceptedTokens(Set.of(SANDBOX_TOKEN))
              .start();
      return new SandboxStack(options, kafka, simulator);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  /** The worker environment that points at this stack; the same keys a deployment sets. */
  public Map<String, String> workerEnv(String instanceId) {
    return workerEnv(
        kafka.bootstrapServers(),
        simulator.baseUrl(),
        workers.isEmpty() ? options.opsPort() : 0,
        instanceId,
        options.workerEnv());
  }

  /**
   * The environment of a worker pointed at a broker and a simulator at these addresses: the
   * sandbox's defaults, then {@code settings} over them. {@code up} reads it through the worker's
   * own config reader before starting anything, so that a bad setting fails first.
   */
  public static Map<String, String> workerEnv(
      String bootstrapServers,
      String graphBaseUrl,
      int opsPort,
      String instanceId,
      Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("WORKER_INSTANCE_ID", instanceId);
    env.put("GRAPH_BASE_URL", graphBaseUrl);
    env.put("GRAPH_AUTH_MODE", "static-token");
    env.put("GRAPH_STATIC_TOKEN", SANDBOX_TOKEN);
    // The simulator does not throttle unless told to; a roomy budget keeps demos quick.
    env.put("GRAPH_WRITE_BUDGET", "2000");
    env.put("GRAPH_READ_BUDGET", "20000");
    env.put("OPS_HTTP_PORT", Integer.toString(opsPort));
    env.put("REQUEST_ALLOWED_SOURCES", ALLOWED_SOURCES);
    env.put("MASS_RESET_TRUSTED_SOURCES", TRUSTED_SOURCES);
    // One JVM runs every integration test against one stack: thousands of resets within the
    // default window. The brake is tested on a stack of its own with a low limit.
    env.put("FLEET_BRAKE_MAX_RESETS", "1000000");
    env.put("FLEET_BRAKE_MAX_ROTATIONS", "1000000");
    env.putAll(settings);
    if (settings.containsKey("REQUEST_ALLOWED_SOURCES")
        && !settings.containsKey("MASS_RESET_TRUSTED_SOURCES")) {
      // A source that may not send cannot be trusted (the worker refuses the pair), so the
      // sandbox keeps trusting only those of its sources that an integrator's list still allows.
      env.put("MASS_RESET_TRUSTED_SOURCES", trustedAmong(settings.get("REQUEST_ALLOWED_SOURCES")));
    }
    return env;
  }

  private static String trustedAmong(String allowed) {
    if (allowed.strip().equals("*")) {
      return TRUSTED_SOURCES;
    }
    Set<String> names = new HashSet<>();
    for (String s : allowed.split(",")) {
      names.add(s.strip());
    }
    return String.join(
        ",", Arrays.stream(TRUSTED_SOURCES.split(",")).filter(names::contains).toList());
  }

  /** Starts one more in-process worker; extra keys override the stack's defaults. */
  public synchronized Worker startWorker(String instanceId, Map<String, String> overrides) {
    Map<String, String> env = workerEnv(instanceId);
    env.putAll(overrides);
    Worker worker = Worker.start(ConfigReader.read(env), Clock.systemUTC());
    workers.add(worker);
    return worker;
  }

  public Worker startWorker() {
    return startWorker("sandbox-worker-" + (workers.size() + 1), Map.of());
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public GraphSimulator simulator() {
    return simulator;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public synchronized List<Worker> workers() {
    return List.copyOf(workers);
  }

  /** Stops workers first (they drain into Kafka), then the simulator and the broker. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Worker> toStop;
    synchronized (this) {
      toStop = List.copyOf(workers);
    }
    toStop.forEach(Worker::close);
    simulator.close();
    kafka.close();
  }
}
