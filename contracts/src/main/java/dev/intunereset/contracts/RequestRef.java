package dev.intunereset.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Which request an event is about, the action it asks for, and its audit trail (who asked, why,
 * through what, when it was accepted), held once instead of copied field by field through every
 * task and outcome. Events write its fields flat, under their own names, so it has no JSON shape of
 * its own.
 *
 * @param id the request id
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 * @param acceptedAt when the worker accepted the request
 * @param traceparent the W3C trace context the request arrived with, or {@code null}; internal
 *     records carry it in their body, events in their {@code traceparent} header
 * @param action the device action the request asks for; {@code null} means {@link Action#DEFAULT}
 */
public record RequestRef(
    UUID id,
    String requestedBy,
    String reason,
    String source,
    Instant acceptedAt,
    String traceparent,
    Action action) {

  public RequestRef {
    Objects.requireNonNull(id, "requestId");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    action = action == null ? Action.DEFAULT : action;
  }

  /** A passcode reset request, as every request was before a request could name its action. */
  public RequestRef(
      UUID id,
      String requestedBy,
      String reason,
      String source,
      Instant acceptedAt,
      String traceparent) {
    this(id, requestedBy, reason, source, acceptedAt, traceparent, Action.DEFAULT);
  }

  /** A request that arrived without a trace context. */
  public RequestRef(UUID id, String requestedBy, String reason, String source, Instant acceptedAt) {
    this(id, requestedBy, reason, source, acceptedAt, null, Action.DEFAULT);
  }

  /** The same request asking for {@code a}. */
  public RequestRef withAction(Action a) {
    return new RequestRef(id, requestedBy, reason, source, acceptedAt, traceparent, a);
  }
}
