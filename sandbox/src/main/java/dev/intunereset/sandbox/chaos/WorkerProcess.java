package dev.intunereset.sandbox.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The worker as a separate OS process, so that it can be killed with SIGKILL for real. */
public final class WorkerProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Path log;
  private Process process;

  public WorkerProcess(Map<String, String> env, Path log) {
    this.env = Map.copyOf(env);
    this.log = log;
  }

  public void start() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                // The worker's own logging, even where a test configuration is on the classpath.
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.intunereset.worker.WorkerMain")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the worker process", e);
    }
  }

  /** SIGKILL: no shutdown hook, no drain, no commit. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
    }
  }

  /** SIGTERM: the worker drains and commits. */
  public boolean stop() {
    if (process == null) {
      return true;
    }
    process.destroy();
    return waitFor();
  }

  private boolean waitFor() {
    try {
      return process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The messages of the ERROR lines the worker has logged so far, in every incarnation: what would
   * page whoever alerts on ERROR. Lines that are not the worker's JSON log are passed over.
   */
  public List<String> errorLines() {
    List<String> errors = new ArrayList<>();
    try (Stream<String> lines = Files.lines(log)) {
      lines.filter(l -> l.contains("\"level\":\"ERROR\"")).forEach(l -> errors.add(message(l)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the worker log " + log, e);
    }
    return errors;
  }

  private static String message(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node.path("logger_name").asText() + ": " + node.path("message").asText();
    } catch (IOException e) {
      return line;
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }
}
