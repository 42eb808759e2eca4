package dev.intunereset.sandbox.kafka;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of an {@link EmbeddedKafka} broker. Build one with {@link #builder()}; {@link
 * #defaults()} gives free ports on 127.0.0.1 and a temp log dir.
 *
 * @param host address both listeners bind to and the broker advertises
 * @param port client (PLAINTEXT) port; 0 picks a free one
 * @param controllerPort KRaft controller port; 0 picks a free one
 * @param logDir directory for the broker's files (Kafka's data goes to {@code logDir/data}); kept
 *     on close and reused, data included, by the next start. {@code null} means a fresh temp
 *     directory that close deletes
 * @param brokerProperties extra broker properties (e.g. {@code message.max.bytes}) applied over the
 *     sandbox defaults; the listener, quorum and log-dir keys are derived and rejected here
 * @param securedListener an extra SASL (and TLS) listener, or null
 */
public record EmbeddedKafkaConfig(
    String host,
    int port,
    int controllerPort,
    Path logDir,
    Map<String, String> brokerProperties,
    SecuredListener securedListener) {

  public static final String DEFAULT_HOST = "127.0.0.1";

  public EmbeddedKafkaConfig {
    brokerProperties =
        KraftProperties.validate(
            host, port, controllerPort, brokerProperties == null ? Map.of() : brokerProperties);
  }

  public static EmbeddedKafkaConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .controllerPort(controllerPort)
        .logDir(logDir)
        .brokerProperties(brokerProperties)
        .securedListener(securedListener);
  }

  /** Mutable, single-use builder; validation happens in {@link #build()}. */
  public static final class Builder extends BrokerBuilder<Builder> {
    private SecuredListener securedListener;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Adds a SASL (and TLS) listener next to the PLAINTEXT one; null removes it. */
    public Builder securedListener(SecuredListener listener) {
      this.securedListener = listener;
      return this;
    }

    public EmbeddedKafkaConfig build() {
      return new EmbeddedKafkaConfig(
          host, port, controllerPort, logDir, brokerProperties, securedListener);
    }
  }
}
