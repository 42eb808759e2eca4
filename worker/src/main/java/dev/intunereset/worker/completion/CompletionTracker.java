package dev.intunereset.worker.completion;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.LoopRunner;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.ops.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits exactly one {@code RequestCompleted} per accepted request by reading the results topic
 * itself: all events of a request share its partition (keyed by request id), in order, so the
 * tracker can count outcomes against {@code RequestAccepted.deviceCount}.
 *
 * <p>State is rebuilt from the topic after a restart or rebalance: the committed offset is the
 * oldest open request's {@code RequestAccepted}, and completions found while replaying are held
 * back until the replay reaches the end offset seen at assignment, by which point any {@code
 * RequestCompleted} already written for them has been read. Emission and the offset move in one
 * transaction.
 */
public final class CompletionTracker implements LoopRunner.Loop {
  private static final Logger log = LoggerFactory.getLogger(CompletionTracker.class);
  private static final Duration IDLE_COMMIT_INTERVAL = Duration.ofSeconds(5);

  private static final class PartitionState {
    final Map<UUID, RequestTally> open = new HashMap<>();
    final Set<UUID> complete = new LinkedHashSet<>();
    final long replayEnd;
    long position;

    PartitionState(long replayEnd, long position) {
      this.replayEnd = replayEnd;
      this.position = position;
    }

    /** The oldest still-open request's acceptance, counting {@code closing} as closed. */
    long commitOffset(Set<UUID> closing) {
      long min = position;
      for (Map.Entry<UUID, RequestTally> e : open.entrySet()) {
        if (!closing.contains(e.getKey())) {
          min = Math.min(min, e.getValue().acceptedOffset());
        }
      }
      return min;
    }
  }

  private final WorkerConfig config;
  private final KafkaClients clients;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final ResultRecords results;
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private final AtomicInteger openRequests = new AtomicInteger();
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private Instant lastCommit = Instant.EPOCH;
  private boolean dirty;

  public CompletionTracker(
      WorkerConfig config, KafkaClients clients, Clock clock, WorkerMetrics metrics) {
    this.config = config;
    this.clients = clients;
    this.clock = clock;
    this.metrics = metrics;
    this.results = new ResultRecords(config.kafka().resultsTopic(), clock);
    metrics.gauge(
        "passcode_reset_requests_open",
        "Accepted requests whose RequestCompleted is not yet written (this replica)",
        openRequests::get);
  }

  @Override
  public String name() {
    return "completion";
  }

  @Override
  public void open() {
    String group = config.kafka().groupId() + "-completion";
    String id = config.kafka().instanceId() + "-completion";
    consumer = clients.consumer(group, id, 2000);
    producer = clients.transactionalProducer(id);
    producer.initTransactions();
    consumer.subscribe(List.of(config.kafka().resultsTopic()), new Rebalance());
  }

  @Override
  public void pollOnce(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      PartitionState state = partitions.get(tp);
      if (state == null) {
        continue;
      }
      apply(state, record);
      state.position = record.offset() + 1;
      dirty = true;
    }
    for (Map.Entry<TopicPartition, PartitionState> e : partitions.entrySet()) {
      e.getValue().position = Math.max(e.getValue().position, consumer.position(e.getKey()));
    }
    emitAndCommit();
  }

  private void apply(PartitionState state, ConsumerRecord<byte[], byte[]> record) {
    ResultEvent event;
    try {
      event = Json.read(record.value(), ResultEvent.class);
    } catch (RuntimeException e) {
      log.warn(
          "skipping unreadable result event at {}-{}@{}",
          record.topic(),
          record.partition(),
          record.offset());
      return;
    }
    if (event instanceof RequestAccepted accepted) {
      state.open.putIfAbsent(accepted.requestId(), new RequestTally(accepted, record.offset()));
    } else if (event instanceof DeviceOutcome outcome) {
      RequestTally tally = state.open.get(outcome.requestId());
      if (tally != null) {
        tally.add(outcome);
        if (tally.isComplete()) {
          state.complete.add(outcome.requestId());
        }
      }
    } else if (event instanceof RequestCompleted completed) {
      state.open.remove(completed.requestId());
      state.complete.remove(completed.requestId());
    }
  }

  private void emitAndCommit() {
    List<RequestCompleted> toEmit = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Instant now = clock.instant();
    for (Map.Entry<TopicPartition, PartitionState> e : partitions.entrySet()) {
      PartitionState state = e.getValue();
      if (state.position >= state.replayEnd) {
        for (UUID id : state.complete) {
          RequestTally tally = state.open.get(id);
          if (tally != null) {
            toEmit.add(tally.summary(now));
          }
        }
      }
    }
    boolean due = dirty && Duration.between(lastCommit, now).compareTo(IDLE_COMMIT_INTERVAL) >= 0;
    if (toEmit.isEmpty() && !due) {
      return;
    }
    Set<UUID> closing = new HashSet<>();
    toEmit.forEach(c -> closing.add(c.requestId()));
    producer.beginTransaction();
    try {
      for (RequestCompleted c : toEmit) {
        producer.send(results.record(c));
      }
      // The emitted requests count as closed: they are, once this commits.
      for (Map.Entry<TopicPartition, PartitionState> e : partitions.entrySet()) {
        offsets.put(e.getKey(), new OffsetAndMetadata(e.getValue().commitOffset(closing)));
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (RuntimeException e) {
      LoopRunner.abortAndRewind(producer, consumer, e);
      // Rewinding replays into the current state, which is safe: the tally ignores duplicates.
      return;
    }
    for (PartitionState state : partitions.values()) {
      state.open.keySet().removeAll(closing);
      state.complete.removeAll(closing);
    }
    for (RequestCompleted c : toEmit) {
      metrics.requestCompleted(c.status(), Duration.between(c.acceptedAt(), c.completedAt()));
      log.info(
          "request {} completed: {} ({} succeeded, {} failed, {} skipped, {} timed out)",
          c.requestId(),
          c.status(),
          c.counts().succeeded(),
          c.counts().failed(),
          c.counts().skipped(),
          c.counts().timedOut());
    }
    lastCommit = now;
    dirty = false;
    openRequests.set(partitions.values().stream().mapToInt(s -> s.open.size()).sum());
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      revoked.forEach(partitions::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      if (assigned.isEmpty()) {
        return;
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
      for (TopicPartition tp : assigned) {
        partitions.put(tp, new PartitionState(ends.getOrDefault(tp, 0L), consumer.position(tp)));
      }
    }
  }

  @Override
  public void wakeup() {
    if (consumer != null) {
      consumer.wakeup();
    }
  }

  @Override
  public void close() {
    partitions.clear();
    clients.close(consumer);
    clients.close(producer);
  }
}
