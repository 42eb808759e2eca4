package dev.intunereset.sandbox.graph;

import java.time.Instant;

/**
 * One request as the simulator decides on it, read off the exchange at arrival so that deciding
 * needs no HTTP types.
 *
 * @param now arrival time on the simulator's clock
 * @param method upper-cased HTTP method
 * @param query the raw query string, or empty
 * @param requestId the request-id Graph assigns and echoes
 * @param clientRequestId the caller's client-request-id, or a fresh one if it sent none
 * @param authorizationPresent whether an Authorization header was sent at all
 * @param caller whom its bearer token speaks for, or null when the token is not accepted
 * @param body the first bytes of the body (bounded)
 * @param origin {@code http://host:port} as the caller addressed the simulator (its Host header),
 *     which an {@code @odata.nextLink} must point back at
 * @param rawPath the path as sent, still percent-encoded
 * @param consistencyLevel the {@code ConsistencyLevel} header, or null when absent
 */
record GraphRequest(
    Instant now,
    String method,
    GraphRoute route,
    String query,
    String requestId,
    String clientRequestId,
    boolean authorizationPresent,
    GraphCaller caller,
    byte[] body,
    String origin,
    String rawPath,
    String consistencyLevel) {

  /** Whether it carried an accepted bearer token of a tenant the simulator serves. */
  boolean authenticated() {
    return caller != null;
  }
}
