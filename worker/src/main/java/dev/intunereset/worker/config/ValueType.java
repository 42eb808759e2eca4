package dev.intunereset.worker.config;

import dev.intunereset.contracts.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The type and accepted range of a configuration key. One object both checks a value and describes
 * the range, in problem lines and in docs/configuration.md, so that no bound is written twice.
 *
 * @param <T> the type of a checked value
 */
public sealed interface ValueType<T>
    permits ValueType.IntRange,
        ValueType.DurationRange,
        ValueType.Choice,
        ValueType.Text,
        ValueType.Guid,
        HttpsUrl,
        ReadableFile,
        ValueType.SecretText,
        ValueType.CommaList,
        ValueType.AnyOr,
        ValueType.Noted {

  /** The value of {@code text} (trimmed, not blank), or empty when it is outside the range. */
  Optional<T> parse(String text);

  /** The accepted range as people read it. */
  String range();

  /** Why {@code text} is refused; the problem line is {@code KEY: } followed by this. */
  default String problem(String text) {
    return "invalid value '" + printable(text) + "', expected " + range();
  }

  /** This type with bounds that name other keys replaced by those keys' values. */
  default ValueType<T> resolve(Function<ConfigKey<Duration>, Duration> valueOf) {
    return this;
  }

  /** A value fit for one problem line: no line breaks or other controls, at most 80 characters. */
  static String printable(String value) {
    String cleaned = value.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
  }

  /**
   * Whole numbers from {@code min} to {@code max}.
   *
   * @param zeroMeans what 0 stands for when it is in range (e.g. "off"); empty when nothing special
   */
  record IntRange(int min, int max, String zeroMeans) implements ValueType<Integer> {
    public IntRange {
      if (min > max || (!zeroMeans.isEmpty() && (min > 0 || max < 0))) {
        throw new IllegalArgumentException("bad range " + min + ".." + max + " " + zeroMeans);
      }
    }

    IntRange zeroMeans(String meaning) {
      return new IntRange(min, max, meaning);
    }

    @Override
    public Optional<Integer> parse(String text) {
      try {
        int v = Integer.parseInt(text);
        return v >= min && v <= max ? Optional.of(v) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    @Override
    public String range() {
      return min + ".." + max + (zeroMeans.isEmpty() ? "" : ", 0 = " + zeroMeans);
    }
  }

  /**
   * Durations from {@code min} to {@code max}, written Go style or ISO-8601 ({@link Durations}).
   *
   * @param ceiling a key whose value is the upper bound instead, when not null; {@code max} is then
   *     the largest value that key accepts
   */
  record DurationRange(Duration min, Duration max, ConfigKey<Duration> ceiling, String zeroMeans)
      implements ValueType<Duration> {
    public DurationRange {
      if (min.isNegative() || min.compareTo(max) > 0) {
        throw new IllegalArgumentException("bad range " + min + ".." + max);
      }
      if (!zeroMeans.isEmpty() && !min.isZero()) {
        throw new IllegalArgumentException("0 is not in range: " + min + ".." + max);
      }
    }

    /** From {@code min} up to the value of {@code ceiling}. */
    static DurationRange upTo(Duration min, ConfigKey<Duration> ceiling) {
      Duration max = ((DurationRange) ceiling.type()).max();
      return new DurationRange(min, max, ceiling, "");
    }

    DurationRange zeroMeans(String meaning) {
      return new DurationRange(min, max, ceiling, meaning);
    }

    @Override
    public Optional<Duration> parse(String text) {
      return Durations.parse(text).filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0);
    }

    @Override
    public String range() {
      String upper = ceiling == null ? text(max) : ceiling.name();
      return text(min) + ".." + upper + (zeroMeans.isEmpty() ? "" : ", 0 = " + zeroMeans);
    }

    @Override
    public ValueType<Duration> resolve(Function<ConfigKey<Duration>, Duration> valueOf) {
      Duration cap = ceiling == null ? null : valueOf.apply(ceiling);
      // An invalid ceiling is its own problem; this key is then checked against the widest bound.
      return cap == null || cap.compareTo(min) < 0
          ? this
          : new DurationRange(min, cap, ceiling, zeroMeans);
    }

    /** Go style, except that whole days beyond one are written in days ({@code 7d}). */
    private static String text(Duration d) {
      boolean wholeDays = d.equals(Duration.ofDays(d.toDays()));
      return wholeDays && d.toDays() > 1 ? d.toDays() + "d" : Durations.format(d);
    }
  }

  /** One of a fixed set of words, each standing for a value. */
  record Choice<T>(Map<String, T> values, boolean ignoreCase) implements ValueType<T> {
    public Choice {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Exactly one of these words, case-sensitive. */
    static Choice<String> of(String... words) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String w : words) {
        values.put(w, w);
      }
      return new Choice<>(values, false);
    }

    /** {@code true} or {@code false}. */
    static Choice<Boolean> flag() {
      Map<String, Boolean> values = new LinkedHashMap<>();
      values.put("true", true);
      values.put("false", false);
      return new Choice<>(values, false);
    }

    /** The constants of an enum, by their lower-case config names, in any case. */
    static <E extends Enum<E>> Choice<E> ofEnum(E[] constants, Function<E, String> name) {
      Map<String, E> values = new LinkedHashMap<>();
      for (E e : constants) {
        values.put(name.apply(e), e);
      }
      return new Choice<>(values, true);
    }

    Set<String> words() {
      return values.keySet();
    }

    @Override
    public Optional<T> parse(String text) {
      return Optional.ofNullable(values.get(ignoreCase ? text.toLowerCase(Locale.ROOT) : text));
    }

    @Override
    public String range() {
      return String.join(" | ", values.keySet());
    }
  }

  /**
   * Text matching {@code pattern}; the range reads {@code label}, or the pattern if it is empty.
   */
  record Text(String label, String pattern) implements ValueType<String> {
    public Text {
      Pattern.compile(pattern);
    }

    @Override
    public Optional<String> parse(String text) {
      return text.matches(pattern) ? Optional.of(text) : Optional.empty();
    }

    @Override
    public String range() {
      return label.isEmpty() ? pattern : label;
    }
  }

  /** A GUID, as Entra ID writes application and identity ids. */
  record Guid() implements ValueType<String> {
    private static final Pattern GUID =
        Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public Optional<String> parse(String text) {
      return GUID.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    @Override
    public String range() {
      return "GUID";
    }

    @Override
    public String problem(String text) {
      return "must be a GUID, got '" + printable(text) + "'";
    }
  }

  /** Any text, held as a {@link Secret} and never printed; {@code label} says what it is. */
  record SecretText(String label) implements ValueType<Secret> {
    @Override
    public Optional<Secret> parse(String text) {
      return Optional.of(Secret.of(text));
    }

    @Override
    public String range() {
      return label.isEmpty() ? "secret" : "secret; " + label;
    }

    @Override
    public String problem(String text) {
      return "invalid value (not shown), expected " + range();
    }
  }

  /** A comma-separated list of elements; blanks between commas are skipped. */
  record CommaList<T>(ValueType<T> element, boolean mayBeEmpty) implements ValueType<List<T>> {
    public CommaList {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public Optional<List<T>> parse(String text) {
      List<T> out = new ArrayList<>();
      for (String part : text.split(",")) {
        String item = part.trim();
        if (item.isEmpty()) {
          continue;
        }
        Optional<T> value = element.parse(item);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        out.add(value.get());
      }
      return out.isEmpty() && !mayBeEmpty ? Optional.empty() : Optional.of(List.copyOf(out));
    }

    @Override
    public String range() {
      // "a, b, c" reads better in a list than the choice's own "a | b | c".
      String items =
          element instanceof Choice<?> c ? String.join(", ", c.words()) : element.range();
      return "comma list of " + items;
    }
  }

  /** {@code token} for "any" (an empty optional), or a value of {@code inner}. */
  record AnyOr<T>(String token, ValueType<T> inner) implements ValueType<Optional<T>> {
    @Override
    public Optional<Optional<T>> parse(String text) {
      return text.equals(token)
          ? Optional.of(Optional.empty())
          : inner.parse(text).map(Optional::of);
    }

    @Override
    public String range() {
      return inner.range() + ", or " + token + " for any";
    }
  }

  /** {@code inner} with a requirement the worker does not check here, documented with the range. */
  record Noted<T>(ValueType<T> inner, String note) implements ValueType<T> {
    @Override
    public Optional<T> parse(String text) {
      return inner.parse(text);
    }

    @Override
    public String range() {
      return inner.range() + "; " + note;
    }

    @Override
    public String problem(String text) {
      return inner.problem(text);
    }
  }
}
