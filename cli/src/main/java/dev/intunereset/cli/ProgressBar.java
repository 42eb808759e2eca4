package dev.intunereset.cli;

/** Text progress bar: {@code [########------------] 8/20 devices 40%}. */
final class ProgressBar {
  static final int DEFAULT_WIDTH = 30;

  private ProgressBar() {}

  /**
   * Renders the bar for {@code done} of {@code total} devices; {@code total} is null until the
   * request was accepted and its device count is known.
   */
  static String render(int done, Integer total, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, was " + width);
    }
    if (total == null || total <= 0) {
      return "[" + "?".repeat(width) + "]  " + done + "/? devices";
    }
    int shown = Math.max(0, Math.min(done, total));
    int filled = (int) ((long) shown * width / total);
    int percent = (int) ((long) shown * 100 / total);
    String count = String.valueOf(total);
    return "["
        + "#".repeat(filled)
        + "-".repeat(width - filled)
        + "]  "
        + pad(shown, count.length())
        + "/"
        + count
        + " devices  "
        + pad(percent, 3)
        + "%";
  }

  private static String pad(int n, int width) {
    String s = String.valueOf(n);
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }
}
