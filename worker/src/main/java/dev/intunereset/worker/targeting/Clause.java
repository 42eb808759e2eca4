package dev.intunereset.worker.targeting;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One clause of a device filter. Each record admits only what the allowlist allows, so a filter
 * built in code is as safe as a parsed one and renders to text that parses back to itself.
 */
public sealed interface Clause {

  FilterProperty property();

  FilterOperator operator();

  /** The clause as sent to Graph. */
  String toOData();

  /** Whether {@code device} satisfies the clause; a property the device lacks never does. */
  boolean test(DeviceProperties device);

  /**
   * {@code property eq 'value'} on a text or enum property, or {@code
   * contains(deviceName,'value')}; both case-insensitive, as Graph is.
   */
  record Text(FilterProperty property, FilterOperator operator, String value) implements Clause {
    public Text {
      requireAllowed(property, operator, false);
      requireNone(property, Literals.textProblem(property, Objects.requireNonNull(value, "value")));
    }

    @Override
    public String toOData() {
      String literal = Literals.quote(value);
      return operator == FilterOperator.CONTAINS
          ? "contains(" + property.graphName() + "," + literal + ")"
          : property.graphName() + " eq " + literal;
    }

    @Override
    public boolean test(DeviceProperties device) {
      String folded = Literals.fold(value);
      return device
          .text(property)
          .map(Literals::fold)
          .filter(v -> operator == FilterOperator.CONTAINS ? v.contains(folded) : v.equals(folded))
          .isPresent();
    }
  }

  /** {@code property lt|gt date-time}, on a date-time property; strict, as OData's are. */
  record Compare(FilterProperty property, FilterOperator operator, Instant value)
      implements Clause {
    public Compare {
      requireAllowed(property, operator, true);
      requireNone(property, Literals.dateTimeProblem(Objects.requireNonNull(value, "value")));
    }

    @Override
    public String toOData() {
      return property.graphName() + " " + operator.odata() + " " + Literals.render(value);
    }

    @Override
    public boolean test(DeviceProperties device) {
      return device
          .time(property)
          .filter(t -> operator == FilterOperator.LT ? t.isBefore(value) : t.isAfter(value))
          .isPresent();
    }
  }

  private static void requireAllowed(
      FilterProperty property, FilterOperator operator, boolean dateTime) {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(operator, "operator");
    if ((property.kind() == FilterProperty.Kind.DATE_TIME) != dateTime) {
      throw new IllegalArgumentException(
          property.graphName() + (dateTime ? " is not a date-time" : " is a date-time"));
    }
    if (!property.allows(operator)) {
      throw new IllegalArgumentException(
          property.graphName()
              + " does not allow "
              + operator.odata()
              + "; it allows "
              + property.allowedOperators());
    }
  }

  private static void requireNone(FilterProperty property, Optional<String> problem) {
    if (problem.isPresent()) {
      throw new IllegalArgumentException(property.graphName() + ": " + problem.get());
    }
  }
}
