package dev.intunereset.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code bench/run}: runs the scenarios and writes the report and the JSON. */
@Command(
    name = "bench/run",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks the worker against the embedded broker and the Graph simulator, with two"
            + " baselines; writes benchmarks.md and bench-results.json.")
public final class Bench implements Callable<Integer> {
  static final List<String> SCENARIOS =
      List.of("budget", "headroom", "interactive", "large", "startup");

  @Option(
      names = "--quick",
      description = "Every scenario at a small scale, one run each (under two minutes).")
  boolean quick;

  @Option(
      names = "--only",
      split = ",",
      description = "Run only these scenarios: budget, headroom, interactive, large, startup.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--out",
      description =
          "Directory for benchmarks.md and bench-results.json (default: docs for the full form,"
              + " bench-results/quick for --quick).")
  Path out;

  @Option(
      names = "--work",
      description = "Directory for worker logs and profiles (default: ${DEFAULT-VALUE}).")
  Path work = Path.of("bench-results");

  @Option(
      names = "--profile",
      description = "Record a JFR profile of the worker's part of the headroom scenario.")
  boolean profile;

  @Option(
      names = "--command",
      hidden = true,
      description = "The command line as the user typed it (set by bench/run), for the report.")
  String command = "bench/run";

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  static void progress(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[bench %s] %s%n", Instant.now(), String.format(format, args));
    System.out.flush();
  }

  @Override
  public Integer call() throws Exception {
    quiet();
    Scale scale = quick ? Scale.quick() : Scale.full();
    Set<String> selected = new LinkedHashSet<>(only.isEmpty() ? SCENARIOS : only);
    for (String s : selected) {
      if (!SCENARIOS.contains(s)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "unknown scenario " + s + "; one of " + SCENARIOS);
      }
    }
    Path outDir = out != null ? out : quick ? work.resolve("quick") : Path.of("docs");
    Machine machine = Machine.describe(Machine.loadAverage());
    progress("%s form, scenarios %s; machine %s", scale.form(), selected, machine);
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    List<ScenarioResult> results = new ArrayList<>();
    for (String s : SCENARIOS) {
      if (!selected.contains(s)) {
        continue;
      }
      long s0 = System.nanoTime();
      try {
        results.add(
            switch (s) {
              case "budget" -> BudgetSaturation.run(scale);
              case "headroom" -> Headroom.run(scale, work, profile);
              case "interactive" -> InteractiveLatency.run(scale);
              case "large" -> LargeRequest.run(scale, work);
              case "startup" -> Startup.run(scale, work);
              default -> throw new IllegalStateException(s);
            });
      } catch (RuntimeException e) {
        // One broken scenario must not cost the figures of the others; the report says so.
        progress("%s FAILED: %s", s, e);
        e.printStackTrace(System.out);
        results.add(ScenarioResult.failed(s, e));
      }
      progress("%s took %.0f s", s, (System.nanoTime() - s0) / 1e9);
      // Written after every scenario, so an interrupted run still leaves what it measured.
      report(scale, started, t0, machine, results).write(outDir);
    }
    Report report = report(scale, started, t0, machine, results);
    Duration took = report.took();
    report.write(outDir);
    progress(
        "done in %d s; wrote %s and %s",
        took.toSeconds(), outDir.resolve(Report.MARKDOWN), outDir.resolve(Report.JSON));
    for (ScenarioResult r : results) {
      for (Target t : r.targets()) {
        progress(
            "%-40s %-30s %s (median %s)",
            r.title(), t.label(), r.met(t) ? "met" : "NOT met", r.median(t.key()));
      }
    }
    // Targets missed are findings, not failures; a scenario that could not run is a failure.
    return results.stream().anyMatch(r -> r.runs().isEmpty()) ? 1 : 0;
  }

  private Report report(
      Scale scale, Instant started, long t0, Machine machine, List<ScenarioResult> results) {
    return new Report(
        command,
        scale.form(),
        started,
        Duration.ofNanos(System.nanoTime() - t0),
        machine.withLoadAtEnd(Machine.loadAverage()),
        List.copyOf(results));
  }

  /** Library logs at WARN (the broker is chatty); the bench prints its own progress lines. */
  private static void quiet() {
    set(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
    set("kafka", Level.ERROR);
    set("org.apache.kafka", Level.ERROR);
    set("io.confluent.parallelconsumer", Level.ERROR);
  }

  private static void set(String name, Level level) {
    if (LoggerFactory.getLogger(name) instanceof Logger logger) {
      logger.setLevel(level);
    }
  }
}
