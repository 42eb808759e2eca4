package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.GraphCallResult;
import java.util.Objects;

/** What one fed page did to the expansion. */
public sealed interface Progress {

  /** The page was taken; {@link Expander#next} names the next read. */
  record More() implements Progress {}

  /**
   * The read failed in a way worth another try (429, 5xx, no answer, no token): {@code read} is
   * next again, once the caller's gate allows (the call may carry Graph's {@code Retry-After}). The
   * expander itself never waits.
   */
  record Retry(Read read, GraphCallResult call) implements Progress {
    public Retry {
      Objects.requireNonNull(read, "read");
      if (call.isSuccess()) {
        throw new IllegalArgumentException("a success is not retried");
      }
    }
  }

  /** Every selector has ended. */
  record Done(ExpansionResult result) implements Progress {
    public Done {
      Objects.requireNonNull(result, "result");
    }
  }
}
