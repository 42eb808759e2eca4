package dev.intunereset.worker.guard;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.BrakeRelease;
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
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one replica that keeps the fleet brakes: it reads every committed outcome of the deployment
 * from the results topic (all partitions, no group) to count each action fleet-wide, and decides
 * engagements and releases through one {@link FleetBrake} per action that has a limit. Whoever owns
 * the requests partition of {@link dev.intunereset.contracts.BrakeRelease#KAFKA_KEY} is the keeper,
 * so releases and engagements are serialized by one writer and fenced like its other transactions.
 */
public final class BrakeKeeper {
  private static final Logger log = LoggerFactory.getLogger(BrakeKeeper.class);

  private final KafkaClients clients;
  private final KafkaConsumer<byte[], byte[]> results;
  private final Map<Action, FleetBrake> brakes;
  private final long releasesPosition;

  private BrakeKeeper(
      KafkaClients clients,
      KafkaConsumer<byte[], byte[]> results,
      Map<Action, FleetBrake> brakes,
      long releasesPosition) {
    this.clients = clients;
    this.results = results;
    this.brakes = brakes;
    this.releasesPosition = releasesPosition;
  }

  /**
   * Reads the brakes' state, then positions a reader of every results partition at the earliest
   * start of a counting window (each brake's window, or its last release if later).
   */
  public static BrakeKeeper start(
      KafkaClients clients,
      GuardSettings guards,
      String resultsTopic,
      String clientIdPrefix,
      Clock clock) {
    BrakeTopic topic = BrakeTopic.open(clients, guards.brakeTopic(), clientIdPrefix + "-brake");
    Map<Action, FleetBrake> brakes = new EnumMap<>(Action.class);
    for (Action action : Action.values()) {
      int max = guards.limits(action).brakeMax();
      if (max > 0) {
        brakes.put(
            action,
            new FleetBrake(
                action, max, guards.brakeWindow(), topic.state(action), UUID::randomUUID));
      }
    }
    long releasesPosition = topic.releasesPosition();
    topic.close(clients);
    KafkaConsumer<byte[], byte[]> results =
        clients.consumer(null, clientIdPrefix + "-resets", 2000);
    BrakeKeeper keeper = new BrakeKeeper(clients, results, brakes, releasesPosition);
    try {
      List<TopicPartition> tps =
          results.partitionsFor(resultsTopic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      results.assign(tps);
      long from = keeper.countStart(clock.instant()).toEpochMilli();
      Map<TopicPartition, Long> query = new HashMap<>();
      tps.forEach(tp -> query.put(tp, from));
      Map<TopicPartition, OffsetAndTimestamp> offsets = results.offsetsForTimes(query);
      Map<TopicPartition, Long> ends = results.endOffsets(tps);
      for (TopicPartition tp : tps) {
        OffsetAndTimestamp o = offsets.get(tp);
        results.seek(tp, o == null ? ends.get(tp) : o.offset());
      }
      log.info(
          "keeping the fleet brakes ({}): counting since {}",
          keeper.describe(),
          keeper.countStart(clock.instant()));
      return keeper;
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
        DeviceOutcome outcome = Json.read(r.value(), DeviceOutcome.class);
        FleetBrake brake = brakes.get(outcome.action());
        if (brake != null) {
          brake.observe(outcome);
        }
      } catch (RuntimeException e) {
        log.warn("uncountable outcome at {}-{}@{}", r.topic(), r.partition(), r.offset());
      }
    }
  }

  /** Where the last keeper stopped acting on releases, or -1 when none was recorded. */
  long releasesPosition() {
    return releasesPosition;
  }

  /** One brake per action that has a limit. */
  public Collection<FleetBrake> brakes() {
    return brakes.values();
  }

  /** The release of the brake that {@code release} names, if it is engaged; empty otherwise. */
  public Optional<FleetBrake.Change> release(BrakeRelease release, Instant now) {
    return brakes.values().stream()
        .map(b -> b.release(release, now))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** Each brake's standing, for logs and refused releases. */
  public String describe() {
    return brakes.values().stream().map(FleetBrake::describe).collect(Collectors.joining("; "));
  }

  /** Where reading must start so that every brake sees its whole window. */
  public Instant countStart(Instant now) {
    return brakes.values().stream().map(b -> b.countStart(now)).min(Instant::compareTo).orElse(now);
  }

  public void close() {
    clients.close(results);
  }
}
