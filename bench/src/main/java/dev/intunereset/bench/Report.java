package dev.intunereset.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one run of the bench twice: {@value #MARKDOWN} for people (the template's prose around
 * generated tables) and {@value #JSON} for machines (every figure of every run, the medians and the
 * targets).
 */
record Report(
    String command,
    String form,
    Instant started,
    Duration took,
    Machine machine,
    java.util.List<ScenarioResult> scenarios) {
  static final String MARKDOWN = "benchmarks.md";
  static final String JSON = "bench-results.json";
  private static final String TEMPLATE = "/benchmarks-template.md";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN), markdown(), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve(JSON),
        MAPPER.writeValueAsString(json()) + System.lineSeparator(),
        StandardCharsets.UTF_8);
  }

  String markdown() {
    return template()
        .replace("{{COMMAND}}", command)
        .replace("{{RUN}}", runSection())
        .replace("{{SUMMARY}}", summary())
        .replace("{{SCENARIOS}}", scenarioSections());
  }

  private static String template() {
    try (InputStream in = Report.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String runSection() {
    StringBuilder b = new StringBuilder();
    b.append("| | |\n|---|---|\n");
    row(b, "command", "`" + command + "`");
    row(b, "form", form);
    row(b, "started", started.truncatedTo(ChronoUnit.SECONDS).toString());
    row(b, "took", took.toSeconds() + " s");
    row(b, "cores", Integer.toString(machine.cores()));
    row(b, "memory", String.format(Locale.ROOT, "%.1f GiB", machine.memoryGiB()));
    row(b, "CPU", machine.cpuModel());
    row(b, "JVM", machine.jvm());
    row(b, "OS", machine.os());
    row(
        b,
        "load average (1 min) at start / end",
        String.format(
            Locale.ROOT,
            "%.2f / %.2f%s",
            machine.loadAverageAtStart(),
            machine.loadAverageAtEnd(),
            machine.loadAverageAtStart() > 0.5 || machine.loadAverageAtEnd() > machine.cores()
                ? " (the machine was shared with other builds: figures are conservative)"
                : ""));
    return b.toString();
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  private String summary() {
    StringBuilder b = new StringBuilder();
    b.append("| scenario | target | median | met |\n|---|---|---|---|\n");
    for (ScenarioResult r : scenarios) {
      for (Target t : r.targets()) {
        Metric m = metric(r, t.key());
        b.append("| ")
            .append(r.title())
            .append(" | ")
            .append(t.label())
            .append(" | ")
            .append(m.format(r.median(t.key())))
            .append(m.unit().isEmpty() ? "" : " " + m.unit())
            .append(" | ")
            .append(r.met(t) ? "yes" : "**no**")
            .append(" |\n");
      }
    }
    return b.toString();
  }

  /** "(ms)" after a label; nothing where the label already says it ("devices/s", "x"). */
  private static String unitSuffix(Metric m) {
    return m.unit().isEmpty() || m.unit().equals("/s") || m.unit().equals("x")
        ? ""
        : " (" + m.unit() + ")";
  }

  private static Metric metric(ScenarioResult r, String key) {
    return r.metrics().stream()
        .filter(m -> m.key().equals(key))
        .findFirst()
        .orElse(new Metric(key, key, "", 2));
  }

  private String scenarioSections() {
    StringBuilder b = new StringBuilder();
    for (ScenarioResult r : scenarios) {
      b.append("### ").append(r.title()).append("\n\n");
      for (String s : r.setup()) {
        b.append("- ").append(s).append('\n');
      }
      b.append('\n');
      b.append("| figure |");
      for (int i = 1; i <= r.runs().size(); i++) {
        b.append(" run ").append(i).append(" |");
      }
      b.append(" median |\n|---|");
      b.append("---:|".repeat(r.runs().size() + 1)).append('\n');
      for (Metric m : r.metrics()) {
        b.append("| ").append(m.label()).append(unitSuffix(m));
        b.append(" |");
        for (Map<String, Double> run : r.runs()) {
          b.append(' ').append(m.format(run.getOrDefault(m.key(), Double.NaN))).append(" |");
        }
        b.append(' ').append(m.format(r.median(m.key()))).append(" |\n");
      }
      b.append('\n');
      for (Target t : r.targets()) {
        b.append("- Target ")
            .append(t.label())
            .append(": ")
            .append(r.met(t) ? "met" : "**not met**")
            .append(".\n");
      }
      for (String n : r.notes()) {
        b.append("- ").append(n).append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }

  ObjectNode json() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("command", command);
    root.put("form", form);
    root.put("started", started.truncatedTo(ChronoUnit.SECONDS).toString());
    root.put("tookSeconds", took.toSeconds());
    ObjectNode m = root.putObject("machine");
    m.put("cores", machine.cores());
    m.put("memoryGiB", round(machine.memoryGiB()));
    m.put("cpu", machine.cpuModel());
    m.put("jvm", machine.jvm());
    m.put("os", machine.os());
    m.put("loadAverageAtStart", machine.loadAverageAtStart());
    m.put("loadAverageAtEnd", machine.loadAverageAtEnd());
    ArrayNode list = root.putArray("scenarios");
    for (ScenarioResult r : scenarios) {
      ObjectNode s = list.addObject();
      s.put("id", r.id());
      s.put("title", r.title());
      ArrayNode setup = s.putArray("setup");
      r.setup().forEach(setup::add);
      ObjectNode units = s.putObject("units");
      r.metrics().forEach(x -> units.put(x.key(), x.unit()));
      ArrayNode runs = s.putArray("runs");
      for (Map<String, Double> run : r.runs()) {
        ObjectNode o = runs.addObject();
        r.metrics().forEach(x -> put(o, x.key(), run.getOrDefault(x.key(), Double.NaN)));
      }
      ObjectNode medians = s.putObject("median");
      r.medians().forEach((k, v) -> put(medians, k, v));
      ArrayNode targets = s.putArray("targets");
      for (Target t : r.targets()) {
        ObjectNode o = targets.addObject();
        o.put("label", t.label());
        o.put("metric", t.key());
        o.put("comparison", t.atLeast() ? ">=" : "<=");
        o.put("threshold", t.threshold());
        put(o, "median", r.median(t.key()));
        o.put("met", r.met(t));
      }
      ArrayNode notes = s.putArray("notes");
      r.notes().forEach(notes::add);
    }
    return root;
  }

  private static void put(ObjectNode o, String key, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(key);
    } else {
      o.put(key, round(v));
    }
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
