package dev.intunereset.sandbox.e2e;

import dev.intunereset.sandbox.SandboxCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code sandbox/run up} as a separate process, started from a directory as a shell would (so that
 * relative file names in a documented command resolve there), on free ports. What it prints is read
 * by a thread of its own, so that a test waits for a line with a deadline and a diagnosis.
 */
final class UpProcess implements AutoCloseable {
  private static final String END_OF_OUTPUT = "\u0000end of output";

  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private UpProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(this::readStdout, "up-process-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs a documented command line, such as {@code sandbox/run up --env KEY=VALUE}, in {@code dir}
   * with any free ports added.
   */
  static UpProcess run(String commandLine, Path dir) throws IOException {
    List<String> words = List.of(commandLine.strip().split("\\s+"));
    if (words.size() < 2 || !words.get(0).equals("sandbox/run") || !words.get(1).equals("up")) {
      throw new IllegalArgumentException("not a sandbox/run up command: " + commandLine);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(SandboxCli.class.getName());
    command.addAll(words.subList(1, words.size()));
    command.addAll(List.of("--kafka-port", "0", "--graph-port", "0", "--ops-port", "0"));
    Path stderr = Files.createTempFile(dir, "up-stderr", ".txt");
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile()).start();
    return new UpProcess(process, stderr);
  }

  private void readStdout() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(stdout unreadable: " + e + ")");
    }
    lines.add(END_OF_OUTPUT);
  }

  /**
   * Waits for "sandbox is up" and returns the {@code KEY=VALUE} lines printed before it.
   *
   * @throws AssertionError with everything printed, if it exits or takes longer than the timeout
   */
  Map<String, String> awaitUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> printed = new HashMap<>();
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END_OF_OUTPUT)) {
        throw new AssertionError(
            (line == null ? "not up within " + timeout : "exited before it was up")
                + "; stdout: "
                + seen
                + "; stderr: "
                + stderr());
      }
      seen.add(line);
      if (line.startsWith("sandbox is up")) {
        return printed;
      }
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("[A-Z_]+")) {
        printed.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
  }

  /** Lines printed so far, up to "sandbox is up" or the end. */
  List<String> stdout() {
    return List.copyOf(seen);
  }

  /**
   * Waits for the process to exit.
   *
   * @throws AssertionError if it has not exited within the timeout
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String line = ""; !line.equals(END_OF_OUTPUT); ) {
      line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("still printing after " + timeout + "; stdout: " + seen);
      }
      seen.add(line);
    }
    seen.remove(END_OF_OUTPUT);
    if (!process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      throw new AssertionError("still running after " + timeout + "; stderr: " + stderr());
    }
    return process.exitValue();
  }

  String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, as Ctrl-C would; the stack drains and stops. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
