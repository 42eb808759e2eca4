package dev.intunereset.worker.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a Graph listing: its items and where the next page is, or the failed call's facts and
 * no items. A page holds at most what Graph serves at once (1,000 devices, 999 members), so a
 * caller that handles one page at a time never holds a whole fleet.
 *
 * @param call how the GET ended
 * @param items the page's items; empty when the call failed
 * @param nextLink Graph's {@code @odata.nextLink}, absent on the last page and on a failure
 */
public record ListingPage<T>(GraphCallResult call, List<T> items, Optional<String> nextLink) {
  public ListingPage {
    Objects.requireNonNull(call, "call");
    items = List.copyOf(items);
    nextLink = nextLink == null ? Optional.empty() : nextLink;
    if (!call.isSuccess() && (!items.isEmpty() || nextLink.isPresent())) {
      throw new IllegalArgumentException("a failed call has no items and no next page");
    }
  }

  /** A page whose GET failed. */
  public static <T> ListingPage<T> failed(GraphCallResult call) {
    return new ListingPage<>(call, List.of(), Optional.empty());
  }

  public boolean isSuccess() {
    return call.isSuccess();
  }
}
