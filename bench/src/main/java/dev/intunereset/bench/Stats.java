package dev.intunereset.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Order statistics of small samples. */
final class Stats {
  private Stats() {}

  /** The middle value, or the mean of the two middle values; NaN for no values. */
  static double median(Collection<Double> values) {
    List<Double> sorted = sorted(values);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * Nearest-rank percentile: the smallest value with at least {@code p} percent of the sample at or
   * below it (so the p99 of 50 values is their maximum); NaN for no values.
   */
  static double percentile(Collection<Double> values, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("p must be in (0, 100]: " + p);
    }
    List<Double> sorted = sorted(values);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }

  static double max(Collection<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static List<Double> sorted(Collection<Double> values) {
    List<Double> sorted = new ArrayList<>();
    for (Double v : values) {
      if (v != null && !v.isNaN()) {
        sorted.add(v);
      }
    }
    sorted.sort(null);
    return sorted;
  }
}
