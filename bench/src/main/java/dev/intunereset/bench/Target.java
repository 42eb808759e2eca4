package dev.intunereset.bench;

/** A goal from the issue, judged on the median of one metric. */
record Target(String label, String key, boolean atLeast, double threshold) {
  static Target atLeast(String label, String key, double threshold) {
    return new Target(label, key, true, threshold);
  }

  static Target atMost(String label, String key, double threshold) {
    return new Target(label, key, false, threshold);
  }

  boolean metBy(double value) {
    return !Double.isNaN(value) && (atLeast ? value >= threshold : value <= threshold);
  }
}
