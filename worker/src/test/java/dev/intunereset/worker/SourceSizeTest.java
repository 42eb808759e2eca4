package dev.intunereset.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small classes stay easy to change: no main class of the project grows past 350 lines. */
class SourceSizeTest {
  private static final int MAX_LINES = 350;
  private static final Path ROOT = Path.of("..");
  private static final List<String> MODULES =
      List.of("contracts", "cli", "worker", "sandbox", "bench");
  // A declarative table: one entry per key, read as a list rather than as logic.
  private static final Set<String> TABLES = Set.of("ConfigKeys.java");

  @Test
  void noMainClassIsLongerThan350Lines() throws IOException {
    List<String> tooLong;
    try (Stream<Path> files =
        MODULES.stream()
            .map(m -> ROOT.resolve(m).resolve("src/main/java"))
            .filter(Files::isDirectory)
            .flatMap(SourceSizeTest::javaFiles)) {
      tooLong =
          files
              .filter(f -> !TABLES.contains(f.getFileName().toString()))
              .filter(f -> lines(f) > MAX_LINES)
              .map(f -> ROOT.relativize(f) + " (" + lines(f) + " lines)")
              .toList();
    }
    assertThat(tooLong).as("main classes over %d lines", MAX_LINES).isEmpty();
  }

  @Test
  void theScanSeesTheWorkersOwnSources() {
    assertThat(javaFiles(ROOT.resolve("worker/src/main/java")))
        .anyMatch(f -> f.getFileName().toString().equals("Worker.java"));
  }

  private static Stream<Path> javaFiles(Path dir) {
    try {
      return Files.walk(dir).filter(f -> f.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
