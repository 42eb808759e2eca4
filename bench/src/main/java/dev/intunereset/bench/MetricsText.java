package dev.intunereset.bench;

/** Reads values out of the Prometheus text exposition format. */
final class MetricsText {
  private MetricsText() {}

  /** Sum of every sample of {@code name} whose label set contains {@code labelFragment}. */
  static double sum(String exposition, String name, String labelFragment) {
    double sum = 0;
    boolean any = false;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(labelFragment)) {
        String value = line.substring(line.lastIndexOf(' ') + 1).trim();
        sum += Double.parseDouble(value);
        any = true;
      }
    }
    return any ? sum : Double.NaN;
  }
}
