package dev.intunereset.worker.action;

/** Reads the numbers of a dotted version such as Graph's {@code osVersion} ("10.0.19045.5011"). */
final class OsVersion {
  private OsVersion() {}

  /**
   * The number at {@code index} (0 = major), or {@link Integer#MAX_VALUE} when Graph gave no
   * version or none that reads as one: an unknown version must not refuse a device.
   */
  static int part(String version, int index) {
    if (version == null) {
      return Integer.MAX_VALUE;
    }
    String[] parts = version.trim().split("\\.", -1);
    if (index >= parts.length) {
      return Integer.MAX_VALUE;
    }
    String digits = parts[index];
    int end = 0;
    while (end < digits.length() && Character.isDigit(digits.charAt(end))) {
      end++;
    }
    return end == 0 || end > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits.substring(0, end));
  }
}
