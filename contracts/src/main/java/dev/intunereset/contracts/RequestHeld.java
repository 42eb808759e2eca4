package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Emitted instead of {@link RequestAccepted} when a valid request resets more devices than the
 * mass-reset approval threshold and its source is not trusted: no device is touched until a second
 * person approves it on {@link Topics#APPROVALS}. It ends in {@link RequestApproved} (then the
 * usual {@link RequestAccepted}), or {@link RequestDenied} or {@link RequestExpired} (then {@link
 * RequestRejected}).
 *
 * @param requestId the held request
 * @param deviceCount unique devices in the request
 * @param approvalThreshold requests with more devices than this need approval
 * @param heldAt when the request was held
 * @param expiresAt when the request is rejected unless approved before
 * @param requestedBy copied from the request; may not approve it
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 * @param action the device action of the request; null in events written before requests named
 *     their action, which were all {@link Action#RESET_PASSCODE} (see {@link Action#orDefault})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestHeld(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deviceCount") int deviceCount,
    @JsonProperty("approvalThreshold") int approvalThreshold,
    @JsonProperty("heldAt") Instant heldAt,
    @JsonProperty("expiresAt") Instant expiresAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("action") Action action)
    implements ResultEvent {

  public RequestHeld {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(heldAt, "heldAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    if (deviceCount <= approvalThreshold || approvalThreshold < 1) {
      throw new IllegalArgumentException(
          "a held request has more devices ("
              + deviceCount
              + ") than the threshold "
              + approvalThreshold);
    }
  }

  /** The event as written before requests named their action. */
  public RequestHeld(
      UUID requestId,
      int deviceCount,
      int approvalThreshold,
      Instant heldAt,
      Instant expiresAt,
      String requestedBy,
      String reason,
      String source) {
    this(
        requestId,
        deviceCount,
        approvalThreshold,
        heldAt,
        expiresAt,
        requestedBy,
        reason,
        source,
        null);
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_HELD;
  }
}
