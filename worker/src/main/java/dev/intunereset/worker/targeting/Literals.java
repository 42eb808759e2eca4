package dev.intunereset.worker.targeting;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** The literals of a filter: how they are written, which are allowed, and how they compare. */
final class Literals {
  // OData's dateTimeOffsetValue with at most 7 fractional digits: .NET's tick, Graph's precision.
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?"
              + "(Z|[+-][0-9]{2}:[0-9]{2})");
  private static final Pattern ENUM_MEMBER = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.9999999Z");
  private static final DateTimeFormatter RENDER =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .appendLiteral('Z')
          .toFormatter(Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Literals() {}

  /** A string literal: in single quotes, a quote inside written twice. */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** An instant in UTC with the fewest fractional digits, so that one instant has one spelling. */
  static String render(Instant instant) {
    return RENDER.format(instant);
  }

  /** The instant an unquoted date-time literal names, when it is one Graph can compare with. */
  static Optional<Instant> parseDateTime(String text) {
    if (!DATE_TIME.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      Instant instant = OffsetDateTime.parse(text).toInstant();
      return dateTimeProblem(instant).isEmpty() ? Optional.of(instant) : Optional.empty();
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Why an instant cannot stand in a filter, if it cannot. */
  static Optional<String> dateTimeProblem(Instant instant) {
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      return Optional.of("a date-time must lie in the years 0001 to 9999 (UTC)");
    }
    if (instant.getNano() % 100 != 0) {
      return Optional.of("a date-time has at most 7 fractional digits");
    }
    return Optional.empty();
  }

  /** Why a string cannot be the literal of {@code property}, if it cannot. */
  static Optional<String> textProblem(FilterProperty property, String value) {
    if (value.isEmpty()) {
      // Graph has answered an empty literal (userPrincipalName eq '') with the whole fleet.
      return Optional.of("an empty string selects nothing or, on Graph, everything");
    }
    OptionalInt bad = forbiddenCharAt(value);
    if (bad.isPresent()) {
      return Optional.of("contains the control or format character " + codePoint(value, bad));
    }
    if (property.kind() == FilterProperty.Kind.ENUM && !ENUM_MEMBER.matcher(value).matches()) {
      return Optional.of(
          property.graphName() + " takes an enum member's name: letters and digits only");
    }
    return Optional.empty();
  }

  /**
   * The index of the first control, format (bidi overrides, zero-width marks), line or paragraph
   * separator, or unpaired surrogate character: none belongs in a device selector, and some hide
   * what a reviewer reads.
   */
  static OptionalInt forbiddenCharAt(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      switch (Character.getType(cp)) {
        case Character.CONTROL,
            Character.FORMAT,
            Character.SURROGATE,
            Character.LINE_SEPARATOR,
            Character.PARAGRAPH_SEPARATOR -> {
          return OptionalInt.of(i);
        }
        default -> i += Character.charCount(cp);
      }
    }
    return OptionalInt.empty();
  }

  /** The code point at {@code index}, as {@code U+000A}. */
  static String codePoint(String text, OptionalInt index) {
    return String.format(Locale.ROOT, "U+%04X", text.codePointAt(index.getAsInt()));
  }

  /** Case folding for Graph's case-insensitive string comparisons. */
  static String fold(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
