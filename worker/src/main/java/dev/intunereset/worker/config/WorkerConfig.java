package dev.intunereset.worker.config;

import dev.intunereset.contracts.Action;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
    GuardSettings guards,
    PasscodeSettings passcode,
    SettlementSettings settlement) {

  public WorkerConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(dispatch, "dispatch");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(guards, "guards");
    Objects.requireNonNull(passcode, "passcode");
    Objects.requireNonNull(settlement, "settlement");
  }

  /**
   * How accepted resets are followed to their final state on the device.
   *
   * @param timeout how long a device is followed unless its request says otherwise; zero = off
   * @param firstCheck the wait before a device's first read, doubled after each pending one
   * @param maxCheckInterval the longest wait between two reads of a device
   */
  public record SettlementSettings(
      Duration timeout, Duration firstCheck, Duration maxCheckInterval) {
    public SettlementSettings {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(firstCheck, "firstCheck");
      Objects.requireNonNull(maxCheckInterval, "maxCheckInterval");
    }

    /** False when SETTLE_TIMEOUT is zero: no device is followed. */
    public boolean enabled() {
      return !timeout.isZero();
    }
  }

  /**
   * Passcode retrieval and delivery.
   *
   * @param recipientsFile JWKS of the recipients passcodes may be sealed to; empty for none
   */
  public record PasscodeSettings(
      Optional<Path> recipientsFile, Duration retrievalTimeout, Duration pollInterval) {}

  /**
   * Kafka connection, topics and identities.
   *
   * @param cancellationsTopic internal: cancels of running requests, read by every dispatcher
   * @param expansionsTopic internal: what expanding a request's targets found, for the intake
   */
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
      String cancellationsTopic,
      String expansionsTopic,
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

  /**
   * The mass-reset guards: who may ask, when a second person must approve, how soon a device may be
   * reset again, how long it may have been out of touch, and when the whole deployment stops for an
   * operator.
   *
   * @param approvalsTopic approvals and brake releases
   * @param brakeTopic internal compacted topic with the fleet brake's state
   * @param allowedSources the only sources accepted; ignored when {@code anySource}
   * @param anySource {@code REQUEST_ALLOWED_SOURCES=*}: any source, or none, is accepted
   * @param trustedSources sources whose large requests need no approval
   * @param approvalThreshold more devices than this need approval; 0 = never
   * @param approvalTimeout how long a held request waits for approval
   * @param cooldown how soon after any reset a device may be reset again; zero = off
   * @param staleDeviceAfter a validated device not checked in for longer is skipped; zero = off
   * @param brakeMaxResets more passcode resets than this in {@code brakeWindow} engage their brake;
   *     0 = off
   * @param brakeWindow the brakes' sliding window
   * @param rotation the approval threshold, cooldown and brake limit of BitLocker key rotations;
   *     the ones above are the passcode reset's
   */
  public record GuardSettings(
      String approvalsTopic,
      String brakeTopic,
      Set<String> allowedSources,
      boolean anySource,
      Set<String> trustedSources,
      int approvalThreshold,
      Duration approvalTimeout,
      Duration cooldown,
      Duration staleDeviceAfter,
      int brakeMaxResets,
      Duration brakeWindow,
      ActionLimits rotation) {
    public GuardSettings {
      Objects.requireNonNull(rotation, "rotation");
      allowedSources = Set.copyOf(allowedSources);
      trustedSources = Set.copyOf(trustedSources);
    }

    /** The approval threshold, cooldown and brake limit of {@code action}: each counts its own. */
    public ActionLimits limits(Action action) {
      return Action.orDefault(action) == Action.ROTATE_BITLOCKER_KEYS
          ? rotation
          : new ActionLimits(approvalThreshold, cooldown, brakeMaxResets);
    }

    /**
     * Whether a request for {@code action} of {@code deviceCount} devices from {@code source} must
     * be approved.
     */
    public boolean needsApproval(Action action, int deviceCount, String source, boolean dryRun) {
      int threshold = limits(action).approvalThreshold();
      return threshold > 0
          && deviceCount > threshold
          && !dryRun
          && (source == null || !trustedSources.contains(source));
    }

    /** Whether any action has a fleet brake, so a keeper must run. */
    public boolean brakeEnabled() {
      return Arrays.stream(Action.values()).anyMatch(a -> limits(a).brakeEnabled());
    }
  }

  /**
   * Guards one action has for itself.
   *
   * @param approvalThreshold more devices than this need approval; 0 = never
   * @param cooldown how soon after the action ran on a device it may run there again; zero = off
   * @param brakeMax more of the action than this in the brake window engage its fleet brake; 0 =
   *     off
   */
  public record ActionLimits(int approvalThreshold, Duration cooldown, int brakeMax) {
    public ActionLimits {
      Objects.requireNonNull(cooldown, "cooldown");
    }

    public boolean brakeEnabled() {
      return brakeMax > 0;
    }
  }
}
