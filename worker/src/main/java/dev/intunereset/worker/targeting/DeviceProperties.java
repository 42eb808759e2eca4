package dev.intunereset.worker.targeting;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The filterable properties of one managed device as Graph returned them, for the worker's own
 * check of the filter; a property Graph did not return is absent, and an absent property matches no
 * clause.
 *
 * @param values text (enum members by their Graph name, e.g. {@code androidEnterprise}) for text
 *     and enum properties, an {@link Instant} for date-time properties
 */
public record DeviceProperties(Map<FilterProperty, Object> values) {
  public static final DeviceProperties NONE = new DeviceProperties(Map.of());

  public DeviceProperties {
    values = Map.copyOf(values);
    values.forEach(
        (property, value) -> {
          Class<?> expected =
              property.kind() == FilterProperty.Kind.DATE_TIME ? Instant.class : String.class;
          if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(
                property.graphName() + " must be a " + expected.getSimpleName() + ": " + value);
          }
        });
  }

  /** These properties with {@code property} set to {@code value} ({@code null} removes it). */
  public DeviceProperties with(FilterProperty property, Object value) {
    Map<FilterProperty, Object> copy = new HashMap<>(values);
    if (value == null) {
      copy.remove(property);
    } else {
      copy.put(property, value);
    }
    return new DeviceProperties(copy);
  }

  Optional<String> text(FilterProperty property) {
    return values.get(property) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  Optional<Instant> time(FilterProperty property) {
    return values.get(property) instanceof Instant t ? Optional.of(t) : Optional.empty();
  }
}
