package dev.intunereset.worker.config;

import java.util.List;

/**
 * Writes the key table of docs/configuration.md from {@link ConfigKeys}, between two marker
 * comments, so that the documented ranges and defaults are the ones the reader checks.
 */
final class ConfigurationDoc {
  static final String BEGIN =
      "<!-- config-keys:begin: generated from ConfigKeys by ConfigurationDoc; do not edit -->";
  static final String END = "<!-- config-keys:end -->";
  static final String WRITE_PROPERTY = "config.doc.write";
  static final String REGENERATE_COMMAND =
      "./mvnw -B -q -pl worker -am test -Dtest=ConfigurationDocTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -D"
          + WRITE_PROPERTY
          + "=true";

  private ConfigurationDoc() {}

  /** The markdown table of these keys, one row per key in their order. */
  static String table(List<ConfigKey<?>> keys) {
    StringBuilder out =
        new StringBuilder("| key | default | range | meaning |\n|---|---|---|---|\n");
    for (ConfigKey<?> k : keys) {
      String def = k.defaultValue().isEmpty() ? "(none)" : k.defaultValue();
      out.append("| `")
          .append(k.name())
          .append("` | `")
          .append(def)
          .append("` | ")
          .append(cell(k.range()))
          .append(" | ")
          .append(cell(k.description()))
          .append(" |\n");
    }
    return out.toString();
  }

  /** {@code doc} with the text between the markers replaced by the table of {@code keys}. */
  static String withTable(String doc, List<ConfigKey<?>> keys) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the doc lacks the markers " + BEGIN + " ... " + END);
    }
    return doc.substring(0, begin + BEGIN.length()) + "\n" + table(keys) + doc.substring(end);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
