package dev.intunereset.sandbox.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) running inside this JVM.
 *
 * <p>The first start in a JVM takes 1-2 s (class loading), later ones and stops well under 1 s.
 * Several instances may run at once (each with its own ports and log dir) and one JVM may start and
 * close brokers repeatedly. Broker loggers are lowered to WARN on start unless {@code
 * -Dsandbox.kafka.verbose=true}.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   kafka.createTopics(List.of(new TopicSpec("requests", 3)));
 *   Map<String, Object> props = new HashMap<>(kafka.clientProperties());
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaRaftServer server;
  private final Admin admin;
  private final String bootstrapServers;
  private final String securedBootstrapServers;
  private final Path logDir;
  private final boolean deleteLogDirOnClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(
      KafkaRaftServer server,
      Admin admin,
      String bootstrapServers,
      String securedBootstrapServers,
      Path logDir,
      boolean deleteLogDirOnClose) {
    this.server = server;
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.securedBootstrapServers = securedBootstrapServers;
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
  }

  /** Starts a broker on free ports with a temp log dir that {@link #close()} deletes. */
  public static EmbeddedKafka start() {
    return start(EmbeddedKafkaConfig.defaults());
  }

  /**
   * Starts a broker and returns once it serves metadata.
   *
   * @throws IllegalStateException if the broker cannot start (e.g. a fixed port is taken)
   */
  public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
    Objects.requireNonNull(config, "config");
    BrokerLogging.quietInProcessLoggers();
    long startNanos = System.nanoTime();
    boolean temp = config.logDir() == null;
    Path root =
        temp
            ? Directories.createTemp("embedded-kafka-")
            : Directories.createDirectories(config.logDir());
    try {
      SecuredListener secured = config.securedListener();
      int[] requested =
          secured == null
              ? new int[] {config.port(), config.controllerPort()}
              : new int[] {config.port(), config.controllerPort(), secured.port()};
      EmbeddedKafka kafka =
          FreePorts.start(
              config.host(),
              requested,
              ports ->
                  startOnce(config, root, temp, ports[0], ports[1], secured == null ? 0 : ports[2]),
              KraftProperties::messages,
              "Embedded Kafka");
      log.info(
          "Embedded Kafka at {} started in {} ms",
          kafka.bootstrapServers,
          Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
      return kafka;
    } catch (RuntimeException e) {
      if (temp) {
        Directories.deleteQuietly(root);
      }
      throw e;
    }
  }

  private static EmbeddedKafka startOnce(
      EmbeddedKafkaConfig config,
      Path root,
      boolean temp,
      int port,
      int controllerPort,
      int securedPort) {
    Path dataDir = root.resolve(KraftProperties.DATA_DIR);
    Map<String, String> props =
        KraftProperties.singleNode(
            config.host(),
            port,
            controllerPort,
            dataDir,
            config.brokerProperties(),
            config.securedListener(),
            securedPort);
    // Written next to the data for StorageTool and as a record of what ran.
    Path propertiesFile = root.resolve(KraftProperties.SERVER_PROPERTIES);
    KraftProperties.write(props, propertiesFile);
    StorageFormatter.formatIfNeeded(propertiesFile, dataDir);

    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(server);
      throw new IllegalStateException(
          "embedded Kafka failed to start on "
              + config.host()
              + ":"
              + port
              + " (controller port "
              + controllerPort
              + "): "
              + KraftProperties.messages(e),
          e);
    }
    String bootstrapServers = config.host() + ":" + port;
    Admin admin = null;
    try {
      BrokerReadiness.await(config.host(), port, STARTUP_TIMEOUT, () -> true, () -> "");
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "embedded-kafka-admin-" + port));
      String secured = config.securedListener() == null ? null : config.host() + ":" + securedPort;
      return new EmbeddedKafka(server, admin, bootstrapServers, secured, root, temp);
    } catch (RuntimeException e) {
      if (admin != null) {
        admin.close(ADMIN_CLOSE_TIMEOUT);
      }
      shutdownQuietly(server);
      throw e;
    }
  }

  /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** {@code host:port} of the SASL listener; only when the config asked for one. */
  public String securedBootstrapServers() {
    if (securedBootstrapServers == null) {
      throw new IllegalStateException("this broker has no secured listener");
    }
    return securedBootstrapServers;
  }

  /**
   * The minimal client configuration ({@code bootstrap.servers}); copy it into a mutable map and
   * add serializers, group id and so on.
   */
  public Map<String, Object> clientProperties() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }

  /** A shared Admin client owned by this broker and closed with it; do not close it yourself. */
  public Admin admin() {
    ensureOpen();
    return admin;
  }

  /**
   * Creates the topics (replication factor 1) and returns once every partition has a leader, so
   * producers and consumers can use them straight away. Topics that already exist with the same
   * partition count and configs are accepted; any other difference is an error.
   *
   * @throws IllegalStateException if a topic exists with a different spec, or creation fails or
   *     times out
   */
  public void createTopics(List<TopicSpec> topics) {
    ensureOpen();
    TopicCreator.create(admin, topics, TOPIC_TIMEOUT);
  }

  /**
   * Stops the broker (controlled shutdown, waiting for it to finish) and deletes the temp log dir,
   * releasing both ports. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    try {
      admin.close(ADMIN_CLOSE_TIMEOUT);
    } finally {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        if (deleteLogDirOnClose) {
          Directories.deleteQuietly(logDir);
        }
      }
    }
    log.info(
        "Embedded Kafka at {} stopped in {} ms",
        bootstrapServers,
        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
  }

  /** The broker's directory (Kafka data in {@code data/}); visible for tests. */
  Path logDir() {
    return logDir;
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers + ", logDir=" + logDir + "]";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " is closed");
    }
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Embedded Kafka did not shut down cleanly after a failed start", e);
    }
  }
}
