package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A held request was approved by a second person; the {@link RequestAccepted} of the request
 * follows in the same transaction.
 *
 * @param requestId the approved request
 * @param approvedBy who approved it; never the requester
 * @param comment the approver's comment, or {@code null}
 * @param approvedAt when the approval took effect
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestApproved(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("approvedBy") String approvedBy,
    @JsonProperty("comment") String comment,
    @JsonProperty("approvedAt") Instant approvedAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source)
    implements ResultEvent {

  public RequestApproved {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(approvedBy, "approvedBy");
    Objects.requireNonNull(approvedAt, "approvedAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_APPROVED;
  }
}
