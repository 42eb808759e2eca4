package dev.intunereset.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the keys the code reads, with the code's defaults. */
class ConfigurationDocTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `([A-Z0-9_]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

  private static Map<String, String> documented() throws IOException {
    Matcher m = ROW.matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
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
    for (ConfigKey key : ConfigKeys.ALL) {
      assertThat(doc.get(key.name())).as(key.name()).isEqualTo(key.defaultValue());
    }
  }
}
