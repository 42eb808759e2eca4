package dev.intunereset.worker.cancel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The intake's order to stop a running request, kept on the cancellations topic under the request
 * id and read by every dispatcher.
 *
 * @param requestId the request to stop
 * @param canceledBy who canceled it, for the logs
 * @param reason why, for the logs
 * @param orderedAt when the intake took the cancel; a dispatcher forgets the order once no task of
 *     the request can be inside its deadline any more
 */
public record CancelOrder(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("canceledBy") String canceledBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("orderedAt") Instant orderedAt) {

  public CancelOrder {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(canceledBy, "canceledBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(orderedAt, "orderedAt");
  }
}
