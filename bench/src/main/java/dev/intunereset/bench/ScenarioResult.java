package dev.intunereset.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: a row of figures per run, their medians, the targets judged on the
 * medians, and notes (how it was set up, what the figures imply).
 */
record ScenarioResult(
    String id,
    String title,
    List<String> setup,
    List<Metric> metrics,
    List<Map<String, Double>> runs,
    List<Target> targets,
    List<String> notes) {

  ScenarioResult {
    setup = List.copyOf(setup);
    metrics = List.copyOf(metrics);
    runs = runs.stream().map(r -> Map.copyOf(new LinkedHashMap<>(r))).toList();
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }

  /** A scenario that could not be measured: no runs, and the error as its note. */
  static ScenarioResult failed(String id, RuntimeException e) {
    return new ScenarioResult(
        id,
        id + " (FAILED)",
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of("The scenario failed and has no figures: " + e));
  }

  /** The same result with notes that may quote its medians. */
  ScenarioResult withNotes(java.util.function.Function<ScenarioResult, List<String>> notesOf) {
    return new ScenarioResult(id, title, setup, metrics, runs, targets, notesOf.apply(this));
  }

  double median(String key) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Double> run : runs) {
      Double v = run.get(key);
      if (v != null) {
        values.add(v);
      }
    }
    return Stats.median(values);
  }

  Map<String, Double> medians() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric m : metrics) {
      out.put(m.key(), median(m.key()));
    }
    return out;
  }

  boolean met(Target t) {
    return t.metBy(median(t.key()));
  }

  boolean allTargetsMet() {
    return targets.stream().allMatch(this::met);
  }
}
