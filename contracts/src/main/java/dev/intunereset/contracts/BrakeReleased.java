package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator released the fleet brake of one action: its held bulk work resumes and its resets are
 * counted afresh from {@code releasedAt}. The Kafka key and {@link #requestId()} are the brake id.
 *
 * @param brakeId the engagement that was released
 * @param releasedBy who released it
 * @param reason why, for the audit trail
 * @param engagedAt when the brake had engaged
 * @param releasedAt when the release took effect
 * @param action the action whose brake was released; null in events written before each action had
 *     its own brake, which were all {@link Action#RESET_PASSCODE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrakeReleased(
    @JsonProperty("brakeId") UUID brakeId,
    @JsonProperty("releasedBy") String releasedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("engagedAt") Instant engagedAt,
    @JsonProperty("releasedAt") Instant releasedAt,
    @JsonProperty("action") Action action)
    implements ResultEvent {

  public BrakeReleased {
    Objects.requireNonNull(brakeId, "brakeId");
    Objects.requireNonNull(releasedBy, "releasedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(engagedAt, "engagedAt");
    Objects.requireNonNull(releasedAt, "releasedAt");
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
    return EventTypes.BRAKE_RELEASED;
  }
}
