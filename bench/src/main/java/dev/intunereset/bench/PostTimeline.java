package dev.intunereset.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Arrival times of calls at the Graph simulator, sorted, and what they say about the use of a
 * sliding-window budget.
 */
record PostTimeline(List<Instant> at) {
  PostTimeline {
    at = at.stream().sorted().toList();
  }

  int count() {
    return at.size();
  }

  /**
   * Calls per second between the first and the last call once {@code trim} of the calls at each end
   * are left out: the steady part, without ramp-up and tail.
   */
  double steadyRate(double trim) {
    int skip = (int) Math.floor(at.size() * trim);
    return rate(skip, at.size() - 1 - skip);
  }

  /** Calls per second from the first call to the last. */
  double overallRate() {
    return rate(0, at.size() - 1);
  }

  private double rate(int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    double seconds = Duration.between(at.get(from), at.get(to)).toNanos() / 1e9;
    return seconds <= 0 ? Double.NaN : (to - from) / seconds;
  }

  /** Most calls that arrived within any half-open window {@code (t - window, t]}. */
  int busiestWindow(Duration window) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < at.size(); to++) {
      while (!at.get(from).isAfter(at.get(to).minus(window))) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  /**
   * The smallest {@code t[i + budget] - t[i] - window} over all i, in milliseconds: how close the
   * run came to a call arriving while {@code budget} others were still in the window (the margin a
   * sliding-window limiter such as Graph's would have had); NaN when there are too few calls.
   */
  double tightestMarginMillis(int budget, Duration window) {
    double min = Double.NaN;
    for (int i = 0; i + budget < at.size(); i++) {
      double span = Duration.between(at.get(i), at.get(i + budget)).toNanos() / 1e6;
      double margin = span - window.toNanos() / 1e6;
      if (Double.isNaN(min) || margin < min) {
        min = margin;
      }
    }
    return min;
  }
}
