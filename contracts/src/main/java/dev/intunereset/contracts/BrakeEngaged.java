package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Alert: the whole deployment ran one action more often within the brake window than that action's
 * limit allows, so that action's bulk work is held (interactive requests and other actions go on)
 * until an operator sends a {@link BrakeRelease} naming this {@code brakeId}. Not about one
 * request: the Kafka key and {@link #requestId()} are the brake id.
 *
 * @param brakeId identifies this engagement; a release must name it
 * @param resetsInWindow resets counted in the window when the brake engaged
 * @param maxResets the configured limit that was exceeded
 * @param windowSeconds length of the sliding window, in seconds
 * @param engagedAt when the brake engaged
 * @param action the action whose count engaged the brake; null in events written before each action
 *     had its own brake, which were all {@link Action#RESET_PASSCODE} (see {@link
 *     Action#orDefault})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrakeEngaged(
    @JsonProperty("brakeId") UUID brakeId,
    @JsonProperty("resetsInWindow") int resetsInWindow,
    @JsonProperty("maxResets") int maxResets,
    @JsonProperty("windowSeconds") int windowSeconds,
    @JsonProperty("engagedAt") Instant engagedAt,
    @JsonProperty("action") Action action)
    implements ResultEvent {

  public BrakeEngaged {
    Objects.requireNonNull(brakeId, "brakeId");
    Objects.requireNonNull(engagedAt, "engagedAt");
    if (maxResets < 1 || resetsInWindow <= maxResets) {
      throw new IllegalArgumentException(
          "the brake engages above maxResets: " + resetsInWindow + " <= " + maxResets);
    }
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("windowSeconds must be >= 1, was " + windowSeconds);
    }
  }

  /** The brake id: fleet events have no request, and are keyed by their brake. */
  @Override
  @JsonIgnore
  public UUID requestId() {
    return brakeId;
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.BRAKE_ENGAGED;
  }
}
