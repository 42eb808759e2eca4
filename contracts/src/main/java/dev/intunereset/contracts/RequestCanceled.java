package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link Cancel} took effect: from {@code canceledAt} on, no device of the request is called. For
 * a held request a {@link RequestRejected} follows in the same transaction; for a running one the
 * devices that had not started end {@link OutcomeStatus#SKIPPED} / {@link
 * ReasonCode#REQUEST_CANCELED}, and its {@link RequestCompleted} says {@link
 * RequestStatus#CANCELED}.
 *
 * @param requestId the canceled request
 * @param canceledBy copied from the cancel
 * @param reason copied from the cancel
 * @param wasHeld whether the request was still waiting for approval
 * @param canceledAt when the cancel took effect
 */
public record RequestCanceled(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("canceledBy") String canceledBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("wasHeld") boolean wasHeld,
    @JsonProperty("canceledAt") Instant canceledAt)
    implements ResultEvent {

  public RequestCanceled {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(canceledBy, "canceledBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(canceledAt, "canceledAt");
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_CANCELED;
  }
}
