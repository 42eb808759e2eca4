package dev.intunereset.contracts;

/** What expanding one selector of a request's {@link Targets} found; see {@link SelectorCount}. */
public enum SelectorStatus {
  /** Graph listed at least one managed device for the selector. */
  MATCHED,
  /**
   * Graph listed no managed device: the user or group has none, or none has the name or serial
   * number or passes the filter.
   */
  EMPTY,
  /** Graph does not know the user or group (404 {@code Request_ResourceNotFound}). */
  NOT_FOUND
}
