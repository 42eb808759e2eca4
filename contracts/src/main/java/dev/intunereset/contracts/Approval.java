package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.UUID;

/**
 * A second person's decision on a request that is {@link RequestHeld}, published to {@link
 * Topics#APPROVALS} keyed by the request id. An approval by the requester is refused; a denial by
 * the requester withdraws the request.
 *
 * @param schemaVersion always {@link ControlMessage#CURRENT_SCHEMA_VERSION}
 * @param requestId the held request
 * @param decision approve or deny
 * @param approver who decides, for the audit trail; compared to the request's {@code requestedBy}
 *     case-insensitively
 * @param comment why, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("decision") ApprovalDecision decision,
    @JsonProperty("approver") String approver,
    @JsonProperty("comment") String comment)
    implements ControlMessage {

  public Approval {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(approver, "approver");
  }

  @Override
  @JsonIgnore
  public String kafkaKey() {
    return requestId.toString();
  }
}
