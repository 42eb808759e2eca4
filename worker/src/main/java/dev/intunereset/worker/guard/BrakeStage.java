package dev.intunereset.worker.guard;

import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.control.ControlValidator;
import dev.intunereset.worker.messaging.DlqRecords;
import dev.intunereset.worker.messaging.Emitter;
import dev.intunereset.worker.messaging.KafkaClients;
import dev.intunereset.worker.messaging.Partitions;
import dev.intunereset.worker.messaging.ResultRecords;
import dev.intunereset.worker.messaging.Stage;
import dev.intunereset.worker.messaging.StageConsumer;
import dev.intunereset.worker.ops.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fleet brakes, one per action. Its input is the one-partition brake topic, read in its
 * own consumer group, so exactly one replica (the owner of that partition) is the keeper, and a
 * keeper that lost the partition is fenced like any other stage. The keeper counts the deployment's
 * committed resets from the results topic ({@link BrakeKeeper}), engages the brake through {@link
 * FleetBrake}, and acts on {@link BrakeRelease}s read from their home partition of the approvals
 * topic; how far it has acted is kept on the brake topic, written in the same transaction as each
 * decision.
 */
public final class BrakeStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(BrakeStage.class);

  private final GuardSettings guards;
  private final KafkaClients clients;
  private final String clientId;
  private final String resultsTopic;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final ResultRecords results;
  private final DlqRecords dlq;
  private final ControlValidator controls = new ControlValidator();
  private StageConsumer consumer;
  private BrakeKeeper keeper;
  private KafkaConsumer<byte[], byte[]> releases;
  private TopicPartition releasesPartition;
  // The releases offset the brake topic holds (-1: none yet), where reading began, and how far
  // this keeper has read.
  private long durablePosition;
  private long startPosition;
  private long position;

  public BrakeStage(WorkerConfig config, KafkaClients clients, Clock clock, WorkerMetrics metrics) {
    this.guards = config.guards();
    this.clients = clients;
    this.clientId = config.kafka().instanceId() + "-brake";
    this.resultsTopic = config.kafka().resultsTopic();
    this.clock = clock;
    this.metrics = metrics;
    this.results = new ResultRecords(resultsTopic, clock);
    this.dlq = new DlqRecords(config.kafka().dlqTopic(), config.requests().maxBytes());
  }

  @Override
  public void opened(StageConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public void assigned(Collection<TopicPartition> partitions, Emitter out) {
    if (keeper == null && partitions.contains(new TopicPartition(guards.brakeTopic(), 0))) {
      keeper = BrakeKeeper.start(clients, guards, resultsTopic, clientId, clock);
      followReleases();
    }
  }

  /**
   * Reads releases from where the last keeper stopped. A first keeper starts at the end (no brake
   * was ever engaged, so no release can be due) and records that in its first transaction, so a
   * release written while no keeper runs is still acted on by the next.
   */
  private void followReleases() {
    int home =
        Partitions.home(BrakeRelease.KAFKA_KEY, consumer.partitionCount(guards.approvalsTopic()));
    releasesPartition = new TopicPartition(guards.approvalsTopic(), home);
    releases = clients.consumer(null, clientId + "-releases", 100);
    releases.assign(List.of(releasesPartition));
    durablePosition = keeper.releasesPosition();
    startPosition =
        durablePosition >= 0
            ? durablePosition
            : releases.endOffsets(List.of(releasesPartition)).get(releasesPartition);
    position = startPosition;
    releases.seek(releasesPartition, position);
  }

  @Override
  public void revoked(Collection<TopicPartition> partitions, Emitter out) {
    lost(partitions);
  }

  @Override
  public void lost(Collection<TopicPartition> partitions) {
    if (keeper != null && partitions.contains(new TopicPartition(guards.brakeTopic(), 0))) {
      stopKeeping();
      log.info("no longer keeping the fleet brake");
    }
  }

  private void stopKeeping() {
    if (keeper != null) {
      keeper.close();
      keeper = null;
    }
    clients.close(releases);
    releases = null;
  }

  @Override
  public void process(ConsumerRecords<byte[], byte[]> records, Emitter out) {
    if (keeper == null) {
      return;
    }
    keeper.poll();
    Instant now = clock.instant();
    for (ConsumerRecord<byte[], byte[]> record : releases.poll(Duration.ZERO)) {
      if (controls.validate(record.value()) instanceof ControlValidator.Usable u
          && u.message() instanceof BrakeRelease release) {
        release(release, record, now, out);
      }
      position = record.offset() + 1;
    }
    if (position != durablePosition) {
      out.send(BrakeTopic.releasesPositionRecord(guards.brakeTopic(), position));
    }
    for (FleetBrake brake : keeper.brakes()) {
      brake.check(now).ifPresent(change -> write(change, out));
    }
  }

  private void release(
      BrakeRelease release, ConsumerRecord<byte[], byte[]> record, Instant now, Emitter out) {
    Optional<FleetBrake.Change> change = keeper.release(release, now);
    if (change.isPresent()) {
      write(change.get(), out);
      return;
    }
    String message = "brakeId: " + release.brakeId() + " is not engaged; " + keeper.describe();
    out.send(dlq.record(record, "BRAKE_NOT_ENGAGED", message, now));
    out.afterCommit(
        () -> {
          metrics.requestRejected("BRAKE_NOT_ENGAGED");
          log.warn(
              "dead-lettered control message {}-{}@{} (BRAKE_NOT_ENGAGED): {}",
              record.topic(),
              record.partition(),
              record.offset(),
              message);
        });
  }

  private void write(FleetBrake.Change change, Emitter out) {
    out.send(BrakeTopic.record(guards.brakeTopic(), change.action(), change.state()));
    out.send(results.record(change.event()));
    out.afterCommit(
        () -> {
          if (change.state().engaged()) {
            log.warn(
                "fleet brake {} of {} ENGAGED: {}; its bulk work is held until an operator"
                    + " releases it (see docs/operations.md)",
                change.state().brakeId(),
                change.action().graphName(),
                change.event());
          } else {
            log.warn(
                "fleet brake {} of {} released by {}",
                change.state().brakeId(),
                change.action().graphName(),
                change.state().releasedBy());
          }
        });
  }

  @Override
  public void committed() {
    if (keeper != null) {
      keeper.brakes().forEach(FleetBrake::committed);
      durablePosition = position;
    }
  }

  @Override
  public void aborted() {
    if (keeper != null) {
      keeper.brakes().forEach(FleetBrake::rolledBack);
      position = durablePosition >= 0 ? durablePosition : startPosition;
      releases.seek(releasesPartition, position);
    }
  }

  @Override
  public void closed() {
    stopKeeping();
  }
}
