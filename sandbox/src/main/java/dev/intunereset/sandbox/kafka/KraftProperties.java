package dev.intunereset.sandbox.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/** Broker properties for a single-node KRaft broker+controller, shared by both broker flavours. */
final class KraftProperties {

  /** Kafka's {@code log.dirs} lives in this sub-directory of the caller's log dir. */
  static final String DATA_DIR = "data";

  static final String SERVER_PROPERTIES = "server.properties";

  // Keys that wire listeners, the quorum and storage together; overriding any one of them breaks
  // the
  // others, so they are derived from host/port/logDir only.
  static final Set<String> RESERVED_KEYS =
      Set.of(
          "process.roles",
          "node.id",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "listeners",
          "advertised.listeners",
          "controller.listener.names",
          "inter.broker.listener.name",
          "listener.security.protocol.map",
          "log.dir",
          "log.dirs",
          "metadata.log.dir");

  private static final int NODE_ID = 1;

  private KraftProperties() {}

  /** Validates the caller-controlled settings shared by both config types. */
  static Map<String, String> validate(
      String host, int port, int controllerPort, Map<String, String> brokerProperties) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    checkPort("port", port);
    checkPort("controllerPort", controllerPort);
    if (port != 0 && port == controllerPort) {
      throw new IllegalArgumentException("port and controllerPort must differ, both were " + port);
    }
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(brokerProperties, "brokerProps"));
    for (String key : copy.keySet()) {
      if (RESERVED_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "broker property '" + key + "' is derived from host/port/logDir and cannot be set");
      }
    }
    return copy;
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be 0 (free port) or 1-65535, was " + port);
    }
  }

  /**
   * The full property set. The defaults after the wiring keys make a one-node cluster usable:
   * without the replication factors of 1 consumer groups never get an offsets topic and {@code
   * initTransactions} hangs for 60 s; the rest only make startup and first use faster.
   */
  static Map<String, String> singleNode(
      String host, int port, int controllerPort, Path dataDir, Map<String, String> extra) {
    return singleNode(host, port, controllerPort, dataDir, extra, null, 0);
  }

  /** As above, plus the secured listener on {@code securedPort} when {@code secured} is set. */
  static Map<String, String> singleNode(
      String host,
      int port,
      int controllerPort,
      Path dataDir,
      Map<String, String> extra,
      SecuredListener secured,
      int securedPort) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dataDir.toAbsolutePath().toString());

    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("share.coordinator.state.topic.num.partitions", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("num.partitions", "1");
    // Tests need far fewer threads than the defaults (3 network, 8 io); fewer keeps two brokers in
    // one JVM light.
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    // The cleaner allocates this up front (128 MiB by default): too much for a child with -Xmx512m
    // or for several brokers in one test JVM.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));

    if (secured != null) {
      String listener = SecuredListener.NAME + "://" + host + ":" + securedPort;
      props.put("listeners", props.get("listeners") + "," + listener);
      props.put("advertised.listeners", props.get("advertised.listeners") + "," + listener);
      props.put(
          "listener.security.protocol.map",
          props.get("listener.security.protocol.map")
              + ","
              + SecuredListener.NAME
              + ":"
              + secured.securityProtocol());
      props.putAll(secured.brokerProperties());
    }
    props.putAll(extra);
    return props;
  }

  static void write(Map<String, String> props, Path file) {
    Properties properties = new Properties();
    properties.putAll(props);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "generated by dev.intunereset.sandbox.kafka");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Every distinct message in a cause chain, joined: Kafka's outer messages omit the address. */
  static String messages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    String previous = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
      if (!message.equals(previous)) {
        text.append(text.length() == 0 ? "" : "; caused by: ").append(message);
      }
      previous = message;
    }
    return text.toString();
  }
}
