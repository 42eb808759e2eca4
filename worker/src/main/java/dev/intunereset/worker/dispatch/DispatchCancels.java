package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.CancelApplied;
import dev.intunereset.worker.cancel.CancelOrder;
import dev.intunereset.worker.cancel.CancelTopic;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.ResultRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The dispatcher's side of a cancel. It reads every cancel order before it starts any task (when
 * opened, and again whenever it takes over partitions), stops the canceled request's jobs, and
 * reports each owned task partition as stopped ({@link CancelApplied}) once no write of the request
 * is under way here. The completion stage announces the cancel once every task partition was
 * reported, so that no reset of the request is sent after the announcement.
 */
final class DispatchCancels {
  private static final Logger log = LoggerFactory.getLogger(DispatchStage.class);

  private final CanceledRequests canceled;
  private final Duration inForceFor;
  private final Clock clock;
  private final ResultRecords results;
  private final CancelAcks<TopicPartition> acks = new CancelAcks<>();
  private final Map<UUID, Instant> inForce = new HashMap<>();
  private CancelTopic topic;

  /**
   * @param inForceFor how long an order is kept: past the longest request timeout, no task of its
   *     request can start anyway
   */
  DispatchCancels(
      CanceledRequests canceled, Duration inForceFor, Clock clock, ResultRecords results) {
    this.canceled = canceled;
    this.inForceFor = inForceFor;
    this.clock = clock;
    this.results = results;
  }

  /** Reads every committed order before the stage's first poll. */
  void open(KafkaClients clients, String cancellationsTopic, String clientId) {
    topic = CancelTopic.open(clients, cancellationsTopic, clientId);
    take(topic.catchUp(), null);
  }

  /** Takes in orders committed since the last call; never blocks. */
  void poll(TaskLedgers<TopicPartition> tasks) {
    take(topic.poll(), tasks);
  }

  /**
   * Reads every order committed so far before any task of {@code partitions} starts; they are then
   * reported as stopped for every order in force.
   */
  void assigned(Collection<TopicPartition> partitions, TaskLedgers<TopicPartition> tasks) {
    take(topic.catchUp(), tasks);
    acks.assigned(partitions, inForce.keySet());
  }

  void revoked(Collection<TopicPartition> partitions) {
    acks.revoked(partitions);
  }

  /**
   * Sends the reports due now. A transaction must carry offsets to be fenced if this replica has
   * lost its partitions, so partitions with nothing new recommit their last committed offset.
   */
  void publish(Emitter out, TaskLedgers<TopicPartition> tasks) {
    Map<UUID, Set<TopicPartition>> due = acks.due();
    if (due.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    due.forEach(
        (id, partitions) ->
            out.send(results.record(new CancelApplied(id, taskPartitions(partitions), now), null)));
    tasks.committedWithoutPending().forEach(out::commit);
    out.afterCommit(
        () ->
            due.forEach(
                (id, partitions) ->
                    log.info(
                        "request {} stopped in {} task partitions here", id, partitions.size())));
  }

  private static List<CancelApplied.TaskPartition> taskPartitions(Set<TopicPartition> partitions) {
    return partitions.stream()
        .map(tp -> new CancelApplied.TaskPartition(tp.topic(), tp.partition()))
        .sorted(
            java.util.Comparator.comparing(CancelApplied.TaskPartition::topic)
                .thenComparingInt(CancelApplied.TaskPartition::partition))
        .toList();
  }

  void committed() {
    acks.committed();
  }

  void aborted() {
    acks.aborted();
  }

  private void take(List<CancelOrder> orders, TaskLedgers<TopicPartition> tasks) {
    Instant now = clock.instant();
    inForce
        .entrySet()
        .removeIf(
            e -> {
              boolean over = expired(e.getValue(), now);
              if (over) {
                canceled.remove(e.getKey());
              }
              return over;
            });
    for (CancelOrder order : orders) {
      UUID id = order.requestId();
      if (expired(order.orderedAt(), now) || inForce.putIfAbsent(id, order.orderedAt()) != null) {
        continue;
      }
      canceled.add(id);
      if (tasks == null) {
        continue;
      }
      // Jobs check the set before every step towards a write; those past that point are told.
      List<TaskJob> writing = tasks.jobsOf(id).stream().filter(j -> !j.cancel()).toList();
      acks.ordered(id, tasks.owned(), writing);
      try (var r = MDC.putCloseable("requestId", id.toString())) {
        log.warn(
            "request {} canceled by {}: no reset of it starts here; awaiting {} under way",
            id,
            order.canceledBy(),
            writing.size());
      }
    }
  }

  private boolean expired(Instant orderedAt, Instant now) {
    return orderedAt.plus(inForceFor).isBefore(now);
  }

  void close(KafkaClients clients) {
    if (topic != null) {
      topic.close(clients);
      topic = null;
    }
    acks.clear();
    inForce.clear();
    canceled.clear();
  }
}
