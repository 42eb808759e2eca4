package dev.intunereset.sandbox.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every way of running a sandbox broker is configured with: where it listens, where its files
 * go and which broker properties it overrides. Mutable and single-use; the built config validates.
 *
 * @param <B> the concrete builder, so chained calls keep its own methods in reach
 */
public abstract class BrokerBuilder<B extends BrokerBuilder<B>> {
  String host = EmbeddedKafkaConfig.DEFAULT_HOST;
  int port;
  int controllerPort;
  Path logDir;
  final Map<String, String> brokerProperties = new LinkedHashMap<>();

  BrokerBuilder() {}

  abstract B self();

  public B host(String host) {
    this.host = host;
    return self();
  }

  public B port(int port) {
    this.port = port;
    return self();
  }

  public B controllerPort(int controllerPort) {
    this.controllerPort = controllerPort;
    return self();
  }

  public B logDir(Path logDir) {
    this.logDir = logDir;
    return self();
  }

  public B brokerProperty(String key, String value) {
    brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
    return self();
  }

  public B brokerProperties(Map<String, String> properties) {
    properties.forEach(this::brokerProperty);
    return self();
  }
}
