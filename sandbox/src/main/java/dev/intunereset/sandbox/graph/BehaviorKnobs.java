package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few {@link SimulatorBehavior} knobs {@link SimulatorAdmin} shows and takes as JSON, so an
 * integrator's tests can reach the fail-closed path and their own 429 handling without Java: {@code
 * latencyMs}, {@code throttle} (Intune's limits on or off), {@code errorRate}, {@code
 * outageSeconds} (an outage from now; 0 ends it), {@code filterDefect} and {@code
 * startsWithAsContains}.
 */
final class BehaviorKnobs {
  static final List<String> FIELDS =
      List.of(
          "latencyMs",
          "throttle",
          "errorRate",
          "outageSeconds",
          "filterDefect",
          "startsWithAsContains");

  /** A day: an outage longer than that is surely a typo. */
  static final long MAX_OUTAGE_SECONDS = 86_400;

  private BehaviorKnobs() {}

  /** The knobs as {@code b} has them at {@code now}; {@code outageSeconds} is what remains. */
  static Map<String, Object> of(SimulatorBehavior b, Instant now) {
    Map<String, Object> knobs = new LinkedHashMap<>();
    knobs.put("latencyMs", b.latencyMean().toMillis());
    knobs.put(
        "throttle",
        b.writeLimit() > 0
            || b.anyLimit() > 0
            || b.tenantWriteLimit() > 0
            || b.tenantAnyLimit() > 0);
    knobs.put("errorRate", b.errorRate());
    Optional<SimulatorBehavior.Outage> outage = b.outageAt(now);
    // Rounded up, so an outage still running never reads as 0.
    knobs.put(
        "outageSeconds",
        outage.map(o -> (Duration.between(now, o.to()).toMillis() + 999) / 1000).orElse(0L));
    knobs.put("filterDefect", b.filterDefect().name());
    knobs.put("startsWithAsContains", b.startsWithAsContains());
    return knobs;
  }

  /**
   * {@code b} with the knobs {@code changes} names set; the others stay.
   *
   * @throws IllegalArgumentException naming the field and what it takes, for anything else
   */
  static SimulatorBehavior apply(SimulatorBehavior b, JsonNode changes, Instant now) {
    if (changes == null || !changes.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object of " + FIELDS);
    }
    SimulatorBehavior.Builder next = b.toBuilder();
    Iterator<Map.Entry<String, JsonNode>> fields = changes.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "latencyMs" -> next.latency(Duration.ofMillis(whole(name, value, 600_000)));
        case "throttle" -> throttle(next, bool(name, value));
        case "errorRate" -> next.errorRate(ratio(name, value));
        case "outageSeconds" -> outage(next, whole(name, value, MAX_OUTAGE_SECONDS), now);
        case "filterDefect" -> next.filterDefect(filterDefect(value));
        case "startsWithAsContains" -> next.startsWithAsContains(bool(name, value));
        default ->
            throw new IllegalArgumentException(
                "unknown field '" + name + "'; the fields are " + FIELDS);
      }
    }
    return next.build();
  }

  private static void throttle(SimulatorBehavior.Builder next, boolean on) {
    if (on) {
      next.intuneThrottling();
    } else {
      next.throttle(0, 0, SimulatorBehavior.INTUNE_WINDOW).tenantLimits(0, 0);
    }
  }

  private static void outage(SimulatorBehavior.Builder next, long seconds, Instant now) {
    List<SimulatorBehavior.Outage> outages =
        seconds == 0
            ? List.of()
            : List.of(new SimulatorBehavior.Outage(now, now.plusSeconds(seconds)));
    next.outages(outages);
  }

  private static long whole(String name, JsonNode value, long max) {
    if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > max) {
      throw new IllegalArgumentException(name + " must be a whole number 0.." + max + ": " + value);
    }
    return value.asLong();
  }

  private static double ratio(String name, JsonNode value) {
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
      throw new IllegalArgumentException(name + " must be a number 0..1: " + value);
    }
    return value.asDouble();
  }

  private static boolean bool(String name, JsonNode value) {
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(name + " must be true or false: " + value);
    }
    return value.asBoolean();
  }

  private static SimulatorBehavior.FilterDefect filterDefect(JsonNode value) {
    for (SimulatorBehavior.FilterDefect defect : SimulatorBehavior.FilterDefect.values()) {
      if (value.isTextual() && defect.name().equals(value.asText().toUpperCase(Locale.ROOT))) {
        return defect;
      }
    }
    throw new IllegalArgumentException(
        "filterDefect must be one of "
            + List.of(SimulatorBehavior.FilterDefect.values())
            + ": "
            + value);
  }
}
