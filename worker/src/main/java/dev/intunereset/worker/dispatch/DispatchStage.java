package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageConsumer;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.TaskRecords;
import io.opentelemetry.api.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device tasks and runs them through {@link DeviceResetJob}s without ever blocking the poll
 * on HTTP. Outcomes are committed together with the offsets of the contiguous completed tasks they
 * account for, so a read_committed consumer sees each outcome exactly once and a restarted worker
 * redoes exactly the uncommitted tasks.
 */
public final class DispatchStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(DispatchStage.class);

  private final WorkerConfig config;
  private final KafkaClients clients;
  private final WorkerMetrics metrics;
  private final ResultRecords results;
  private final JobContext jobs;
  private final BudgetGate gate;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService http;
  private final Pauses<TopicPartition> pauses;
  private final BrakeFollower brake;
  private final DispatchCancels cancels;
  private final TaskLedgers<TopicPartition> tasks = new TaskLedgers<>();
  private final List<DeviceOutcome> publishing = new ArrayList<>();
  private boolean circuitOpen;
  private boolean stopping;
  private StageConsumer consumer;
  private volatile String assignmentSummary;

  public DispatchStage(
      WorkerConfig config,
      KafkaClients clients,
      GraphGateway graph,
      GraphHealth health,
      Clock clock,
      WorkerMetrics metrics,
      PasscodeRecipients recipients,
      Tracer tracer) {
    this.config = config;
    this.clients = clients;
    this.metrics = metrics;
    this.results = new ResultRecords(config.kafka().resultsTopic(), clock);
    var d = config.dispatch();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(NamedThreads.daemons("dispatch-scheduler"));
    this.http = Executors.newFixedThreadPool(d.concurrency(), NamedThreads.daemons("graph-http"));
    DispatchTime time = DispatchTime.system(clock, scheduler);
    this.gate = new BudgetGate(d, time, http);
    Backoff backoff = new Backoff(d.retryBaseDelay(), d.retryMaxDelay(), new Random());
    CanceledRequests canceled = new CanceledRequests();
    this.cancels = new DispatchCancels(canceled, config.requests().maxTimeout(), clock, results);
    this.jobs =
        new JobContext(
            new GraphCalls(graph, gate, time, backoff, d.maxAttempts(), health, metrics, tracer),
            new ResetRules(
                config.requests().allowedPlatforms(),
                d.reconcileClockSkew(),
                ResetRules.cooldowns(config.guards()),
                config.guards().staleDeviceAfter(),
                config.passcode(),
                recipients),
            canceled);
    this.pauses = new Pauses<>(d.maxInFlightPerPartition());
    this.brake = new BrakeFollower(gate);
    DispatchGauges.register(metrics, gate, tasks.inFlightCount());
  }

  /** Device reads for other stages, under this stage's read budget and breaker. */
  public SharedReads reads() {
    return new SharedReads(jobs.calls());
  }

  /** The executors Graph calls run on; the stage's shell stops them after the stage. */
  public List<ExecutorService> executors() {
    return List.of(scheduler, http);
  }

  @Override
  public void opened(StageConsumer consumer) {
    this.consumer = consumer;
    String instance = config.kafka().instanceId();
    cancels.open(clients, config.kafka().cancellationsTopic(), instance + "-dispatch-cancels");
    if (config.guards().brakeEnabled()) {
      brake.open(clients, config.guards().brakeTopic(), instance + "-dispatch-brake");
    }
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records, Emitter out) {
    cancels.poll(tasks);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      start(new TopicPartition(record.topic(), record.partition()), record);
    }
    pauses.inFlight(tasks.inFlightPerPartition());
    applyCircuit();
    brake.poll();
    syncPauses();
    tasks.collect();
    publish(out);
    cancels.publish(out, tasks);
  }

  /**
   * While the breaker is open nothing can reach Graph, so no task is taken: none burns retries or
   * fails during the outage.
   */
  private void applyCircuit() {
    boolean open = gate.circuitOpen();
    if (open && !circuitOpen) {
      log.warn("Graph circuit open: pausing device-task consumption");
    } else if (!open && circuitOpen) {
      log.info("Graph circuit {}: resuming device-task consumption", gate.circuitState());
    }
    circuitOpen = open;
  }

  private void syncPauses() {
    Set<TopicPartition> assignment = consumer.assignment();
    Set<TopicPartition> wanted = stopping ? assignment : pauses.wanted(assignment, circuitOpen);
    Set<TopicPartition> current = consumer.paused();
    List<TopicPartition> toPause = new ArrayList<>(wanted);
    toPause.removeAll(current);
    List<TopicPartition> toResume = new ArrayList<>(current);
    toResume.removeAll(wanted);
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
  }

  private boolean isBulk(TopicPartition tp) {
    return tp.topic().equals(config.kafka().deviceTasksTopic());
  }

  /** This replica's share of all task partitions sets its share of the Graph budget. */
  private void updateShare() {
    int total =
        consumer.partitionCount(config.kafka().deviceTasksTopic())
            + consumer.partitionCount(config.kafka().interactiveTasksTopic());
    int owned = tasks.ownedCount();
    double share = total == 0 ? 1.0 : (double) owned / total;
    gate.share(share);
    assignmentSummary =
        owned == 0
            ? "idle: no task partitions (more replicas than partitions)"
            : owned + " of " + total + " task partitions";
    log.info("dispatch owns {} of {} task partitions; budget share {}", owned, total, share);
  }

  /**
   * The task partitions this replica owns, or null before it first joined the group. Read from the
   * ops thread, hence the volatile snapshot.
   */
  public String assignment() {
    return assignmentSummary;
  }

  /** True while the Graph circuit breaker is open. */
  public boolean circuitOpen() {
    return gate.circuitOpen();
  }

  /** Circuit breaker state, for readiness: closed, open, half_open. */
  public String circuitState() {
    return gate.circuitState().name().toLowerCase(Locale.ROOT);
  }

  private void start(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
    long offset = record.offset();
    Consumer<JobResult> done = tasks.completer(tp, offset);
    TaskJob job;
    try {
      job =
          TaskKinds.job(
              kind(record), record.value(), jobs, () -> tasks.inherited(tp, offset), done);
    } catch (RuntimeException e) {
      // Only the worker writes this topic; an unreadable record is a bug or a foreign writer.
      // Skipping it keeps the partition moving; it is logged for the operator.
      log.error(
          "unreadable device task at {}-{}@{}", record.topic(), record.partition(), offset, e);
      tasks.skip(tp, offset);
      return;
    }
    tasks.track(tp, offset, job);
    job.start();
  }

  private static String kind(ConsumerRecord<byte[], byte[]> record) {
    Header h = record.headers().lastHeader(DeviceTask.KIND_HEADER);
    return h == null ? DeviceTask.KIND : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * Offers every collected outcome with its offsets. They stay pending until the transaction
   * commits: the tasks are done, so an abort must not make them run again.
   */
  private void publish(Emitter out) {
    if (tasks.pendingOffsets().isEmpty()) {
      return;
    }
    publishing.clear();
    for (JobResult r : tasks.pendingResults()) {
      publishing.addAll(r.outcomes());
      r.outcomes().forEach(o -> out.send(results.record(o)));
      for (DeviceTask t : r.followUps()) {
        out.send(TaskRecords.device(TaskRecords.topicFor(config.kafka(), t.lane()), t));
      }
      if (r.expansion() != null) {
        out.send(
            TaskRecords.expanded(
                config.kafka().expansionsTopic(), r.expansion().home(), r.expansion().done()));
      }
    }
    tasks.pendingOffsets().forEach(out::commit);
    List<DeviceOutcome> committed = List.copyOf(publishing);
    out.afterCommit(
        () -> {
          for (DeviceOutcome o : committed) {
            metrics.deviceOutcome(o.status(), o.reasonCode());
            OutcomeLog.committed(o);
          }
        });
  }

  @Override
  public void committed() {
    tasks.committed();
    cancels.committed();
  }

  @Override
  public void aborted() {
    log.warn("publishing {} outcomes failed; will retry", publishing.size());
    cancels.aborted();
  }

  @Override
  public void stopping() {
    stopping = true;
  }

  /**
   * Work is left while tasks are in flight or outcomes uncommitted. Bulk writes held by a brake
   * cannot finish before it is released, so while one is engaged a stop does not wait for bulk
   * work: it is handed back uncommitted, as in a rebalance (calls already under way are awaited).
   */
  @Override
  public boolean busy() {
    tasks.collect();
    boolean onlyBrakedLeft = brake.anyEngaged() && tasks.onlyInFlightIn(this::isBulk);
    return tasks.busy() && !onlyBrakedLeft;
  }

  /**
   * Hands back partitions cleanly: jobs not in a Graph call are abandoned (the next owner starts
   * them fresh), jobs in a call are awaited so that their reset is recorded rather than redone.
   */
  @Override
  public void revoked(Collection<TopicPartition> partitions, Emitter out) {
    log.info("dispatch partitions revoked: {}", partitions);
    List<TaskJob> calling = tasks.abandon(partitions);
    tasks.awaitSettled(calling, config.graph().callTimeout().plusSeconds(2).toNanos());
    tasks.collect(partitions);
    publish(out);
    cancels.revoked(partitions);
    forget(partitions);
  }

  @Override
  public void lost(Collection<TopicPartition> partitions) {
    log.warn("dispatch partitions lost: {}", partitions);
    tasks.abandon(partitions);
    cancels.revoked(partitions);
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    tasks.forget(partitions);
    partitions.forEach(pauses::forget);
    updateShare();
  }

  @Override
  public void assigned(Collection<TopicPartition> partitions, Emitter out) {
    if (!partitions.isEmpty()) {
      // Before any task of these partitions starts: a cancel committed by now binds them.
      cancels.assigned(partitions, tasks);
      Map<TopicPartition, Long> positions = new HashMap<>();
      partitions.forEach(tp -> positions.put(tp, consumer.position(tp)));
      tasks.assigned(consumer.endOffsets(partitions), positions);
      log.info("dispatch partitions assigned: {}", partitions);
      if (circuitOpen) {
        consumer.pause(partitions);
      }
    }
    updateShare();
  }

  @Override
  public void closed() {
    tasks.clear();
    circuitOpen = false;
    stopping = false;
    brake.close(clients);
    cancels.close(clients);
  }
}
