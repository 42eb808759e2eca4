package dev.intunereset.worker.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The worker's whole configuration, immutable and validated when read (see {@link ConfigReader}).
 */
public record WorkerConfig(
    KafkaSettings kafka,
    GraphSettings graph,
    DispatchSettings dispatch,
    RequestPolicy requests,
    int opsHttpPort,
    PasscodeSettings passcode) {

  public WorkerConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(dispatch, "dispatch");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(passcode, "passcode");
  }

  /**
   * Passcode retrieval and delivery.
   *
   * @param recipientsFile JWKS of the recipients passcodes may be sealed to; empty for none
   */
  public record PasscodeSettings(
      Optional<Path> recipientsFile, Duration retrievalTimeout, Duration pollInterval) {}

  /** Kafka connection, topics and identities. */
  public record KafkaSettings(
      String bootstrapServers,
      String groupId,
      String instanceId,
      String requestsTopic,
      String deviceTasksTopic,
      String interactiveTasksTopic,
      String resultsTopic,
      String dlqTopic,
      String acceptedRequestsTopic) {}

  /** How Graph is reached and authenticated. */
  public record GraphSettings(
      URI baseUrl,
      AuthMode authMode,
      String tenantId,
      String clientId,
      Optional<Secret> clientSecret,
      URI authorityHost,
      Optional<Secret> staticToken,
      Duration callTimeout) {}

  /** The two Graph credential flows supported so far. */
  public enum AuthMode {
    CLIENT_SECRET("client-secret"),
    STATIC_TOKEN("static-token");

    private final String configValue;

    AuthMode(String configValue) {
      this.configValue = configValue;
    }

    public String configValue() {
      return configValue;
    }

    static Optional<AuthMode> fromConfigValue(String value) {
      for (AuthMode mode : values()) {
        if (mode.configValue.equals(value)) {
          return Optional.of(mode);
        }
      }
      return Optional.empty();
    }
  }

  /** Budgets, concurrency and retry policy of Graph calls. */
  public record DispatchSettings(
      int writeBudget,
      int readBudget,
      Duration budgetWindow,
      int concurrency,
      int maxInFlightPerPartition,
      int maxAttempts,
      Duration retryBaseDelay,
      Duration retryMaxDelay,
      Duration circuitOpenDuration,
      Duration reconcileClockSkew) {}

  /** Limits applied to incoming requests. */
  public record RequestPolicy(
      int maxDevices,
      int maxBytes,
      Duration defaultTimeout,
      Duration maxTimeout,
      int interactiveMaxDevices,
      Set<Platform> allowedPlatforms) {
    public RequestPolicy {
      allowedPlatforms = Set.copyOf(allowedPlatforms);
    }
  }
}
