package dev.intunereset.worker.guard;

import dev.intunereset.contracts.CloudEventHeaders;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.EventTypes;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one replica that keeps the fleet brake: it reads every committed outcome of the deployment
 * from the results topic (all partitions, no group) to count resets fleet-wide, and decides
 * engagements and releases through {@link FleetBrake}. Whoever owns the requests partition of
 * {@link dev.intunereset.contracts.BrakeRelease#KAFKA_KEY} is the keeper, so releases and
 * engagements are serialized by one writer and fenced like its other transactions.
 */
public final class BrakeKeeper {
  private static final Logger log = LoggerFactory.getLogger(BrakeKeeper.class);

  private final KafkaClients clients;
  private final KafkaConsumer<byte[], byte[]> results;
  private final FleetBrake brake;
  private final long releasesPosition;

  private BrakeKeeper(
      KafkaClients clients,
      KafkaConsumer<byte[], byte[]> results,
      FleetBrake brake,
      long releasesPosition) {
    this.clients = clients;
    this.results = results;
    this.brake = brake;
    this.releasesPosition = releasesPosition;
  }

  /**
   * Reads the brake's state, then positions a reader of every results partition at the start of the
   * counting window (or the last release, if later).
   */
  public static BrakeKeeper start(
      KafkaClients clients,
      GuardSettings guards,
      String resultsTopic,
      String clientIdPrefix,
      Clock clock) {
    BrakeTopic topic = BrakeTopic.open(clients, guards.brakeTopic(), clientIdPrefix + "-brake");
    BrakeState state = topic.state();
    long releasesPosition = topic.releasesPosition();
    topic.close(clients);
    FleetBrake brake =
        new FleetBrake(guards.brakeMaxResets(), guards.brakeWindow(), state, UUID::randomUUID);
    KafkaConsumer<byte[], byte[]> results =
        clients.consumer(null, clientIdPrefix + "-resets", 2000);
    try {
      List<TopicPartition> tps =
          results.partitionsFor(resultsTopic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      results.assign(tps);
      long from = brake.countStart(clock.instant()).toEpochMilli();
      Map<TopicPartition, Long> query = new HashMap<>();
      tps.forEach(tp -> query.put(tp, from));
      Map<TopicPartition, OffsetAndTimestamp> offsets = results.offsetsForTimes(query);
      Map<TopicPartition, Long> ends = results.endOffsets(tps);
      for (TopicPartition tp : tps) {
        OffsetAndTimestamp o = offsets.get(tp);
        results.seek(tp, o == null ? ends.get(tp) : o.offset());
      }
      log.info(
          "keeping the fleet brake ({}): counting resets since {}",
          brake.state().engaged() ? "engaged, " + brake.state().brakeId() : "released",
          brake.countStart(clock.instant()));
      return new BrakeKeeper(clients, results, brake, releasesPosition);
    } catch (RuntimeException e) {
      clients.close(results);
      throw e;
    }
  }

  /** Counts the outcomes committed since the last call; never blocks. */
  public void poll() {
    for (ConsumerRecord<byte[], byte[]> r : results.poll(Duration.ZERO)) {
      // Routed by header: only device outcomes are parsed, and only their reason matters.
      Header type = r.headers().lastHeader(CloudEventHeaders.TYPE);
      if (type == null
          || r.value() == null
          || !EventTypes.DEVICE_OUTCOME.equals(new String(type.value(), StandardCharsets.UTF_8))) {
        continue;
      }
      try {
        brake.observe(Json.read(r.value(), DeviceOutcome.class));
      } catch (RuntimeException e) {
        log.warn("uncountable outcome at {}-{}@{}", r.topic(), r.partition(), r.offset());
      }
    }
  }

  /** Where the last keeper stopped acting on releases, or -1 when none was recorded. */
  long releasesPosition() {
    return releasesPosition;
  }

  public FleetBrake brake() {
    return brake;
  }

  public Instant countStart(Instant now) {
    return brake.countStart(now);
  }

  public void close() {
    clients.close(results);
  }
}
