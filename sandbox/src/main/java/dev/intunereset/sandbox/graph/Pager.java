package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Cuts a listing into pages as Graph does: a page of at most the page size, and while more follow
 * an absolute {@code @odata.nextLink} that repeats the query with an opaque {@code $skiptoken}
 * ({@link SkipTokens}).
 */
final class Pager {
  private final SkipTokens tokens = new SkipTokens();
  private final ObjectMapper json;

  Pager(ObjectMapper json) {
    this.json = json;
  }

  /**
   * One page of a listing.
   *
   * @param from the first item's index
   * @param to one past the last item's index
   * @param nextLink where the next page is, or null on the last page
   */
  record Page(int from, int to, String nextLink) {}

  /**
   * The page {@code rq} asks for, or empty when its {@code $skiptoken} does not open for this
   * query.
   *
   * @param query what the token is bound to: the caller's tenant, the resource and every option
   */
  Optional<Page> page(GraphRequest rq, ODataOptions options, String query, int total, int size) {
    int from = 0;
    Optional<String> token = options.get(ODataOptions.SKIPTOKEN);
    if (token.isPresent()) {
      OptionalInt offset = tokens.open(token.get(), query);
      if (offset.isEmpty()) {
        return Optional.empty();
      }
      // A lastSyncDateTime filter can match fewer devices by now: the listing simply ends.
      from = Math.min(offset.getAsInt(), total);
    }
    int to = (int) Math.min(total, (long) from + size);
    if (to >= total) {
      return Optional.of(new Page(from, to, null));
    }
    List<String> pairs = new ArrayList<>(options.rawPairs());
    pairs.add("$skiptoken=" + tokens.issue(query, to));
    return Optional.of(
        new Page(from, to, rq.origin() + rq.rawPath() + "?" + String.join("&", pairs)));
  }

  /** The collection body: context, count when asked for, the items, then the next link if any. */
  SimResponse body(String context, Long count, List<Map<String, Object>> items, Page page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", context);
    if (count != null) {
      body.put("@odata.count", count);
    }
    if (page.nextLink() != null) {
      body.put("@odata.nextLink", page.nextLink());
    }
    body.put("value", items);
    try {
      return SimResponse.json(200, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
