package dev.intunereset.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a JVM of its own to completion, its output going to a log file. */
final class JavaProcess {
  private JavaProcess() {}

  /** Runs and returns the log's lines; fails if it exits non-zero or outlives the timeout. */
  static List<String> run(
      String classpath,
      List<String> jvmOptions,
      Map<String, String> env,
      String mainClass,
      List<String> args,
      Path log,
      Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(mainClass + " ran over " + timeout + "; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(mainClass + " exited " + p.exitValue() + "; see " + log);
      }
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
