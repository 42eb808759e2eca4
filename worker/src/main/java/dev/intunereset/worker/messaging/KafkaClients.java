package dev.intunereset.worker.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka client settings shared by the worker's loops: every loop consumes {@code read_committed}
 * with manual offsets and writes through its own transactional producer, so that what it reads,
 * what it writes and its offsets move together.
 */
public final class KafkaClients {
  private final String bootstrapServers;
  private final Map<String, Object> overrides;
  private final MeterRegistry registry;
  private final Map<Object, KafkaClientMetrics> binders = new ConcurrentHashMap<>();
  private volatile boolean shuttingDown;

  public KafkaClients(
      String bootstrapServers, Map<String, Object> overrides, MeterRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.overrides = Map.copyOf(overrides);
    this.registry = registry;
  }

  /** Exposes the client's own metrics (consumer lag per partition among them) while it lives. */
  private <T> T bind(T client, KafkaClientMetrics binder) {
    binder.bindTo(registry);
    binders.put(client, binder);
    return client;
  }

  /**
   * From now on, closed consumers leave their groups: a replica shutting down hands its partitions
   * over at once instead of holding them for the static member's session timeout. (A loop reopened
   * after a failure keeps its membership, so no rebalance is needed.)
   */
  public void shuttingDown() {
    shuttingDown = true;
  }

  /** Closes a client created here and removes its metrics; null-safe and quiet. */
  public void close(AutoCloseable client) {
    if (client == null) {
      return;
    }
    KafkaClientMetrics binder = binders.remove(client);
    if (binder != null) {
      binder.close();
    }
    if (shuttingDown && client instanceof KafkaConsumer<?, ?> consumer) {
      try {
        consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
      } catch (RuntimeException e) {
        LoopRunner.closeQuietly(client);
      }
      return;
    }
    LoopRunner.closeQuietly(client);
  }

  public KafkaConsumer<byte[], byte[]> consumer(
      String groupId, String clientId, int maxPollRecords) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (groupId != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      // Static membership: a replica restarted under the same instance id takes its partitions
      // back at once instead of waiting out the dead member's session and a full rebalance.
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, clientId);
      props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
    }
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    props.putAll(overrides);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    return bind(consumer, new KafkaClientMetrics(consumer));
  }

  public KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    // Distinct from the loop's consumer client id, which shares the prefix; their metrics would
    // clash.
    props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + "-producer");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Large enough for a 100,000-device validation task; the topics' max.message.bytes decide.
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    // Short enough that a transaction left open by a crashed replica does not hold back
    // read_committed consumers for long; a restarted replica with the same id aborts it at once.
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
    props.putAll(overrides);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    return bind(producer, new KafkaClientMetrics(producer));
  }
}
