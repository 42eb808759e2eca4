package dev.intunereset.bench;

/** One figure a scenario reports per run: its key in the JSON, label and unit in the tables. */
record Metric(String key, String label, String unit, int decimals) {
  String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
  }
}
