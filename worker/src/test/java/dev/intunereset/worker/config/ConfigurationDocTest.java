package dev.intunereset.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the keys the code reads, with the code's defaults. */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Pattern ROW =
      Pattern.compile("^\\| `([A-Z0-9_]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

  private static Map<String, String> documented() throws IOException {
    Matcher m = ROW.matcher(Files.readString(DOC));
    Map<String, String> out = new LinkedHashMap<>();
    while (m.find()) {
      out.put(m.group(1), m.group(2).equals("(none)") ? "" : m.group(2));
    }
    return out;
  }

  @Test
  void everyKeyInCodeIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
    assertThat(documented().keySet())
        .containsExactlyInAnyOrderElementsOf(ConfigKeys.ALL.stream().map(ConfigKey::name).toList());
  }

  @Test
  void documentedDefaultsAreTheCodesDefaults() throws IOException {
    Map<String, String> doc = documented();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(doc.get(key.name())).as(key.name()).isEqualTo(key.defaultValue());
    }
  }

  @Test
  void keyTableIsTheOneGeneratedFromConfigKeys() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String generated = ConfigurationDoc.withTable(doc, ConfigKeys.ALL);
    if (doc.equals(generated)) {
      return;
    }
    if (Boolean.getBoolean(ConfigurationDoc.WRITE_PROPERTY)) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
      return;
    }
    fail(
        "docs/configuration.md's key table differs from ConfigKeys (first difference: %s)."
            + " Regenerate it from the repository root with:%n  %s",
        firstDifference(doc, generated), ConfigurationDoc.REGENERATE_COMMAND);
  }

  @Test
  void generatedTableEscapesPipesInsideCells() {
    ConfigKey<String> key =
        new ConfigKey<>("SOME_KEY", "a", ValueType.Choice.of("a", "b"), "x | y");

    assertThat(ConfigurationDoc.table(List.of(key)))
        .endsWith("| `SOME_KEY` | `a` | a \\| b | x \\| y |\n");
  }

  private static String firstDifference(String doc, String generated) {
    List<String> a = doc.lines().toList();
    List<String> b = generated.lines().toList();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "line " + (i + 1) + " is '" + a.get(i) + "', expected '" + b.get(i) + "'";
      }
    }
    return "the documents differ in length: " + a.size() + " vs " + b.size() + " lines";
  }
}
