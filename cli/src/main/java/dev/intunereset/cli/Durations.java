package dev.intunereset.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the contract writes them: Go style ({@code 2h45m}, {@code 500ms}) or ISO-8601. */
final class Durations {
  private static final Pattern GO =
      Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private Durations() {}

  /**
   * Parses {@code 30s}, {@code 10m}, {@code 2h45m}, {@code 1h30m10s}, {@code 500ms} or {@code
   * PT10M}.
   *
   * @throws IllegalArgumentException when the text is neither form
   */
  static Duration parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Matcher m = GO.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw invalid(text);
    }
    try {
      Duration d = Duration.ZERO;
      d = d.plusHours(part(m.group(1)));
      d = d.plusMinutes(part(m.group(2)));
      d = d.plusSeconds(part(m.group(3)));
      return d.plusMillis(part(m.group(4)));
    } catch (ArithmeticException e) {
      throw invalid(text);
    }
  }

  /** The shortest Go-style text for a duration, for messages: {@code 90s} becomes {@code 1m30s}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    if (d.toHours() > 0) {
      b.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      b.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0) {
      b.append(d.toSecondsPart()).append('s');
    }
    if (d.toMillisPart() > 0) {
      b.append(d.toMillisPart()).append("ms");
    }
    return b.toString();
  }

  private static long part(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration; use for example 30s, 10m, 2h45m, 500ms or PT10M");
  }

  /** Picocli converter for duration options; rejects zero and negative values. */
  static final class Converter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        Duration d = parse(value);
        if (d.isZero() || d.isNegative()) {
          throw new TypeConversionException("'" + value + "' must be longer than zero");
        }
        return d;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
