package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.guard.BrakeTopic;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageConsumer;
import dev.intunereset.worker.ops.WorkerMetrics;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.TaskRecords;
import dev.intunereset.worker.task.ValidationTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  private static final long SETTLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private record Completion(PartitionLedger ledger, long offset, JobResult result) {}

  private final WorkerConfig config;
  private final KafkaClients clients;
  private final WorkerMetrics metrics;
  private final ResultRecords results;
  private final JobContext jobs;
  private final BudgetGate gate;
  private final PlatformPolicy policy;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService http;
  private final Pauses<TopicPartition> pauses;
  private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
  private final Set<TopicPartition> owned = new HashSet<>();
  // Per partition: offsets below this were already in the log when we took the partition over,
  // so a previous owner may have attempted them (crash between Graph call and commit).
  private final Map<TopicPartition, Long> inheritedBefore = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  // Done but not yet committed, per partition; offered again after an aborted transaction.
  private final Map<TopicPartition, List<JobResult>> unpublished = new HashMap<>();
  private final Map<TopicPartition, Long> uncommitted = new HashMap<>();
  private final List<DeviceOutcome> publishing = new ArrayList<>();
  private boolean pausedForOutage;
  private boolean pausedForBrake;
  private boolean stopping;
  private BrakeTopic brake;
  private StageConsumer consumer;
  private volatile String assignmentSummary;

  public DispatchStage(
      WorkerConfig config,
      KafkaClients clients,
      GraphGateway graph,
      GraphHealth health,
      Clock clock,
      WorkerMetrics metrics,
      PasscodeRecipients recipients) {
    this.config = config;
    this.clients = clients;
    this.metrics = metrics;
    this.results = new ResultRecords(config.kafka().resultsTopic(), clock);
    var d = config.dispatch();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(named("dispatch-scheduler"));
    this.http = Executors.newFixedThreadPool(d.concurrency(), named("graph-http"));
    this.gate = new BudgetGate(d, scheduler, http, System::nanoTime);
    Backoff backoff = new Backoff(d.retryBaseDelay(), d.retryMaxDelay(), new Random());
    this.jobs =
        new JobContext(
            graph,
            gate,
            scheduler,
            backoff,
            d.maxAttempts(),
            clock,
            metrics,
            health,
            d.reconcileClockSkew(),
            config.guards().cooldown(),
            config.passcode(),
            recipients);
    this.policy = new PlatformPolicy(config.requests().allowedPlatforms());
    this.pauses = new Pauses<>(d.maxInFlightPerPartition(), this::isBulk);
    DispatchGauges.register(metrics, gate, inFlight);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The executors Graph calls run on; the stage's shell stops them after the stage. */
  public List<ExecutorService> executors() {
    return List.of(scheduler, http);
  }

  @Override
  public void opened(StageConsumer consumer) {
    this.consumer = consumer;
    if (config.guards().brakeEnabled()) {
      String id = config.kafka().instanceId() + "-dispatch";
      brake = BrakeTopic.open(clients, config.guards().brakeTopic(), id + "-brake");
      // Before the first poll: a restarted replica must not start bulk work the brake holds.
      gate.brake(brake.state().engaged());
    }
    pausedForBrake = gate.braked();
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records, Emitter out) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      start(ledgers.computeIfAbsent(tp, k -> new PartitionLedger()), record);
    }
    Map<TopicPartition, Integer> counts = new HashMap<>();
    ledgers.forEach((tp, ledger) -> counts.put(tp, ledger.inFlight()));
    pauses.inFlight(counts);
    applyCircuit();
    applyBrake();
    syncPauses();
    drainCompletions();
    ledgers.forEach(this::collect);
    publish(out);
  }

  /**
   * While the fleet brake is engaged no bulk reset starts: bulk partitions are paused and bulk
   * writes already queued wait in the gate. Their tasks stay uncommitted, so nothing fails and
   * nothing is lost; a task whose deadline passes meanwhile ends TIMED_OUT as usual. Interactive
   * work is not braked: a one-device ticket cannot be a runaway, and the helpdesk must keep
   * working.
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

  /**
   * While the breaker is open nothing can reach Graph, so no task is taken: none burns retries or
   * fails during the outage.
   */
  private void applyCircuit() {
    boolean open = gate.circuitOpen();
    if (open && !pausedForOutage) {
      log.warn("Graph circuit open: pausing device-task consumption");
    } else if (!open && pausedForOutage) {
      log.info("Graph circuit {}: resuming device-task consumption", gate.circuitState());
    }
    pausedForOutage = open;
  }

  private void syncPauses() {
    Set<TopicPartition> assignment = consumer.assignment();
    Set<TopicPartition> wanted =
        stopping ? assignment : pauses.wanted(assignment, pausedForOutage, pausedForBrake);
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

  /** True while the Graph circuit breaker is open. */
  public boolean circuitOpen() {
    return gate.circuitOpen();
  }

  /** Circuit breaker state, for readiness: closed, open, half_open. */
  public String circuitState() {
    return gate.circuitState().name().toLowerCase(java.util.Locale.ROOT);
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

  private void drainCompletions() {
    Completion c;
    while ((c = completions.poll()) != null) {
      c.ledger().complete(c.offset(), c.result());
    }
  }

  private void collect(TopicPartition tp, PartitionLedger ledger) {
    PartitionLedger.Committable c = ledger.takeCommittable();
    if (c != null) {
      inFlight.addAndGet(-c.entries());
      unpublished.computeIfAbsent(tp, k -> new ArrayList<>()).addAll(c.results());
      uncommitted.put(tp, c.nextOffset());
    }
  }

  /**
   * Offers every collected outcome with its offsets. They stay pending until the transaction
   * commits: the tasks are done, so an abort must not make them run again.
   */
  private void publish(Emitter out) {
    if (uncommitted.isEmpty()) {
      return;
    }
    publishing.clear();
    for (List<JobResult> done : unpublished.values()) {
      for (JobResult r : done) {
        publishing.addAll(r.outcomes());
        r.outcomes().forEach(o -> out.send(results.record(o)));
        for (DeviceTask t : r.followUps()) {
          out.send(TaskRecords.device(TaskRecords.topicFor(config.kafka(), t.lane()), t));
        }
      }
    }
    uncommitted.forEach(out::commit);
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
    unpublished.clear();
    uncommitted.clear();
  }

  @Override
  public void aborted() {
    log.warn("publishing {} outcomes failed; will retry", publishing.size());
  }

  @Override
  public void stopping() {
    stopping = true;
  }

  @Override
  public boolean busy() {
    drainCompletions();
    ledgers.forEach(this::collect);
    return (inFlight.get() > 0 || !uncommitted.isEmpty()) && !onlyBrakedWorkLeft();
  }

  /**
   * Bulk writes held by the brake cannot finish before it is released, so a stop does not wait for
   * them: they are handed back uncommitted (calls already under way are still awaited).
   */
  private boolean onlyBrakedWorkLeft() {
    if (!pausedForBrake || !uncommitted.isEmpty()) {
      return false;
    }
    return ledgers.entrySet().stream()
        .allMatch(e -> isBulk(e.getKey()) || e.getValue().inFlight() == 0);
  }

  /**
   * Hands back partitions cleanly: jobs not in a Graph call are abandoned (the next owner starts
   * them fresh), jobs in a call are awaited so that their reset is recorded rather than redone.
   */
  @Override
  public void revoked(Collection<TopicPartition> partitions, Emitter out) {
    log.info("dispatch partitions revoked: {}", partitions);
    List<TaskJob> calling = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      PartitionLedger ledger = ledgers.get(tp);
      if (ledger != null) {
        calling.addAll(ledger.abandonAll());
      }
    }
    awaitSettled(calling);
    for (TopicPartition tp : partitions) {
      PartitionLedger ledger = ledgers.get(tp);
      if (ledger != null) {
        collect(tp, ledger);
      }
    }
    publish(out);
    forget(partitions);
  }

  /** Waits, within a call's timeout, for the completions of jobs that are inside a Graph call. */
  private void awaitSettled(List<TaskJob> calling) {
    long deadline = System.nanoTime() + config.graph().callTimeout().plusSeconds(2).toNanos();
    try {
      while (calling.stream().anyMatch(j -> !j.isSettled())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        // Woken by each completion; the cap re-checks jobs that settle without one.
        Completion c = completions.poll(Math.min(left, SETTLE_CHECK_NANOS), TimeUnit.NANOSECONDS);
        if (c != null) {
          c.ledger().complete(c.offset(), c.result());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainCompletions();
  }

  @Override
  public void lost(Collection<TopicPartition> partitions) {
    log.warn("dispatch partitions lost: {}", partitions);
    for (TopicPartition tp : partitions) {
      PartitionLedger ledger = ledgers.get(tp);
      if (ledger != null) {
        ledger.abandonAll();
      }
    }
    drainCompletions();
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    owned.removeAll(partitions);
    for (TopicPartition tp : partitions) {
      inheritedBefore.remove(tp);
      PartitionLedger ledger = ledgers.remove(tp);
      pauses.forget(tp);
      if (ledger != null) {
        inFlight.addAndGet(-ledger.inFlight());
      }
      uncommitted.remove(tp);
      unpublished.remove(tp);
    }
    updateShare();
  }

  @Override
  public void assigned(Collection<TopicPartition> partitions, Emitter out) {
    owned.addAll(partitions);
    if (!partitions.isEmpty()) {
      inheritedBefore.putAll(consumer.endOffsets(partitions));
      log.info("dispatch partitions assigned: {}", partitions);
      List<TopicPartition> hold =
          partitions.stream()
              .filter(tp -> pauses.holdsNew(tp, pausedForOutage, pausedForBrake))
              .toList();
      if (!hold.isEmpty()) {
        consumer.pause(hold);
      }
    }
    updateShare();
  }

  @Override
  public void closed() {
    for (PartitionLedger ledger : ledgers.values()) {
      ledger.abandonAll();
    }
    ledgers.clear();
    owned.clear();
    inheritedBefore.clear();
    pausedForOutage = false;
    stopping = false;
    unpublished.clear();
    uncommitted.clear();
    completions.clear();
    inFlight.set(0);
    if (brake != null) {
      brake.close(clients);
      brake = null;
    }
  }
}
