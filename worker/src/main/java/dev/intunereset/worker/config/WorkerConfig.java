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
      String acceptedRequestsTopic,
      KafkaClientProperties clientProperties) {
    public KafkaSettings {
      Objects.requireNonNull(clientProperties, "clientProperties");
    }
  }

  /**
   * How Graph is reached and authenticated.
   *
   * @param trustedCaFile extra CA certificates for HTTPS to Entra ID and Graph, besides the JVM's
   */
  public record GraphSettings(
      URI baseUrl, GraphAuth auth, Optional<Path> trustedCaFile, Duration callTimeout) {
    public GraphSettings {
      trustedCaFile = trustedCaFile == null ? Optional.empty() : trustedCaFile;
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
