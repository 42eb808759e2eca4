package dev.intunereset.sandbox.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/** Formats KRaft storage in-process, the step {@code kafka-storage.sh format} does by hand. */
final class StorageFormatter {

  private StorageFormatter() {}

  /**
   * Formats {@code dataDir} with a new cluster id unless it already holds {@code meta.properties},
   * so a kept log dir restarts with its data (and its cluster id) instead of failing.
   */
  static void formatIfNeeded(Path propertiesFile, Path dataDir) {
    if (Files.exists(dataDir.resolve("meta.properties"))) {
      return;
    }
    Directories.createDirectories(dataDir);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exitCode;
    // StorageTool prints the whole broker config; capture it so it only shows up on failure.
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                propertiesFile.toString(),
                "--ignore-formatted"
              },
              out);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "formatting "
              + dataDir
              + " failed: "
              + e
              + "\n"
              + captured.toString(StandardCharsets.UTF_8),
          e);
    }
    if (exitCode != 0) {
      throw new IllegalStateException(
          "formatting "
              + dataDir
              + " failed with exit code "
              + exitCode
              + "\n"
              + captured.toString(StandardCharsets.UTF_8));
    }
  }
}
