package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A held request was not approved in time; a {@link RequestRejected} follows in the same
 * transaction and no device is touched.
 *
 * @param requestId the expired request
 * @param heldAt when the request was held
 * @param expiredAt when it expired
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestExpired(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("heldAt") Instant heldAt,
    @JsonProperty("expiredAt") Instant expiredAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source)
    implements ResultEvent {

  public RequestExpired {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(heldAt, "heldAt");
    Objects.requireNonNull(expiredAt, "expiredAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_EXPIRED;
  }
}
