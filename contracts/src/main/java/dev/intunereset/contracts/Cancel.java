package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator's cancel of one request, published to {@link Topics#APPROVALS} keyed by the request
 * id. A held request ends at once ({@link RequestCanceled}, then {@link RequestRejected}); a
 * running request gets {@link CancelReceived}, its devices not yet started end {@link
 * OutcomeStatus#SKIPPED} / {@link ReasonCode#REQUEST_CANCELED}, and {@link RequestCanceled} says
 * when no device of it can be called any more. Anything else is answered by {@link CancelRefused}.
 *
 * @param schemaVersion always {@link ControlMessage#CURRENT_SCHEMA_VERSION}
 * @param requestId the request to cancel
 * @param canceledBy who cancels, for the audit trail
 * @param reason why, for the audit trail
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cancel(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("canceledBy") String canceledBy,
    @JsonProperty("reason") String reason)
    implements ControlMessage {

  public Cancel {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(canceledBy, "canceledBy");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  @JsonIgnore
  public String kafkaKey() {
    return requestId.toString();
  }
}
