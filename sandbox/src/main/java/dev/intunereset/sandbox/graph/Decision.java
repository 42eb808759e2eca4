package dev.intunereset.sandbox.graph;

import java.time.Instant;

/**
 * The answer decided for one request, with what the call log needs to know about it.
 *
 * @param applied whether the request changed device state (a reset ran), whatever the status
 * @param holdUntil when non-null, answer only once the clock reaches it (hanging outage)
 */
record Decision(SimResponse response, boolean applied, Instant holdUntil) {
  static Decision of(SimResponse response) {
    return new Decision(response, false, null);
  }
}
