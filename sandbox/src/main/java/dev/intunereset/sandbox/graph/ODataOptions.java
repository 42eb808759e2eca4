package dev.intunereset.sandbox.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The OData system query options of a listing, decoded. Keys match with or without the {@code $}
 * (Graph beta accepts both) and case-insensitively; kiota sends {@code %24top}, which decodes
 * alike.
 *
 * @param values option name without {@code $}, lower case, to its decoded value (the last one wins)
 * @param rawPairs the raw {@code key=value} pairs but {@code $skiptoken}, for the next link
 */
record ODataOptions(Map<String, String> values, List<String> rawPairs) {
  static final String SKIPTOKEN = "skiptoken";

  ODataOptions {
    values = Map.copyOf(values);
    rawPairs = List.copyOf(rawPairs);
  }

  static ODataOptions parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      key = key.startsWith("$") ? key.substring(1) : key;
      values.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
      if (!key.equals(SKIPTOKEN)) {
        pairs.add(pair);
      }
    }
    return new ODataOptions(values, pairs);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The {@code $select} names, trimmed, blanks dropped. */
  List<String> select() {
    List<String> names = new ArrayList<>();
    for (String name : get("select").orElse("").split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }

  /** {@code $top}: empty when absent, 0 when it is not a positive integer. */
  OptionalInt top() {
    Optional<String> top = get("top");
    if (top.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Math.max(0, Integer.parseInt(top.get().trim())));
    } catch (NumberFormatException e) {
      return OptionalInt.of(0);
    }
  }

  /** Whether {@code $count=true} was asked for. */
  boolean count() {
    return get("count").map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A malformed escape is kept as sent; the option it spoils is then refused as Graph would.
      return text;
    }
  }
}
