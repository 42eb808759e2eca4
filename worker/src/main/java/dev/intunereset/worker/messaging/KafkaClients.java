package dev.intunereset.worker.messaging;

import dev.intunereset.worker.config.KafkaClientProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka client settings shared by the worker's loops: every loop consumes {@code read_committed}
 * with manual offsets and writes through its own transactional producer, so that what it reads,
 * what it writes and its offsets move together.
 */
public final class KafkaClients {
  private static final Logger log = LoggerFactory.getLogger(KafkaClients.class);

  static final String ALLOWED_OAUTH_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

  private final String bootstrapServers;
  private final KafkaClientProperties configured;
  private final MeterRegistry registry;
  private final Map<Object, KafkaClientMetrics> binders = new ConcurrentHashMap<>();
  private volatile boolean shuttingDown;

  /**
   * @param configured security settings and pass-through properties from configuration, applied to
   *     every client that knows them
   */
  public KafkaClients(
      String bootstrapServers, KafkaClientProperties configured, MeterRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.configured = configured;
    this.registry = registry;
    allowOAuthTokenEndpoint(configured);
  }

  /**
   * Kafka 4 refuses any OAuth token endpoint not listed in a JVM system property. The operator
   * configured this one explicitly, so it is added (and nothing else is).
   */
  static void allowOAuthTokenEndpoint(KafkaClientProperties configured) {
    String url = configured.plain().get("sasl.oauthbearer.token.endpoint.url");
    if (url == null) {
      return;
    }
    synchronized (KafkaClients.class) {
      String current = System.getProperty(ALLOWED_OAUTH_URLS, "");
      Set<String> urls = new LinkedHashSet<>();
      Arrays.stream(current.split(","))
          .map(String::strip)
          .filter(u -> !u.isEmpty())
          .forEach(urls::add);
      if (urls.add(url)) {
        System.setProperty(ALLOWED_OAUTH_URLS, String.join(",", urls));
      }
    }
  }

  /** The configured properties an admin client knows, e.g. for a readiness probe's own admin. */
  public Map<String, Object> adminProperties() {
    return propertiesFor(configured, AdminClientConfig.configNames());
  }

  /**
   * The configured properties that a client with these config names knows: the others would only
   * earn an "unknown config" warning. Secrets go in as Kafka's {@link Password}, which the clients'
   * own config logging prints as [hidden].
   */
  static Map<String, Object> propertiesFor(KafkaClientProperties configured, Set<String> known) {
    Map<String, Object> out = new HashMap<>();
    configured
        .plain()
        .forEach(
            (k, v) -> {
              if (known.contains(k)) {
                out.put(k, v);
              }
            });
    configured
        .secret()
        .forEach(
            (k, v) -> {
              if (known.contains(k)) {
                out.put(k, new Password(v.reveal()));
              }
            });
    return out;
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
        closeQuietly(client);
      }
      return;
    }
    closeQuietly(client);
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
    props.putAll(propertiesFor(configured, ConsumerConfig.configNames()));
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
    props.putAll(propertiesFor(configured, ProducerConfig.configNames()));
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    return bind(producer, new KafkaClientMetrics(producer));
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("close failed", e);
    }
  }
}
