package dev.intunereset.sandbox.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The simulator's own reading of a managedDevices {@code $filter}, written apart from the worker's
 * parser so that each checks the other: what Graph beta documents as filterable ({@code deviceName}
 * eq and contains; {@code ownerType}, {@code managementState}, {@code deviceType}, {@code
 * complianceState}, {@code jailBroken}, {@code managementAgent}, {@code deviceCategoryDisplayName}
 * eq; {@code enrolledDateTime} and {@code lastSyncDateTime} lt and gt) plus {@code operatingSystem
 * eq}, which works in practice, joined by {@code and}.
 *
 * <p>Three outcomes: {@link Clauses} to match devices with; {@link Unsupported}, well-formed OData
 * that Graph does not honour (another property of managedDevice, another operator or function,
 * {@code or}, {@code not}, parentheses), which is where Graph's reported defect of ignoring the
 * filter lives; {@link Invalid}, not OData at all or a property managedDevice does not have, which
 * Graph's OData layer refuses before any service sees it.
 */
final class ListingFilter {
  private enum Kind {
    TEXT,
    DATE_TIME
  }

  private record Allowed(Kind kind, Set<String> operators) {}

  private static final Set<String> EQ = Set.of("eq");
  private static final Map<String, Allowed> ALLOWED =
      Map.ofEntries(
          Map.entry("deviceName", new Allowed(Kind.TEXT, Set.of("eq", "contains"))),
          Map.entry("operatingSystem", new Allowed(Kind.TEXT, EQ)),
          Map.entry("ownerType", new Allowed(Kind.TEXT, EQ)),
          Map.entry("managementState", new Allowed(Kind.TEXT, EQ)),
          Map.entry("deviceType", new Allowed(Kind.TEXT, EQ)),
          Map.entry("complianceState", new Allowed(Kind.TEXT, EQ)),
          Map.entry("jailBroken", new Allowed(Kind.TEXT, EQ)),
          Map.entry("managementAgent", new Allowed(Kind.TEXT, EQ)),
          Map.entry("deviceCategoryDisplayName", new Allowed(Kind.TEXT, EQ)),
          Map.entry("enrolledDateTime", new Allowed(Kind.DATE_TIME, Set.of("lt", "gt"))),
          Map.entry("lastSyncDateTime", new Allowed(Kind.DATE_TIME, Set.of("lt", "gt"))));
  private static final Set<String> COMPARISONS = Set.of("eq", "ne", "lt", "le", "gt", "ge");
  private static final Set<String> FUNCTIONS = Set.of("contains", "startswith", "endswith");

  /** What a filter string is. */
  sealed interface Result permits Clauses, Unsupported, Invalid {}

  /** A filter Graph honours: a device matches when it satisfies every clause. */
  record Clauses(List<Clause> clauses) implements Result {
    static final Clauses NONE = new Clauses(List.of());

    /**
     * @param property a device property's value by Graph name (live, for lastSyncDateTime)
     */
    boolean matches(Function<String, Object> property) {
      return clauses.stream().allMatch(c -> c.test(property.apply(c.property())));
    }
  }

  /** Well-formed, but not what Graph documents as filterable; {@code reason} names the culprit. */
  record Unsupported(String reason) implements Result {}

  /** Not a filter Graph's OData layer accepts at all. */
  record Invalid(String reason) implements Result {}

  /** One honoured clause; {@code operator} is eq, contains, lt or gt. */
  record Clause(String property, String operator, String text, Instant time) {
    boolean test(Object value) {
      if (!(value instanceof String s)) {
        return false;
      }
      if (time != null) {
        Optional<Instant> at = instant(s);
        return at.isPresent()
            && (operator.equals("lt") ? at.get().isBefore(time) : at.get().isAfter(time));
      }
      String folded = s.toLowerCase(Locale.ROOT);
      String wanted = text.toLowerCase(Locale.ROOT);
      return operator.equals("contains") ? folded.contains(wanted) : folded.equals(wanted);
    }
  }

  private final List<String> tokens;
  private int next;
  private String unsupported;

  private ListingFilter(List<String> tokens) {
    this.tokens = tokens;
  }

  /**
   * @param startsWithAsContains Graph's reported defect: {@code startswith(deviceName,…)} is
   *     accepted and matches as {@code contains}
   */
  static Result parse(String text, boolean startsWithAsContains) {
    List<String> tokens;
    try {
      tokens = tokenize(text);
    } catch (IllegalArgumentException e) {
      return new Invalid(e.getMessage());
    }
    if (tokens.isEmpty()) {
      return new Invalid("the filter is empty");
    }
    ListingFilter parser = new ListingFilter(tokens);
    try {
      List<Clause> clauses = new ArrayList<>();
      while (true) {
        parser.clause(startsWithAsContains).ifPresent(clauses::add);
        if (parser.next == tokens.size()) {
          break;
        }
        String joiner = parser.take("'and' or 'or'");
        if (joiner.equalsIgnoreCase("or")) {
          parser.unsupported("'or' (combine filterable properties with 'and')");
        } else if (!joiner.equalsIgnoreCase("and")) {
          throw new IllegalArgumentException("syntax error at '" + joiner + "'");
        }
      }
      return parser.unsupported != null
          ? new Unsupported(parser.unsupported)
          : new Clauses(clauses);
    } catch (IllegalArgumentException e) {
      return new Invalid(e.getMessage());
    }
  }

  private Optional<Clause> clause(boolean startsWithAsContains) {
    String first = take("a property or function");
    if (first.equals("(") || first.equalsIgnoreCase("not")) {
      unsupported("'" + first + "'");
      // Nothing after it is read: the filter is unsupported whatever follows.
      next = tokens.size();
      return Optional.empty();
    }
    if (peek().equals("(")) {
      String function = first.toLowerCase(Locale.ROOT);
      if (!FUNCTIONS.contains(function)) {
        throw new IllegalArgumentException("unknown function '" + first + "'");
      }
      expect("(");
      String property = property(take("a property"));
      expect(",");
      String literal = take("a literal");
      expect(")");
      boolean asContains = function.equals("startswith") && startsWithAsContains;
      return allowed(property, asContains ? "contains" : function, literal, first);
    }
    String property = property(first);
    String operator = take("an operator").toLowerCase(Locale.ROOT);
    if (!COMPARISONS.contains(operator)) {
      throw new IllegalArgumentException("unknown operator '" + operator + "'");
    }
    return allowed(property, operator, take("a literal"), operator);
  }

  private Optional<Clause> allowed(String property, String operator, String literal, String shown) {
    Allowed allowed = ALLOWED.get(property);
    if (allowed == null) {
      unsupported("property '" + property + "' is not filterable");
      return Optional.empty();
    }
    if (!allowed.operators().contains(operator)) {
      unsupported("'" + shown + "' on '" + property + "'");
      return Optional.empty();
    }
    if (allowed.kind() == Kind.DATE_TIME) {
      Instant time =
          instant(literal)
              .orElseThrow(
                  () -> new IllegalArgumentException(property + " needs a date-time: " + literal));
      return Optional.of(new Clause(property, operator, null, time));
    }
    if (!literal.startsWith("'")) {
      throw new IllegalArgumentException(property + " needs a quoted string: " + literal);
    }
    String text = literal.substring(1, literal.length() - 1).replace("''", "'");
    return Optional.of(new Clause(property, operator, text, null));
  }

  /** A property of managedDevice, spelled as Graph spells it; any other name is Invalid. */
  private static String property(String name) {
    for (String real : ManagedDeviceProperties.GRAPH) {
      if (real.equalsIgnoreCase(name)) {
        return real;
      }
    }
    throw new IllegalArgumentException(
        "Could not find a property named '" + name + "' on type 'microsoft.graph.managedDevice'.");
  }

  private void unsupported(String what) {
    if (unsupported == null) {
      unsupported = what;
    }
  }

  private String peek() {
    return next < tokens.size() ? tokens.get(next) : "";
  }

  private String take(String what) {
    if (next == tokens.size()) {
      throw new IllegalArgumentException("syntax error: " + what + " expected at the end");
    }
    return tokens.get(next++);
  }

  private void expect(String token) {
    String got = take("'" + token + "'");
    if (!got.equals(token)) {
      throw new IllegalArgumentException(
          "syntax error: '" + token + "' expected, not '" + got + "'");
    }
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Words, quoted strings (kept with their quotes) and the punctuation {@code ( ) ,}. */
  private static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '\'') {
        int j = i + 1;
        while (true) {
          if (j >= text.length()) {
            throw new IllegalArgumentException("syntax error: unterminated string literal");
          }
          if (text.charAt(j) == '\'') {
            if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.add(text.substring(i, j + 1));
        i = j + 1;
      } else {
        int j = i;
        while (j < text.length()
            && !Character.isWhitespace(text.charAt(j))
            && "(),'".indexOf(text.charAt(j)) < 0) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      }
    }
    return out;
  }
}
