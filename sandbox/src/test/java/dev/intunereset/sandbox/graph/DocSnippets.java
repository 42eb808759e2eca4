package dev.intunereset.sandbox.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The Java a doc test runs between its own snippet markers, to compare with the doc's block. */
final class DocSnippets {
  private DocSnippets() {}

  /** The code of {@code testSource} between its last start and end markers, normalized. */
  static String own(Path testSource) throws IOException {
    String source = Files.readString(testSource);
    // The markers are found last, after the lines (such as these) that name them.
    int from = source.lastIndexOf("// snippet:start");
    return normalized(
        source.substring(source.indexOf('\n', from) + 1, source.lastIndexOf("// snippet:end")));
  }

  /** The code's non-blank lines, stripped: indentation may differ between doc and test. */
  static String normalized(String code) {
    return code.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
