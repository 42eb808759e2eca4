package dev.intunereset.contracts;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of the project, shared by request timeouts, the worker's configuration
 * and the CLI, so that what one accepts the others accept too. It is the grammar the reset-request
 * schema states with {@link #GO_STYLE_PATTERN} and {@link #ISO_8601_PATTERN}:
 *
 * <ul>
 *   <li>Go style, as in the Terraform provider: hours, minutes, seconds and milliseconds in that
 *       order, each optional ({@code 30s}, {@code 2h45m}, {@code 1m30s500ms}), or a bare {@code 0}
 *       as Go writes a zero duration;
 *   <li>ISO-8601 with days and time ({@code PT10M}, {@code P1D}, {@code PT0.5S}), designators in
 *       either case, a fraction of at most nine digits on the seconds only, no signs.
 * </ul>
 *
 * Text longer than {@link #MAX_LENGTH} characters, and values beyond what {@link Duration} holds,
 * are not durations.
 */
public final class Durations {

  /** Longest duration text accepted; the schema's {@code maxLength} of {@code timeout}. */
  public static final int MAX_LENGTH = 32;

  /** Go style, anchored as the schema writes it. */
  public static final String GO_STYLE_PATTERN =
      "^(0|(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)$";

  /** ISO-8601 days and time, anchored as the schema writes it. */
  public static final String ISO_8601_PATTERN =
      "^[Pp](?=[0-9Tt])([0-9]+[Dd])?([Tt](?=[0-9])([0-9]+[Hh])?([0-9]+[Mm])?"
          + "([0-9]+([.,][0-9]{1,9})?[Ss])?)?$";

  // The same grammar with capturing groups for the values; DurationsTest proves them equal.
  private static final Pattern GO =
      Pattern.compile("0|(?=[0-9])(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
  private static final Pattern ISO =
      Pattern.compile(
          "[Pp](?=[0-9Tt])(?:([0-9]+)[Dd])?(?:[Tt](?=[0-9])(?:([0-9]+)[Hh])?(?:([0-9]+)[Mm])?"
              + "(?:([0-9]+)(?:[.,]([0-9]{1,9}))?[Ss])?)?");

  private Durations() {}

  /** Returns the parsed duration, or empty if {@code text} is not a duration of this grammar. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      Matcher go = GO.matcher(text);
      if (go.matches()) {
        return Optional.of(
            Duration.ofHours(number(go.group(1)))
                .plusMinutes(number(go.group(2)))
                .plusSeconds(number(go.group(3)))
                .plusMillis(number(go.group(4))));
      }
      Matcher iso = ISO.matcher(text);
      if (iso.matches()) {
        return Optional.of(
            Duration.ofDays(number(iso.group(1)))
                .plusHours(number(iso.group(2)))
                .plusMinutes(number(iso.group(3)))
                .plusSeconds(number(iso.group(4)))
                .plusNanos(nanos(iso.group(5))));
      }
      return Optional.empty();
    } catch (ArithmeticException | NumberFormatException e) {
      // More digits than a Duration holds: well formed, but no duration.
      return Optional.empty();
    }
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

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static long nanos(String fraction) {
    if (fraction == null) {
      return 0;
    }
    return Long.parseLong((fraction + "000000000").substring(0, 9));
  }
}
