package dev.intunereset.worker.targeting;

import java.time.Instant;
import java.util.Objects;

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

  /** {@code property eq 'value'}, on a text or enum property; case-insensitive, as Graph is. */
  record Eq(FilterProperty property, String value) implements Clause {
    public Eq {
      requireAllowed(property, FilterOperator.EQ);
      requireText(property, value);
    }

    @Override
    public FilterOperator operator() {
      return FilterOperator.EQ;
    }

    @Override
    public String toOData() {
      return property.graphName() + " eq " + Literals.quote(value);
    }

    @Override
    public boolean test(DeviceProperties device) {
      return device
          .text(property)
          .map(v -> Literals.fold(v).equals(Literals.fold(value)))
          .orElse(false);
    }
  }

  /** {@code contains(deviceName,'value')}; case-insensitive, as Graph is. */
  record Contains(FilterProperty property, String value) implements Clause {
    public Contains {
      requireAllowed(property, FilterOperator.CONTAINS);
      requireText(property, value);
    }

    @Override
    public FilterOperator operator() {
      return FilterOperator.CONTAINS;
    }

    @Override
    public String toOData() {
      return "contains(" + property.graphName() + "," + Literals.quote(value) + ")";
    }

    @Override
    public boolean test(DeviceProperties device) {
      return device
          .text(property)
          .map(v -> Literals.fold(v).contains(Literals.fold(value)))
          .orElse(false);
    }
  }

  /** {@code property lt|gt date-time}, on a date-time property; strict, as OData's are. */
  record Compare(FilterProperty property, FilterOperator operator, Instant value)
      implements Clause {
    public Compare {
      requireAllowed(property, operator);
      if (property.kind() != FilterProperty.Kind.DATE_TIME) {
        throw new IllegalArgumentException(property.graphName() + " is not a date-time");
      }
      Objects.requireNonNull(value, "value");
      Literals.dateTimeProblem(value)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException(problem + ": " + value);
              });
    }

    @Override
    public String toOData() {
      return property.graphName() + " " + operator.odata() + " " + Literals.render(value);
    }

    @Override
    public boolean test(DeviceProperties device) {
      return device
          .time(property)
          .map(t -> operator == FilterOperator.LT ? t.isBefore(value) : t.isAfter(value))
          .orElse(false);
    }
  }

  private static void requireAllowed(FilterProperty property, FilterOperator operator) {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(operator, "operator");
    if (!property.allows(operator)) {
      throw new IllegalArgumentException(
          property.graphName()
              + " does not allow "
              + operator.odata()
              + "; it allows "
              + property.allowedOperators());
    }
  }

  private static void requireText(FilterProperty property, String value) {
    Objects.requireNonNull(value, "value");
    Literals.textProblem(property, value)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(property.graphName() + ": " + problem);
            });
  }
}
