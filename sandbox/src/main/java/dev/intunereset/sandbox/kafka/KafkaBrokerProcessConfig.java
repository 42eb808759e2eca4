package dev.intunereset.sandbox.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link KafkaBrokerProcess}, validated when built so a bad value fails before any
 * child JVM starts. Build with {@link #builder()}.
 *
 * @param host address both listeners bind to and the broker advertises
 * @param port client (PLAINTEXT) port; 0 picks a free one at start, kept across restarts
 * @param controllerPort KRaft controller port; 0 as for {@code port}
 * @param logDir directory for data, config and output; kept on close and reused by a later start.
 *     {@code null} means a temp directory that close deletes
 * @param brokerProperties extra broker properties applied over the sandbox defaults; the listener,
 *     quorum and log-dir keys are derived and rejected here
 * @param startupTimeout how long a start or restart may take before it fails
 */
public record KafkaBrokerProcessConfig(
    String host,
    int port,
    int controllerPort,
    Path logDir,
    Map<String, String> brokerProperties,
    Duration startupTimeout) {

  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  public KafkaBrokerProcessConfig {
    brokerProperties =
        KraftProperties.validate(
            host, port, controllerPort, brokerProperties == null ? Map.of() : brokerProperties);
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
    }
  }

  /** Free ports on 127.0.0.1, a temp log dir and a 60 s startup timeout. */
  public static KafkaBrokerProcessConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable, single-use builder; validation happens in {@link #build()}. */
  public static final class Builder extends BrokerBuilder<Builder> {
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    public KafkaBrokerProcessConfig build() {
      return new KafkaBrokerProcessConfig(
          host, port, controllerPort, logDir, brokerProperties, startupTimeout);
    }
  }
}
