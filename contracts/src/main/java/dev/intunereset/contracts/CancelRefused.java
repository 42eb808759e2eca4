package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link Cancel} that changed nothing, and why.
 *
 * @param requestId the request the cancel named
 * @param canceledBy copied from the cancel
 * @param refusal why it changed nothing
 * @param message the same, for people
 * @param refusedAt when the worker answered
 */
public record CancelRefused(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("canceledBy") String canceledBy,
    @JsonProperty("refusal") CancelRefusal refusal,
    @JsonProperty("message") String message,
    @JsonProperty("refusedAt") Instant refusedAt)
    implements ResultEvent {

  public CancelRefused {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(canceledBy, "canceledBy");
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(refusedAt, "refusedAt");
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.CANCEL_REFUSED;
  }
}
