package dev.intunereset.worker.messaging;

import dev.intunereset.contracts.RequestAccepted;
import java.util.Objects;

/**
 * A request's acceptance as a stage read it from the results topic: a stage that rebuilds its state
 * from the topic commits no further than the oldest open request's {@code offset}, and continues
 * the trace the acceptance was written in.
 *
 * @param traceparent the acceptance's trace context, or null
 */
public record Acceptance(RequestAccepted event, long offset, String traceparent) {
  public Acceptance {
    Objects.requireNonNull(event, "event");
  }
}
