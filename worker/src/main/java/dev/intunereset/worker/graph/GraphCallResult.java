package dev.intunereset.worker.graph;

import java.time.Duration;
import java.util.Optional;

/**
 * What one Graph call came back with, already reduced to the facts the dispatcher classifies on.
 *
 * @param kind how the call ended
 * @param httpStatus the HTTP status, or 0 when no response arrived
 * @param graphErrorCode Graph's raw {@code error.code}, kept for the outcome event even though
 *     classification is by status (Intune's codes are unreliable)
 * @param message a short human text; never contains tokens or passcodes
 * @param retryAfter the server's {@code Retry-After}, when it sent one
 */
public record GraphCallResult(
    Kind kind,
    int httpStatus,
    String graphErrorCode,
    String message,
    String graphRequestId,
    String clientRequestId,
    Optional<Duration> retryAfter) {

  /** The ways a call can end. */
  public enum Kind {
    /** Any 2xx. */
    SUCCESS,
    /** Graph answered with an error status. */
    HTTP_ERROR,
    /** No answer: connection refused, reset, or timed out. */
    TRANSPORT_ERROR,
    /** No token could be obtained; systemic, not about this device. */
    AUTH_ERROR
  }

  public GraphCallResult {
    retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
  }

  public boolean isSuccess() {
    return kind == Kind.SUCCESS;
  }

  static GraphCallResult success(int status, String graphRequestId, String clientRequestId) {
    return new GraphCallResult(
        Kind.SUCCESS, status, null, "accepted", graphRequestId, clientRequestId, Optional.empty());
  }
}
