package dev.intunereset.worker.settlement;

import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.worker.config.WorkerConfig.SettlementSettings;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageConsumer;
import dev.intunereset.worker.messaging.TraceHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every device whose reset Graph accepted until the action is final on the device ({@link
 * Settlements} decides), reading devices through {@link DeviceReads} off the poll thread, and
 * writes each {@link DeviceSettled} and {@link RequestSettled} with the offsets they account for.
 */
public final class SettlementStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(SettlementStage.class);
  private static final Duration IDLE_COMMIT_INTERVAL = Duration.ofSeconds(5);
  private static final Duration GAUGE_INTERVAL = Duration.ofSeconds(1);

  /** How long one read may retry (429s, 5xx) before the device waits for its next turn. */
  private static final Duration READ_PATIENCE = Duration.ofMinutes(2);

  /** Reads queued at the gate at once: enough to use the budget, few enough to stay current. */
  private static final int MAX_READS = 32;

  /** A read that came back, for the poll thread; {@code generation} drops a stale one. */
  private record Read(
      int generation,
      int partition,
      Follow follow,
      Instant startedAt,
      GraphCallResult last,
      ManagedDeviceInfo device) {}

  private final String resultsTopic;
  private final SettlementSettings settings;
  private final Duration clockSkew;
  private final DeviceReads reads;
  private final Clock clock;
  private final SettlementMetrics metrics;
  private final ResultRecords results;
  private final CheckSchedule schedule;
  private final Queue<Read> done = new ConcurrentLinkedQueue<>();
  private final Map<Integer, List<ResultEvent>> outbox = new HashMap<>();
  private Settlements settlements;
  private StageConsumer consumer;
  private int generation;
  private int reading;
  private Instant lastCommit = Instant.EPOCH;
  private Instant lastGauges = Instant.EPOCH;
  private boolean dirty;

  /**
   * @param clockSkew how far Graph's clock may be behind ours (RECONCILE_CLOCK_SKEW)
   */
  public SettlementStage(
      String resultsTopic,
      SettlementSettings settings,
      Duration clockSkew,
      DeviceReads reads,
      Clock clock,
      SettlementMetrics metrics) {
    this.resultsTopic = resultsTopic;
    this.settings = settings;
    this.clockSkew = clockSkew;
    this.reads = reads;
    this.clock = clock;
    this.metrics = metrics;
    this.results = new ResultRecords(resultsTopic, clock);
    this.schedule = new CheckSchedule(settings.firstCheck(), settings.maxCheckInterval());
    this.settlements = fresh();
  }

  private Settlements fresh() {
    return new Settlements(settings.timeout(), clockSkew, schedule);
  }

  @Override
  public void opened(StageConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public void assigned(Collection<TopicPartition> partitions, Emitter out) {
    consumer.replay(partitions, settlements::assigned);
  }

  @Override
  public void revoked(Collection<TopicPartition> partitions, Emitter out) {
    lost(partitions);
  }

  @Override
  public void lost(Collection<TopicPartition> partitions) {
    // What was decided for them and not written is decided again by their next owner.
    for (TopicPartition tp : partitions) {
      settlements.revoked(tp.partition());
      outbox.remove(tp.partition());
    }
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records, Emitter out) {
    Instant now = clock.instant();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      settlements.apply(
          record.partition(),
          record.offset(),
          ResultRecords.read(record),
          TraceHeaders.traceparent(record.headers()),
          now);
      dirty = true;
    }
    for (TopicPartition tp : consumer.assignment()) {
      settlements.readUpTo(tp.partition(), consumer.position(tp));
    }
    collectReads(now);
    startReads(now);
    settlements.requestsDue(now).forEach((p, due) -> outbox(p).addAll(due));
    updateGauges(now);
    boolean commitDue =
        dirty && Duration.between(lastCommit, now).compareTo(IDLE_COMMIT_INTERVAL) >= 0;
    if (outbox.isEmpty() && !commitDue) {
      return;
    }
    List<ResultEvent> sent = new ArrayList<>();
    outbox.forEach(
        (partition, events) -> {
          for (ResultEvent event : events) {
            out.send(results.record(event, settlements.traceparent(partition, event.requestId())));
            sent.add(event);
          }
        });
    settlements
        .commitOffsets()
        .forEach((p, offset) -> out.commit(new TopicPartition(resultsTopic, p), offset));
    out.afterCommit(
        () -> {
          outbox.clear();
          sent.forEach(this::report);
          lastCommit = now;
          dirty = false;
        });
  }

  private List<ResultEvent> outbox(int partition) {
    return outbox.computeIfAbsent(partition, p -> new ArrayList<>());
  }

  private void collectReads(Instant now) {
    for (Read r = done.poll(); r != null; r = done.poll()) {
      if (r.generation() != generation) {
        continue;
      }
      reading--;
      if (!settlements.follows(r.partition(), r.follow())) {
        continue;
      }
      DeviceSettled settled = r.follow().read(r.last(), r.device(), r.startedAt(), now, schedule);
      metrics.read(r.last(), r.device(), settled);
      if (settled != null) {
        outbox(r.partition()).add(settled);
      }
    }
  }

  private void startReads(Instant now) {
    int gen = generation;
    for (Map.Entry<Integer, Follow> due : settlements.dueReads(now, MAX_READS - reading)) {
      reading++;
      int partition = due.getKey();
      Follow follow = due.getValue();
      reads.read(
          follow.deviceId(),
          settlements.traceparent(partition, follow.requestId()),
          now.plus(READ_PATIENCE),
          (last, device) -> done.add(new Read(gen, partition, follow, now, last, device)));
    }
  }

  private void updateGauges(Instant now) {
    if (Duration.between(lastGauges, now).compareTo(GAUGE_INTERVAL) >= 0) {
      lastGauges = now;
      metrics.pending(settlements.pending(), settlements.oldestPending().orElse(null), now);
    }
  }

  private void report(ResultEvent event) {
    if (event instanceof DeviceSettled d) {
      metrics.settled(d.state());
      log.info(
          "device {} of request {} settled {}: {}",
          d.deviceId(),
          d.requestId(),
          d.state(),
          d.message());
    } else if (event instanceof RequestSettled r) {
      log.info("request {} settled: {}", r.requestId(), r.counts());
    }
  }

  @Override
  public void closed() {
    // Reads still out belong to the old state: their answers are dropped.
    generation++;
    reading = 0;
    done.clear();
    outbox.clear();
    settlements = fresh();
  }
}
