package dev.intunereset.worker;

import dev.intunereset.worker.completion.CompletionStage;
import dev.intunereset.worker.config.ConfigException;
import dev.intunereset.worker.config.ConfigKeys;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.dispatch.DispatchStage;
import dev.intunereset.worker.dispatch.GraphHealth;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.graph.GraphGateways;
import dev.intunereset.worker.guard.BrakeStage;
import dev.intunereset.worker.intake.IntakeStage;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageSettings;
import dev.intunereset.worker.messaging.StageSettings.OnAbort;
import dev.intunereset.worker.messaging.StageWatch;
import dev.intunereset.worker.messaging.TransactionalStage;
import dev.intunereset.worker.ops.BrokerHealth;
import dev.intunereset.worker.ops.OpsServer;
import dev.intunereset.worker.ops.OpsServer.Readiness;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.settlement.SettlementMetrics;
import dev.intunereset.worker.settlement.SettlementStage;
import dev.intunereset.worker.trace.Tracing;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process, wired in the order data flows, one {@link TransactionalStage} per step:
 * requests → (intake) → device tasks → (dispatch) → results → (completion) → results → (settlement,
 * reading devices through dispatch's budget) → results, and results → (brake) → brake, which
 * dispatch follows.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final GraphGateway graph;
  private final DispatchStage dispatcher;
  private final List<TransactionalStage> stages;
  private final OpsServer ops;
  private final GraphHealth graphHealth;
  private final KafkaClients kafka;
  private final BrokerHealth brokerHealth;
  private final StageWatch watch;
  private final Tracing tracing;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Worker(WorkerConfig config, Clock clock, Tracing tracing) {
    this.tracing = tracing;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    WorkerMetrics metrics = new WorkerMetrics(registry);
    kafka =
        new KafkaClients(
            config.kafka().bootstrapServers(), config.kafka().clientProperties(), registry);
    Duration drainGrace = config.graph().callTimeout().plusSeconds(5);
    String prefix = "worker-" + config.kafka().instanceId();

    if (config.guards().anySource()) {
      log.warn(
          "REQUEST_ALLOWED_SOURCES is *: requests from any source, or none, are accepted;"
              + " list the sources of your integrations instead");
    }
    PasscodeRecipients recipients = recipients(config);
    var topics = config.kafka();
    Wiring wiring = new Wiring(prefix, topics.groupId(), topics.instanceId(), drainGrace, kafka);

    TransactionalStage intake =
        wiring.stage(
            "intake",
            List.of(topics.requestsTopic()),
            List.of(
                topics.deviceTasksTopic(),
                topics.interactiveTasksTopic(),
                topics.resultsTopic(),
                topics.dlqTopic(),
                topics.acceptedRequestsTopic(),
                topics.cancellationsTopic()),
            100,
            OnAbort.REWIND,
            new IntakeStage(config, kafka, clock, metrics, recipients.names()));

    graph = GraphGateways.create(config.graph(), config.dispatch().concurrency(), clock);
    graphHealth = new GraphHealth(clock);
    dispatcher =
        new DispatchStage(
            config,
            kafka,
            graph,
            graphHealth,
            clock,
            metrics,
            recipients,
            tracing.openTelemetry().getTracer("dev.intunereset.worker"));
    TransactionalStage dispatch =
        wiring.stage(
            "dispatch",
            List.of(topics.deviceTasksTopic(), topics.interactiveTasksTopic()),
            List.of(
                topics.resultsTopic(), topics.deviceTasksTopic(), topics.interactiveTasksTopic()),
            500,
            OnAbort.RETRY,
            dispatcher);
    dispatcher.executors().forEach(dispatch::owning);

    TransactionalStage completion =
        wiring.stage(
            "completion",
            List.of(topics.resultsTopic()),
            List.of(topics.resultsTopic()),
            2000,
            OnAbort.REWIND,
            new CompletionStage(
                topics.resultsTopic(),
                List.of(topics.deviceTasksTopic(), topics.interactiveTasksTopic()),
                clock,
                metrics));

    TransactionalStage settlement =
        wiring.stage(
            "settlement",
            List.of(topics.resultsTopic()),
            List.of(topics.resultsTopic()),
            2000,
            OnAbort.RETRY,
            new SettlementStage(
                topics.resultsTopic(),
                config.settlement(),
                config.dispatch().reconcileClockSkew(),
                dispatcher.reads()::read,
                clock,
                new SettlementMetrics(metrics)));

    stages = new ArrayList<>(List.of(intake, dispatch, completion, settlement));
    if (config.guards().brakeEnabled()) {
      String brake = config.guards().brakeTopic();
      stages.add(
          wiring.stage(
              "brake",
              List.of(brake),
              List.of(brake, topics.resultsTopic(), topics.dlqTopic()),
              100,
              OnAbort.REWIND,
              new BrakeStage(config, kafka, clock, metrics)));
    }
    watch = new StageWatch(stages);
    brokerHealth =
        new BrokerHealth(config.kafka().bootstrapServers(), kafka.adminProperties(), clock);
    ops = new OpsServer(config.opsHttpPort(), registry, this::live, this::readiness);
  }

  /** How every stage of this replica is named and run. */
  private record Wiring(
      String threadPrefix, String group, String instance, Duration drainGrace, KafkaClients kafka) {
    TransactionalStage stage(
        String name,
        List<String> reads,
        List<String> writes,
        int maxPollRecords,
        OnAbort onAbort,
        Stage stage) {
      return new TransactionalStage(
          threadPrefix,
          new StageSettings(
              name,
              group + "-" + name,
              instance + "-" + name,
              reads,
              writes,
              maxPollRecords,
              onAbort,
              drainGrace),
          stage,
          kafka);
    }
  }

  /**
   * The passcode recipients the worker will seal to, read from the configured file.
   *
   * @throws ConfigException naming the key when the file is unreadable or not a usable JWKS
   */
  public static PasscodeRecipients recipients(WorkerConfig config) {
    return config
        .passcode()
        .recipientsFile()
        .map(
            file -> {
              try {
                return PasscodeRecipients.fromFile(file);
              } catch (IllegalArgumentException e) {
                throw new ConfigException(
                    List.of(ConfigKeys.PASSCODE_RECIPIENTS_FILE.name() + ": " + e.getMessage()));
              }
            })
        .orElseGet(PasscodeRecipients::none);
  }

  /**
   * Builds and starts a worker; {@link #close()} drains and stops it.
   *
   * @throws ConfigException when a configured file (such as the passcode recipients) is unusable
   */
  public static Worker start(WorkerConfig config, Clock clock) {
    return start(config, clock, Tracing.off());
  }

  /** As {@link #start(WorkerConfig, Clock)}, recording spans through {@code tracing}. */
  public static Worker start(WorkerConfig config, Clock clock, Tracing tracing) {
    Worker worker = new Worker(config, clock, tracing);
    worker.stages.forEach(TransactionalStage::start);
    worker.watch.start();
    log.info("worker started; ops endpoints on port {}", worker.ops.port());
    return worker;
  }

  public int opsPort() {
    return ops.port();
  }

  private boolean live() {
    return !closed.get();
  }

  /** Ready when every loop is connected and Graph authentication works. */
  public Readiness readiness() {
    Map<String, String> checks = new LinkedHashMap<>();
    boolean ready = true;
    for (TransactionalStage stage : stages) {
      Optional<String> problem = stage.problem();
      ready &= problem.isEmpty();
      checks.put("kafka." + stage.name(), problem.orElse("ok"));
    }
    String broker = brokerHealth.problem();
    ready &= broker == null;
    checks.put("kafka.broker", broker == null ? "ok" : broker);
    String assignment = dispatcher.assignment();
    ready &= assignment != null;
    checks.put("kafka.assignment", assignment == null ? "not joined the group yet" : assignment);
    boolean circuitOpen = dispatcher.circuitOpen();
    ready &= !circuitOpen;
    checks.put(
        "graph.circuit",
        circuitOpen
            ? "open: Graph is failing, task consumption paused"
            : dispatcher.circuitState());
    String auth = graphHealth.authProblem().orElse("ok");
    ready &= auth.equals("ok");
    checks.put("graph.auth", auth);
    return new Readiness(ready, checks);
  }

  /** Drains in-flight work, commits, and stops; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("worker stopping: draining in-flight work");
    kafka.shuttingDown();
    // Intake first so no new tasks appear, dispatch next so outcomes are committed, then the
    // completion stage, which may still emit completions for them.
    for (TransactionalStage stage : stages) {
      stage.close();
    }
    graph.close();
    watch.close();
    brokerHealth.close();
    tracing.close();
    ops.close();
    log.info("worker stopped");
  }
}
