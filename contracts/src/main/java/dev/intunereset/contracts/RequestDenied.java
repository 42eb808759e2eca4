package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A held request was denied (by an approver, or withdrawn by its requester); a {@link
 * RequestRejected} follows in the same transaction and no device is touched.
 *
 * @param requestId the denied request
 * @param deniedBy who denied it
 * @param comment the denier's comment, or {@code null}
 * @param deniedAt when the denial took effect
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestDenied(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deniedBy") String deniedBy,
    @JsonProperty("comment") String comment,
    @JsonProperty("deniedAt") Instant deniedAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source)
    implements ResultEvent {

  public RequestDenied {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(deniedBy, "deniedBy");
    Objects.requireNonNull(deniedAt, "deniedAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_DENIED;
  }
}
