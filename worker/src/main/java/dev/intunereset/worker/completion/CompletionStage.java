package dev.intunereset.worker.completion;

import dev.intunereset.contracts.CancelApplied.TaskPartition;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageConsumer;
import dev.intunereset.worker.messaging.TraceHeaders;
import dev.intunereset.worker.ops.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits exactly one {@code RequestCompleted} per accepted request by reading the results topic
 * itself ({@link Completions} decides); each summary and the offset move it allows commit in one
 * transaction.
 */
public final class CompletionStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(CompletionStage.class);
  private static final Duration IDLE_COMMIT_INTERVAL = Duration.ofSeconds(5);

  private final String resultsTopic;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final ResultRecords results;
  private final AtomicInteger openRequests = new AtomicInteger();
  private final List<String> taskTopics;
  private Completions completions = new Completions(Set.of());
  private StageConsumer consumer;
  private Instant lastCommit = Instant.EPOCH;
  private boolean dirty;

  /**
   * @param taskTopics the device-task topics: a cancel is in force once each of their partitions
   *     was reported stopped
   */
  public CompletionStage(
      String resultsTopic, List<String> taskTopics, Clock clock, WorkerMetrics metrics) {
    this.resultsTopic = resultsTopic;
    this.taskTopics = List.copyOf(taskTopics);
    this.clock = clock;
    this.metrics = metrics;
    this.results = new ResultRecords(resultsTopic, clock);
    metrics.gauge(
        "passcode_reset_requests_open",
        "Accepted requests whose RequestCompleted is not yet written (this replica)",
        openRequests::get);
  }

  @Override
  public void opened(StageConsumer consumer) {
    this.consumer = consumer;
    Set<TaskPartition> partitions = new HashSet<>();
    for (String topic : taskTopics) {
      for (int p = 0; p < consumer.partitionCount(topic); p++) {
        partitions.add(new TaskPartition(topic, p));
      }
    }
    completions = new Completions(partitions);
  }

  @Override
  public void assigned(Collection<TopicPartition> partitions, Emitter out) {
    consumer.replay(partitions, completions::assigned);
  }

  @Override
  public void revoked(Collection<TopicPartition> partitions, Emitter out) {
    lost(partitions);
  }

  @Override
  public void lost(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> completions.revoked(tp.partition()));
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records, Emitter out) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      completions.apply(
          record.partition(),
          record.offset(),
          ResultRecords.read(record),
          TraceHeaders.traceparent(record.headers()));
      dirty = true;
    }
    for (TopicPartition tp : consumer.assignment()) {
      completions.readUpTo(tp.partition(), consumer.position(tp));
    }
    Instant now = clock.instant();
    List<ResultEvent> announcements = completions.announcements(now);
    List<RequestCompleted> due = completions.due(now);
    boolean commitDue =
        dirty && Duration.between(lastCommit, now).compareTo(IDLE_COMMIT_INTERVAL) >= 0;
    if (announcements.isEmpty() && due.isEmpty() && !commitDue) {
      return;
    }
    Set<UUID> closing =
        due.stream()
            .map(RequestCompleted::requestId)
            .collect(Collectors.toCollection(HashSet::new));
    announcements.stream()
        .filter(CancelRefused.class::isInstance)
        .forEach(r -> closing.add(r.requestId()));
    // A cancel's announcement goes before the summary it may share this transaction with.
    announcements.forEach(a -> out.send(results.record(a, completions.traceparent(a.requestId()))));
    due.forEach(c -> out.send(results.record(c, completions.traceparent(c.requestId()))));
    // The emitted requests count as closed: they are, once this commits.
    completions
        .commitOffsets(closing)
        .forEach((p, offset) -> out.commit(new TopicPartition(resultsTopic, p), offset));
    out.afterCommit(
        () -> {
          completions.announced(announcements);
          completions.closed(closing);
          announcements.forEach(this::report);
          due.forEach(this::report);
          lastCommit = now;
          dirty = false;
          openRequests.set(completions.openRequests());
        });
  }

  private void report(ResultEvent announcement) {
    if (announcement instanceof RequestCanceled c) {
      log.warn("request {} canceled: no reset of it starts any more", c.requestId());
    } else if (announcement instanceof CancelRefused r) {
      metrics.cancel(r.refusal().name());
      log.info("cancel of request {} refused: {}", r.requestId(), r.message());
    }
  }

  private void report(RequestCompleted c) {
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

  @Override
  public void closed() {
    completions = new Completions(Set.of());
  }
}
