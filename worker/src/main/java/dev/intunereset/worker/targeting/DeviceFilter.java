package dev.intunereset.worker.targeting;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An OData filter over Intune managed devices, restricted to what Graph honours: each clause is on
 * the allowlist of {@link FilterProperty}, and clauses are joined by {@code and}. Graph silently
 * ignores a filter it does not support and returns the whole fleet, so the filter is refused up
 * front when it leaves the allowlist, and every device Graph returns is checked with {@link
 * #matches}.
 *
 * @param clauses all of which a device must satisfy, in the order written
 */
public record DeviceFilter(List<Clause> clauses) {
  /** The longest filter string accepted, in characters, before or after canonical rendering. */
  public static final int MAX_LENGTH = 1_000;

  /** The most clauses a filter may join. */
  public static final int MAX_CLAUSES = 10;

  public DeviceFilter {
    clauses = List.copyOf(clauses);
    if (clauses.isEmpty() || clauses.size() > MAX_CLAUSES) {
      throw new IllegalArgumentException(
          "a filter has 1 to " + MAX_CLAUSES + " clauses: " + clauses.size());
    }
    int length = render(clauses).length();
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a filter is at most " + MAX_LENGTH + " characters long: " + length);
    }
  }

  /** Parses {@code text}, refusing anything outside the allowlist; never throws. */
  public static FilterParse parse(String text) {
    return FilterParser.parse(text);
  }

  /**
   * The {@code $filter} value to send, not yet percent-encoded: the canonical form of exactly what
   * was validated ({@code parse(f.toODataQuery())} gives {@code f} back).
   */
  public String toODataQuery() {
    return render(clauses);
  }

  /** Whether {@code device} satisfies every clause, compared as Graph compares. */
  public boolean matches(DeviceProperties device) {
    return firstUnmet(device).isEmpty();
  }

  /** The first clause {@code device} does not satisfy, to name in a rejection. */
  public Optional<Clause> firstUnmet(DeviceProperties device) {
    return clauses.stream().filter(c -> !c.test(device)).findFirst();
  }

  /** The Graph names of the properties the filter reads: what a listing must {@code $select}. */
  public List<String> selectProperties() {
    return clauses.stream().map(c -> c.property().graphName()).distinct().toList();
  }

  static String render(List<Clause> clauses) {
    return clauses.stream().map(Clause::toOData).collect(Collectors.joining(" and "));
  }
}
