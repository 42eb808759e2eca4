package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Emitted after the last {@link DeviceOutcome} of a request; the request's final summary.
 *
 * @param requestId the completed request
 * @param status overall status
 * @param deviceCount unique devices in the request; equals {@code counts.total()}
 * @param counts device outcomes per {@link OutcomeStatus}
 * @param acceptedAt when the request was accepted
 * @param completedAt when the last device outcome was decided
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 * @param action the device action of the request; null in events written before requests named
 *     their action, which were all {@link Action#RESET_PASSCODE} (see {@link Action#orDefault})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestCompleted(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("status") RequestStatus status,
    @JsonProperty("deviceCount") int deviceCount,
    @JsonProperty("counts") Counts counts,
    @JsonProperty("acceptedAt") Instant acceptedAt,
    @JsonProperty("completedAt") Instant completedAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("action") Action action)
    implements ResultEvent {

  public RequestCompleted {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    if (deviceCount < 1) {
      throw new IllegalArgumentException("deviceCount must be >= 1, was " + deviceCount);
    }
    // Every unique device gets exactly one outcome, so a mismatch means a lost or doubled outcome.
    if (counts.total() != deviceCount) {
      throw new IllegalArgumentException(
          "counts total " + counts.total() + " does not equal deviceCount " + deviceCount);
    }
  }

  /** The event as written before requests named their action. */
  public RequestCompleted(
      UUID requestId,
      RequestStatus status,
      int deviceCount,
      Counts counts,
      Instant acceptedAt,
      Instant completedAt,
      String requestedBy,
      String reason,
      String source) {
    this(
        requestId,
        status,
        deviceCount,
        counts,
        acceptedAt,
        completedAt,
        requestedBy,
        reason,
        source,
        null);
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_COMPLETED;
  }

  /**
   * Number of device outcomes per {@link OutcomeStatus}.
   *
   * @param succeeded devices that ended {@link OutcomeStatus#SUCCEEDED}
   * @param failed devices that ended {@link OutcomeStatus#FAILED}
   * @param skipped devices that ended {@link OutcomeStatus#SKIPPED}
   * @param timedOut devices that ended {@link OutcomeStatus#TIMED_OUT}
   */
  public record Counts(
      @JsonProperty("succeeded") int succeeded,
      @JsonProperty("failed") int failed,
      @JsonProperty("skipped") int skipped,
      @JsonProperty("timedOut") int timedOut) {

    public Counts {
      if (succeeded < 0 || failed < 0 || skipped < 0 || timedOut < 0) {
        throw new IllegalArgumentException(
            "counts must be >= 0, were succeeded=%d failed=%d skipped=%d timedOut=%d"
                .formatted(succeeded, failed, skipped, timedOut));
      }
    }

    /** Sum of all counts, which equals the request's device count. */
    @JsonIgnore
    public int total() {
      return succeeded + failed + skipped + timedOut;
    }
  }
}
