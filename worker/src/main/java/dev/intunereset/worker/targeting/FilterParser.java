package dev.intunereset.worker.targeting;

import dev.intunereset.worker.targeting.FilterScanner.Token;
import dev.intunereset.worker.targeting.FilterScanner.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The filter grammar, refusing at the first token outside it:
 *
 * <pre>
 * filter   = clause *( "and" clause )              ; 1 to 10 clauses, at most 1,000 characters
 * clause   = property ( "eq" / "lt" / "gt" ) literal  ; as FilterProperty allows
 *          / "contains" "(" "deviceName" "," string ")"
 * literal  = string                                 ; text and enum properties: 'it''s'
 *          / dateTime                               ; unquoted: 2024-01-31T00:00:00Z, +01:00
 * </pre>
 *
 * Keywords and property names are case-sensitive, as OData and Graph spell them; no {@code or},
 * {@code not} or grouping parentheses.
 */
final class FilterParser {
  private static final Set<String> OTHER_OPERATORS =
      Set.of("ne", "ge", "le", "in", "has", "add", "sub", "mul", "div", "mod");
  private static final String EXAMPLE_DATE = "2024-01-31T00:00:00Z";

  private final FilterScanner scanner;

  private FilterParser(String text) {
    this.scanner = new FilterScanner(text);
  }

  static FilterParse parse(String text) {
    try {
      return new FilterParse.Parsed(new FilterParser(checked(text)).filter());
    } catch (Refusal r) {
      return r.refused();
    }
  }

  /** The checks on the whole string, before any token is read. */
  private static String checked(String text) {
    if (text == null || text.isBlank()) {
      throw Refusal.described(0, "an empty filter", "a filter needs at least one clause");
    }
    if (text.length() > DeviceFilter.MAX_LENGTH) {
      throw Refusal.described(
          DeviceFilter.MAX_LENGTH,
          "a filter of " + text.length() + " characters",
          "the limit is " + DeviceFilter.MAX_LENGTH);
    }
    OptionalInt bad = Literals.forbiddenCharAt(text);
    if (bad.isPresent()) {
      throw Refusal.described(
          bad.getAsInt(),
          "the control or format character " + Literals.codePoint(text, bad),
          "such characters have no place in a device selector");
    }
    return text;
  }

  private DeviceFilter filter() {
    List<Clause> clauses = new ArrayList<>();
    while (true) {
      Token start = scanner.peek();
      if (clauses.size() == DeviceFilter.MAX_CLAUSES) {
        throw Refusal.described(
            start.index(),
            "clause " + (clauses.size() + 1),
            "a filter joins at most " + DeviceFilter.MAX_CLAUSES + " clauses");
      }
      clauses.add(clause());
      Token t = scanner.next();
      if (t.type() == Type.END) {
        break;
      }
      joiner(t);
    }
    int length = DeviceFilter.render(clauses).length();
    if (length > DeviceFilter.MAX_LENGTH) {
      // Possible only near the limit: a date-time without seconds grows when written canonically.
      throw Refusal.described(
          DeviceFilter.MAX_LENGTH,
          "a filter of " + length + " characters as sent",
          "the limit is " + DeviceFilter.MAX_LENGTH);
    }
    return new DeviceFilter(clauses);
  }

  private static void joiner(Token t) {
    if (t.isWord("and")) {
      return;
    }
    if (t.isWordIgnoringCase("or")) {
      throw Refusal.at(
          t.index(),
          t.text(),
          "Graph does not support 'or' on managedDevices (filtered properties must be combined"
              + " with 'and', and an 'or' has been seen to drop clauses silently); send one"
              + " selector per alternative");
    }
    if (t.isWordIgnoringCase("and")) {
      throw Refusal.at(t.index(), t.text(), "OData keywords are lower case: write 'and'");
    }
    throw Refusal.at(t.index(), t.text(), "expected 'and' or the end of the filter");
  }

  private Clause clause() {
    Token t = scanner.next();
    switch (t.type()) {
      case WORD -> {
        if (t.isWordIgnoringCase("not")) {
          throw Refusal.at(
              t.index(),
              t.text(),
              "Graph does not support 'not' on managedDevices; name the devices you mean");
        }
        return scanner.peek().type() == Type.OPEN ? function(t) : comparison(t);
      }
      case OPEN ->
          throw Refusal.at(
              t.index(),
              "(",
              "no grouping: clauses are joined by 'and' only, so parentheses add nothing");
      case END ->
          throw Refusal.described(
              t.index(), "the end of the filter", "expected a clause: property op literal");
      default ->
          throw Refusal.at(
              t.index(), t.text(), "expected a property name or contains(deviceName,'…')");
    }
  }

  private Clause function(Token name) {
    if (name.isWordIgnoringCase("startswith")) {
      throw Refusal.at(
          name.index(),
          name.text(),
          "refused because Graph has answered startswith(deviceName,…) as if it were contains;"
              + " use contains(deviceName,'…') or deviceName eq '…'");
    }
    if (!name.isWord("contains")) {
      String why =
          name.isWordIgnoringCase("contains")
              ? "OData functions are lower case: write 'contains'"
              : "not an allowed function; the only one is contains(deviceName,'…')";
      throw Refusal.at(name.index(), name.text(), why);
    }
    expect(Type.OPEN, "(");
    Token p = scanner.next();
    FilterProperty property = property(p);
    if (!property.allows(FilterOperator.CONTAINS)) {
      throw Refusal.at(
          p.index(), p.text(), "contains is allowed on deviceName only; use " + p.text() + " eq");
    }
    expect(Type.COMMA, ",");
    String value = text(property, scanner.next());
    expect(Type.CLOSE, ")");
    return new Clause.Text(property, FilterOperator.CONTAINS, value);
  }

  private Clause comparison(Token p) {
    FilterProperty property = property(p);
    FilterOperator operator = operator(property, scanner.next());
    Token literal = scanner.next();
    if (property.kind() == FilterProperty.Kind.DATE_TIME) {
      return new Clause.Compare(property, operator, dateTime(property, literal));
    }
    return new Clause.Text(property, operator, text(property, literal));
  }

  private static FilterProperty property(Token t) {
    if (t.type() != Type.WORD) {
      throw refuseToken(t, "expected a property name; allowed: " + FilterProperty.allowedNames());
    }
    Optional<FilterProperty> exact = FilterProperty.byGraphName(t.text());
    if (exact.isPresent()) {
      return exact.get();
    }
    String why =
        FilterProperty.byGraphNameIgnoringCase(t.text())
            .map(p -> "property names are case-sensitive: write '" + p.graphName() + "'")
            .orElse(
                "not a property Graph filters managedDevices on (Graph would ignore it and return"
                    + " every device); allowed: "
                    + FilterProperty.allowedNames());
    throw Refusal.at(t.index(), t.text(), why);
  }

  private static FilterOperator operator(FilterProperty property, Token t) {
    String allowed = property.graphName() + " allows " + property.allowedOperators();
    if (t.type() != Type.WORD) {
      throw refuseToken(t, "expected an operator; " + allowed);
    }
    for (FilterOperator op : FilterOperator.values()) {
      if (op == FilterOperator.CONTAINS) {
        continue; // a function, not an infix operator
      }
      if (t.isWord(op.odata())) {
        if (property.allows(op)) {
          return op;
        }
        throw Refusal.at(t.index(), t.text(), "operator not allowed here; " + allowed);
      }
      if (t.isWordIgnoringCase(op.odata())) {
        throw Refusal.at(
            t.index(), t.text(), "OData operators are lower case: write '" + op.odata() + "'");
      }
    }
    String why =
        OTHER_OPERATORS.contains(t.text().toLowerCase(Locale.ROOT))
            ? "operator not allowed here; "
            : t.isWord("contains")
                ? "contains is a function: contains(deviceName,'…'); "
                : "not an operator; ";
    throw Refusal.at(t.index(), t.text(), why + allowed);
  }

  private static String text(FilterProperty property, Token t) {
    if (t.type() != Type.STRING) {
      throw refuseToken(
          t, property.graphName() + " takes a string in single quotes, such as 'value'");
    }
    Literals.textProblem(property, t.value())
        .ifPresent(
            problem -> {
              throw Refusal.at(t.index(), t.text(), problem);
            });
    return t.value();
  }

  private static Instant dateTime(FilterProperty property, Token t) {
    String why =
        property.graphName()
            + " takes an unquoted ISO-8601 date-time with an offset, in the years 0001 to 9999"
            + " and with at most 7 fractional digits, such as "
            + EXAMPLE_DATE;
    if (t.type() != Type.DATE_TIME) {
      throw refuseToken(t, why);
    }
    return Literals.parseDateTime(t.text()).orElseThrow(() -> Refusal.at(t.index(), t.text(), why));
  }

  private void expect(Type type, String what) {
    Token t = scanner.next();
    if (t.type() != type) {
      throw refuseToken(t, "expected '" + what + "' in contains(deviceName,'…')");
    }
  }

  private static Refusal refuseToken(Token t, String why) {
    return t.type() == Type.END
        ? Refusal.described(t.index(), "the end of the filter", why)
        : Refusal.at(t.index(), t.text(), why);
  }
}
