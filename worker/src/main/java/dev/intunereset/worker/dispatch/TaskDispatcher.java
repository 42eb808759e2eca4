package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.guard.BrakeTopic;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.LoopRunner;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.TaskRecords;
import dev.intunereset.worker.task.ValidationTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes device tasks and runs them through {@link DeviceResetJob}s without ever blocking the
 * poll loop on HTTP. Outcomes are published in a Kafka transaction together with the offsets of the
 * contiguous completed tasks they account for, so a read_committed consumer sees each outcome
 * exactly once and a restarted worker redoes exactly the uncommitted tasks.
 */
public final class TaskDispatcher implements LoopRunner.Loop {
  private static final Logger log = LoggerFactory.getLogger(TaskDispatcher.class);

  private record Completion(PartitionLedger ledger, long offset, JobResult result) {}

  private final WorkerConfig config;
  private final KafkaClients clients;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final ResultRecords results;
  private final JobContext jobs;
  private final BudgetGate gate;
  private final PlatformPolicy policy;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService http;
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
  private final Set<TopicPartition> paused = new HashSet<>();
  private final Set<TopicPartition> owned = new HashSet<>();
  // Per partition: offsets below this were already in the log when we took the partition over,
  // so a previous owner may have attempted them (crash between Graph call and commit).
  private final Map<TopicPartition, Long> inheritedBefore = new HashMap<>();
  private boolean pausedForOutage;
  private boolean pausedForBrake;
  private BrakeTopic brake;
  private volatile String assignmentSummary;
  private final AtomicInteger inFlight = new AtomicInteger();
  // Done but not yet committed, per partition, so a revoked partition's share can be dropped.
  private final Map<TopicPartition, List<JobResult>> unpublished = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;

  public TaskDispatcher(
      WorkerConfig config,
      KafkaClients clients,
      GraphGateway graph,
      GraphHealth health,
      Clock clock,
      WorkerMetrics metrics,
      PasscodeRecipients recipients) {
    this.config = config;
    this.clients = clients;
    this.clock = clock;
    this.metrics = metrics;
    this.results = new ResultRecords(config.kafka().resultsTopic(), clock);
    var d = config.dispatch();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(named("dispatch-scheduler"));
    this.http = Executors.newFixedThreadPool(d.concurrency(), named("graph-http"));
    this.gate = new BudgetGate(d, scheduler, http, System::nanoTime);
    Backoff backoff = new Backoff(d.retryBaseDelay(), d.retryMaxDelay(), new Random());
    this.jobs =
        new JobContext(
            new GraphCalls(
                graph,
                gate,
                scheduler,
                backoff,
                d.maxAttempts(),
                clock,
                System::nanoTime,
                health,
                metrics),
            new ResetRules(
                d.reconcileClockSkew(), config.guards().cooldown(), config.passcode(), recipients));
    this.policy = new PlatformPolicy(config.requests().allowedPlatforms());
    metrics.gauge(
        "passcode_reset_graph_budget_factor",
        "Share of the configured Graph budget in force: replica share x adaptive slow-down",
        gate::budgetFactor);
    metrics.gauge(
        "passcode_reset_graph_circuit_open",
        "1 while the Graph circuit breaker is open and task consumption is paused",
        () -> gate.circuitOpen() ? 1 : 0);
    metrics.gauge(
        "passcode_reset_fleet_brake_engaged",
        "1 while the fleet brake holds bulk resets, as this replica sees it",
        () -> gate.braked() ? 1 : 0);
    metrics.gauge(
        "passcode_reset_tasks_in_flight",
        "Device tasks taken from Kafka and not yet committed",
        inFlight::get);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String name() {
    return "dispatch";
  }

  @Override
  public void open() {
    String group = config.kafka().groupId() + "-dispatch";
    String id = config.kafka().instanceId() + "-dispatch";
    consumer = clients.consumer(group, id, 500);
    producer = clients.transactionalProducer(id);
    producer.initTransactions();
    if (config.guards().brakeEnabled()) {
      brake = BrakeTopic.open(clients, config.guards().brakeTopic(), id + "-brake");
      // Before the first poll: a restarted replica must not start bulk work the brake holds.
      gate.brake(brake.state().engaged());
    }
    pausedForBrake = gate.braked();
    consumer.subscribe(
        List.of(config.kafka().deviceTasksTopic(), config.kafka().interactiveTasksTopic()),
        new Rebalance());
  }

  @Override
  public void pollOnce(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      PartitionLedger ledger = ledgers.computeIfAbsent(tp, k -> new PartitionLedger());
      start(ledger, record);
    }
    applyBackpressure();
    applyCircuit();
    applyBrake();
    syncPauses();
    drainCompletions();
    commit();
  }

  /**
   * While the fleet brake is engaged no bulk reset starts: bulk partitions are paused (polling goes
   * on, so the group never times out) and bulk writes already queued wait in the gate. Their tasks
   * stay uncommitted, so nothing fails and nothing is lost; a task whose deadline passes meanwhile
   * ends TIMED_OUT as usual. Interactive work is not braked: a one-device ticket cannot be a
   * runaway, and the helpdesk must keep working.
   */
  private void applyBrake() {
    boolean engaged = brake != null && brake.poll().engaged();
    if (engaged != pausedForBrake) {
      pausedForBrake = engaged;
      gate.brake(engaged);
      if (engaged) {
        log.warn(
            "fleet brake {} engaged: holding bulk resets until an operator releases it",
            brake.state().brakeId());
      } else {
        log.info("fleet brake released: resuming bulk resets");
      }
    }
  }

  /** Pauses exactly the partitions that backpressure, an outage or the brake hold back. */
  private void syncPauses() {
    Set<TopicPartition> assignment = consumer.assignment();
    Set<TopicPartition> wanted = new HashSet<>(paused);
    for (TopicPartition tp : assignment) {
      if (pausedForOutage || (pausedForBrake && isBulk(tp))) {
        wanted.add(tp);
      }
    }
    wanted.retainAll(assignment);
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

  /**
   * While the breaker is open nothing can reach Graph, so stop taking tasks: polling continues (the
   * consumer stays in its group) but paused partitions return nothing, and no task burns retries or
   * fails during the outage.
   */
  private void applyCircuit() {
    boolean open = gate.circuitOpen();
    if (open && !pausedForOutage) {
      log.warn("Graph circuit open: pausing device-task consumption");
      pausedForOutage = true;
    } else if (!open && pausedForOutage) {
      log.info("Graph circuit {}: resuming device-task consumption", gate.circuitState());
      pausedForOutage = false;
    }
  }

  /** This replica's share of all task partitions sets its share of the Graph budget. */
  private void updateShare() {
    int total =
        consumer.partitionsFor(config.kafka().deviceTasksTopic()).size()
            + consumer.partitionsFor(config.kafka().interactiveTasksTopic()).size();
    double share = total == 0 ? 1.0 : (double) owned.size() / total;
    gate.share(share);
    assignmentSummary =
        owned.isEmpty()
            ? "idle: no task partitions (more replicas than partitions)"
            : owned.size() + " of " + total + " task partitions";
    log.info("dispatch owns {} of {} task partitions; budget share {}", owned.size(), total, share);
  }

  /**
   * The task partitions this replica owns, or null before it first joined the group. Read from the
   * ops thread, hence the volatile snapshot.
   */
  public String assignment() {
    return assignmentSummary;
  }

  /** Circuit breaker state, for readiness: CLOSED, OPEN, HALF_OPEN. */
  public String circuitState() {
    return gate.circuitState().name();
  }

  private void start(PartitionLedger ledger, ConsumerRecord<byte[], byte[]> record) {
    long offset = record.offset();
    Consumer<JobResult> done = result -> completions.add(new Completion(ledger, offset, result));
    TaskJob job;
    try {
      job =
          ValidationTask.KIND.equals(kind(record))
              ? new ValidationJob(
                  Json.read(record.value(), ValidationTask.class), jobs, policy, done)
              : new DeviceResetJob(
                  Json.read(record.value(), DeviceTask.class),
                  jobs,
                  policy,
                  offset < inheritedBefore.getOrDefault(tp(record), 0L),
                  done);
    } catch (RuntimeException e) {
      // Only the worker writes this topic; an unreadable record is a bug or a foreign writer.
      // Skipping it keeps the partition moving; it is logged for the operator.
      log.error(
          "unreadable device task at {}-{}@{}", record.topic(), record.partition(), offset, e);
      inFlight.incrementAndGet();
      ledger.skip(offset);
      return;
    }
    inFlight.incrementAndGet();
    ledger.track(offset, job);
    job.start();
  }

  private static TopicPartition tp(ConsumerRecord<byte[], byte[]> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  private static String kind(ConsumerRecord<byte[], byte[]> record) {
    Header h = record.headers().lastHeader(DeviceTask.KIND_HEADER);
    return h == null ? DeviceTask.KIND : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Marks partitions with too many uncommitted tasks; {@link #syncPauses} applies it. */
  private void applyBackpressure() {
    int max = config.dispatch().maxInFlightPerPartition();
    for (Map.Entry<TopicPartition, PartitionLedger> e : ledgers.entrySet()) {
      int n = e.getValue().inFlight();
      if (n >= max) {
        paused.add(e.getKey());
      } else if (n <= max / 2) {
        paused.remove(e.getKey());
      }
    }
  }

  private void drainCompletions() {
    Completion c;
    while ((c = completions.poll()) != null) {
      c.ledger().complete(c.offset(), c.result());
    }
  }

  private void commit() {
    for (Map.Entry<TopicPartition, PartitionLedger> e : ledgers.entrySet()) {
      collect(e.getKey(), e.getValue());
    }
    publishPending();
  }

  private void collect(TopicPartition tp, PartitionLedger ledger) {
    PartitionLedger.Committable c = ledger.takeCommittable();
    if (c != null) {
      inFlight.addAndGet(-c.entries());
      unpublished.computeIfAbsent(tp, k -> new ArrayList<>()).addAll(c.results());
      uncommitted.put(tp, new OffsetAndMetadata(c.nextOffset()));
    }
  }

  /**
   * Publishes collected outcomes with their offsets. On an abortable failure both stay pending and
   * the next loop tries again: the tasks are done, so they must not be re-run by rewinding.
   */
  private void publishPending() {
    if (uncommitted.isEmpty()) {
      return;
    }
    List<DeviceOutcome> outcomes = new ArrayList<>();
    List<DeviceTask> followUps = new ArrayList<>();
    unpublished.values().stream()
        .flatMap(List::stream)
        .forEach(
            r -> {
              outcomes.addAll(r.outcomes());
              followUps.addAll(r.followUps());
            });
    try {
      producer.beginTransaction();
      for (DeviceOutcome o : outcomes) {
        producer.send(results.record(o));
      }
      for (DeviceTask t : followUps) {
        producer.send(TaskRecords.device(TaskRecords.topicFor(config.kafka(), t.lane()), t));
      }
      producer.sendOffsetsToTransaction(uncommitted, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (KafkaException e) {
      if (LoopRunner.isFatal(e)) {
        throw e;
      }
      log.warn("publishing {} outcomes failed; will retry", outcomes.size(), e);
      producer.abortTransaction();
      return;
    }
    for (DeviceOutcome o : outcomes) {
      metrics.deviceOutcome(o.status(), o.reasonCode());
      logOutcome(o);
    }
    unpublished.clear();
    uncommitted.clear();
  }

  /** One line per committed outcome: INFO for failures, DEBUG otherwise (mass resets are big). */
  private static void logOutcome(DeviceOutcome o) {
    boolean failed = o.status() == OutcomeStatus.FAILED || o.status() == OutcomeStatus.TIMED_OUT;
    if (!failed && !log.isDebugEnabled()) {
      return;
    }
    try (var r = MDC.putCloseable("requestId", o.requestId().toString());
        var d = MDC.putCloseable("deviceId", o.deviceId());
        var s = MDC.putCloseable("source", o.source())) {
      if (failed) {
        log.info("device {}: {} {}: {}", o.deviceId(), o.status(), o.reasonCode(), o.message());
      } else {
        log.debug("device {}: {} {}", o.deviceId(), o.status(), o.reasonCode());
      }
    }
  }

  /**
   * Hands back partitions cleanly: jobs not in a Graph call are abandoned (the next owner starts
   * them fresh), jobs in a call are awaited so that their reset is recorded rather than redone.
   */
  private void release(Collection<TopicPartition> partitions, boolean canCommit) {
    List<TaskJob> calling = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      PartitionLedger ledger = ledgers.get(tp);
      if (ledger != null) {
        calling.addAll(ledger.abandonAll());
      }
    }
    long deadline = System.nanoTime() + config.graph().callTimeout().plusSeconds(2).toNanos();
    while (canCommit
        && calling.stream().anyMatch(j -> !j.isSettled())
        && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    drainCompletions();
    if (canCommit) {
      for (TopicPartition tp : partitions) {
        PartitionLedger ledger = ledgers.get(tp);
        if (ledger != null) {
          collect(tp, ledger);
        }
      }
      publishPending();
    }
    owned.removeAll(partitions);
    partitions.forEach(inheritedBefore::remove);
    for (TopicPartition tp : partitions) {
      PartitionLedger ledger = ledgers.remove(tp);
      paused.remove(tp);
      if (ledger != null) {
        inFlight.addAndGet(-ledger.inFlight());
      }
      uncommitted.remove(tp);
      unpublished.remove(tp);
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        log.info("dispatch partitions revoked: {}", partitions);
        release(partitions, true);
        updateShare();
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      log.warn("dispatch partitions lost: {}", partitions);
      release(partitions, false);
      updateShare();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      owned.addAll(partitions);
      if (!partitions.isEmpty()) {
        inheritedBefore.putAll(consumer.endOffsets(partitions));
      }
      if (!partitions.isEmpty()) {
        log.info("dispatch partitions assigned: {}", partitions);
        List<TopicPartition> hold =
            partitions.stream()
                .filter(tp -> pausedForOutage || (pausedForBrake && isBulk(tp)))
                .toList();
        if (!hold.isEmpty()) {
          consumer.pause(hold);
        }
      }
      updateShare();
    }
  }

  @Override
  public void drain(Duration grace) {
    consumer.pause(consumer.assignment());
    long deadline = System.nanoTime() + grace.toNanos();
    while ((inFlight.get() > 0 || !uncommitted.isEmpty())
        && System.nanoTime() < deadline
        && !onlyBrakedWorkLeft()) {
      consumer.poll(Duration.ofMillis(50));
      drainCompletions();
      commit();
    }
    release(new ArrayList<>(ledgers.keySet()), true);
    log.info("dispatch drained; {} tasks left for the next owner", inFlight.get());
  }

  /**
   * Bulk writes held by the brake cannot finish before it is released, so draining does not wait
   * for them: they are handed back uncommitted (calls already under way are still awaited).
   */
  private boolean onlyBrakedWorkLeft() {
    if (!pausedForBrake || !uncommitted.isEmpty()) {
      return false;
    }
    return ledgers.entrySet().stream()
        .allMatch(e -> isBulk(e.getKey()) || e.getValue().inFlight() == 0);
  }

  @Override
  public void wakeup() {
    if (consumer != null) {
      consumer.wakeup();
    }
  }

  @Override
  public void close() {
    for (PartitionLedger ledger : ledgers.values()) {
      ledger.abandonAll();
    }
    ledgers.clear();
    paused.clear();
    owned.clear();
    inheritedBefore.clear();
    pausedForOutage = false;
    unpublished.clear();
    uncommitted.clear();
    completions.clear();
    inFlight.set(0);
    if (brake != null) {
      brake.close(clients);
      brake = null;
    }
    clients.close(consumer);
    clients.close(producer);
  }

  /** Stops the dispatcher's own threads; call after the loop has stopped. Idempotent. */
  public void shutdownExecutors() {
    scheduler.shutdownNow();
    http.shutdown();
    try {
      http.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
