package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.graph.ListingPage;
import java.util.function.Supplier;

/**
 * Where the expander's pages come from: the caller's gate in front of Graph (the read budget, the
 * breaker), or a fake in tests.
 */
@FunctionalInterface
public interface PageSource {

  /** The page {@code read} names; a failure is reported in the page, never thrown. */
  ListingPage<?> fetch(Read read);

  /** Straight to {@code gateway}, with no budget: for tools, previews and tests. */
  static PageSource of(GraphGateway gateway, Supplier<String> clientRequestIds) {
    return read -> read.sendTo(gateway, clientRequestIds.get());
  }
}
