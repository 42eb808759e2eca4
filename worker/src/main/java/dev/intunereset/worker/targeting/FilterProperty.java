package dev.intunereset.worker.targeting;

import static dev.intunereset.worker.targeting.FilterOperator.CONTAINS;
import static dev.intunereset.worker.targeting.FilterOperator.EQ;
import static dev.intunereset.worker.targeting.FilterOperator.GT;
import static dev.intunereset.worker.targeting.FilterOperator.LT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The managedDevice properties a filter may name, with the operators Graph (beta) documents for
 * each; {@code operatingSystem eq} is the one undocumented addition, because it works in practice
 * and is the selector people use most. Anything else Graph may silently ignore, selecting the whole
 * fleet.
 */
public enum FilterProperty {
  DEVICE_NAME("deviceName", Kind.TEXT, EnumSet.of(EQ, CONTAINS)),
  OPERATING_SYSTEM("operatingSystem", Kind.TEXT, EnumSet.of(EQ)),
  OWNER_TYPE("ownerType", Kind.ENUM, EnumSet.of(EQ)),
  MANAGEMENT_STATE("managementState", Kind.ENUM, EnumSet.of(EQ)),
  DEVICE_TYPE("deviceType", Kind.ENUM, EnumSet.of(EQ)),
  COMPLIANCE_STATE("complianceState", Kind.ENUM, EnumSet.of(EQ)),
  // A String in Graph ("True", "False", "Unknown"), not a boolean.
  JAIL_BROKEN("jailBroken", Kind.ENUM, EnumSet.of(EQ)),
  MANAGEMENT_AGENT("managementAgent", Kind.ENUM, EnumSet.of(EQ)),
  DEVICE_CATEGORY_DISPLAY_NAME("deviceCategoryDisplayName", Kind.TEXT, EnumSet.of(EQ)),
  ENROLLED_DATE_TIME("enrolledDateTime", Kind.DATE_TIME, EnumSet.of(LT, GT)),
  LAST_SYNC_DATE_TIME("lastSyncDateTime", Kind.DATE_TIME, EnumSet.of(LT, GT));

  /** What a property's literal is. */
  public enum Kind {
    /** Free text in single quotes, compared case-insensitively. */
    TEXT,
    /** An enum member's name in single quotes (letters and digits), compared case-insensitively. */
    ENUM,
    /** An unquoted ISO-8601 date-time with an offset, compared as an instant. */
    DATE_TIME
  }

  private final String graphName;
  private final Kind kind;
  private final Set<FilterOperator> operators;

  FilterProperty(String graphName, Kind kind, Set<FilterOperator> operators) {
    this.graphName = graphName;
    this.kind = kind;
    this.operators = operators;
  }

  /** The property as Graph spells it, case included. */
  public String graphName() {
    return graphName;
  }

  public Kind kind() {
    return kind;
  }

  public boolean allows(FilterOperator operator) {
    return operators.contains(operator);
  }

  /** The allowed operators, for messages: {@code "eq, contains"}. */
  String allowedOperators() {
    return operators.stream().map(FilterOperator::odata).collect(Collectors.joining(", "));
  }

  /** The property spelled exactly {@code name}: Graph's property names are case-sensitive. */
  static Optional<FilterProperty> byGraphName(String name) {
    return Arrays.stream(values()).filter(p -> p.graphName.equals(name)).findFirst();
  }

  /** The property {@code name} means when only its case is wrong, for a "did you mean". */
  static Optional<FilterProperty> byGraphNameIgnoringCase(String name) {
    return Arrays.stream(values()).filter(p -> p.graphName.equalsIgnoreCase(name)).findFirst();
  }

  /** Every allowed property name, for messages. */
  static String allowedNames() {
    return Arrays.stream(values()).map(p -> p.graphName).collect(Collectors.joining(", "));
  }
}
