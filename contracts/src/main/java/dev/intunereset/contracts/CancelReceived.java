package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The worker took a {@link Cancel} of a request it had accepted: devices of it that have not
 * started will not be called. {@link RequestCanceled} follows once every dispatcher has stopped, or
 * {@link CancelRefused} ({@link CancelRefusal#ALREADY_FINISHED}) if every device already had its
 * outcome.
 *
 * @param requestId the request being canceled
 * @param canceledBy copied from the cancel
 * @param reason copied from the cancel
 * @param receivedAt when the worker took the cancel
 */
public record CancelReceived(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("canceledBy") String canceledBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("receivedAt") Instant receivedAt)
    implements ResultEvent {

  public CancelReceived {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(canceledBy, "canceledBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.CANCEL_RECEIVED;
  }
}
