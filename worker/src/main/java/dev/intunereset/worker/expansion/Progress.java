package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.GraphCallResult;
import java.util.Objects;

/** What one fed page did to the expansion. */
public sealed interface Progress {

  /** The page was taken; {@link Expander#next} names the next read. */
  record More() implements Progress {}

  /**
   * The read failed in a way worth another try (429, 5xx, no answer, no token): the same read is
   * next, once the caller's gate allows. The expander itself never waits.
   */
  record Retry(GraphCallResult call) implements Progress {
    public Retry {
      Objects.requireNonNull(call, "call");
    }
  }

  /** Every selector has ended. */
  record Done(ExpansionResult result) implements Progress {
    public Done {
      Objects.requireNonNull(result, "result");
    }
  }
}
