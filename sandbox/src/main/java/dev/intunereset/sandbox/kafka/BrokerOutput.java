package dev.intunereset.sandbox.kafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The child broker's stdout and stderr, appended to one file across restarts, read back per launch
 * so a failed start reports that launch's own error rather than an earlier one's.
 */
final class BrokerOutput {

  private static final int TAIL_LINES = 40;
  private static final int SCAN_BYTES = 4 * 1024 * 1024;

  private final Path file;
  private volatile long launchOffset;

  BrokerOutput(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Marks where the next launch's output begins, with a banner line naming it. */
  void beginLaunch(String banner) {
    launchOffset = size();
    try {
      Files.writeString(
          file,
          "==== " + banner + " ====\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Everything the child wrote during the current launch. */
  String launchText() {
    return String.join("\n", launchLines());
  }

  /** The first ERROR line, which usually names the cause, then the last lines of this launch. */
  String launchSummary() {
    List<String> lines = launchLines();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(" ERROR ")) {
        text.append("first error: ").append(lines.get(i)).append('\n');
        // The exception lines up to its stack trace, which hold the message with the detail.
        for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("\tat "); j++) {
          text.append(lines.get(j)).append('\n');
        }
        break;
      }
    }
    text.append("---- last lines of ").append(file).append(" ----\n");
    text.append(
        String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
    return text.toString();
  }

  private long size() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private List<String> launchLines() {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      // Bounded so a verbose broker's megabytes of output cannot blow up an exception message.
      long from = Math.max(launchOffset, length - SCAN_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e + ")");
    }
  }
}
