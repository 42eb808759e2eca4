package dev.intunereset.worker.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way admins write them: Go style as in the Terraform provider ({@code 30s},
 * {@code 2h45m}, {@code 1h30m10s}, {@code 500ms}) or ISO-8601 ({@code PT10M}).
 */
public final class Durations {
  private static final Pattern GO_STYLE =
      Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,6})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

  private Durations() {}

  /** Returns the parsed duration, or empty if {@code text} is in neither accepted form. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 32) {
      return Optional.empty();
    }
    if (text.equals("0")) {
      // Go writes a zero duration without a unit; "0 = off" in the config docs means this.
      return Optional.of(Duration.ZERO);
    }
    if (text.charAt(0) == 'P' || text.charAt(0) == 'p') {
      try {
        Duration d = Duration.parse(text);
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher m = GO_STYLE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    boolean any = false;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
      any = true;
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
      any = true;
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
      any = true;
    }
    if (m.group(4) != null) {
      d = d.plusMillis(Long.parseLong(m.group(4)));
      any = true;
    }
    return any ? Optional.of(d) : Optional.empty();
  }

  /** Formats compactly in Go style, e.g. {@code 1h30m} or {@code 250ms}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (minutes > 0) {
      sb.append(minutes).append('m');
    }
    if (seconds > 0) {
      sb.append(seconds).append('s');
    }
    if (millis > 0) {
      sb.append(millis).append("ms");
    }
    // Below a millisecond Go style has no unit here; ISO-8601 is still unambiguous.
    return sb.length() == 0 ? d.toString() : sb.toString();
  }
}
