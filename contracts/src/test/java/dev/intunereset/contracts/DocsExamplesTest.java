package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every JSON example shown in docs/contracts.md is valid against the schema it names. */
class DocsExamplesTest {
  private static final Path DOC = Path.of("..", "docs", "contracts.md");

  /** A JSON block of the doc and the name its marker comment gives it. */
  record Example(String schema, String json) {}

  private static List<Example> examples() throws IOException {
    return marked("schema", "[a-z-]+\\.v\\d");
  }

  /**
   * The JSON blocks of the doc that follow a {@code <!-- marker: name -->} comment, the name
   * matching {@code nameRule}, in the doc's order.
   */
  static List<Example> marked(String marker, String nameRule) throws IOException {
    Pattern block =
        Pattern.compile(
            "<!-- " + marker + ": (" + nameRule + ") -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    Matcher m = block.matcher(Files.readString(DOC));
    List<Example> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Example(m.group(1), m.group(2)));
    }
    return out;
  }

  @Test
  void docShowsAnExampleOfEveryMessage() throws IOException {
    assertThat(examples())
        .extracting(Example::schema)
        .contains(
            "reset-request.v1",
            "request-accepted.v1",
            "request-rejected.v1",
            "device-outcome.v1",
            "request-completed.v1",
            "request-held.v1",
            "request-approved.v1",
            "request-denied.v1",
            "request-expired.v1",
            "brake-engaged.v1",
            "brake-released.v1",
            "approval.v1",
            "brake-release.v1",
            "cancel.v1",
            "cancel-received.v1",
            "cancel-applied.v1",
            "cancel-refused.v1",
            "request-canceled.v1",
            "device-settled.v1",
            "request-settled.v1",
            "request-expanded.v1");
  }

  @Test
  void everyDocExampleValidatesAgainstItsSchema() throws IOException {
    for (Example e : examples()) {
      JsonNode node = Fixtures.JSON.readTree(e.json());
      String schema = ContractResources.SCHEMAS_DIR + e.schema() + ".schema.json";
      assertThat(Fixtures.schema(schema).validate(node)).as(e.schema()).isEmpty();
    }
  }

  @Test
  void everyDocExampleReadsIntoItsRecord() throws IOException {
    for (Example e : examples()) {
      String prefix = e.schema().substring(0, e.schema().lastIndexOf('.'));
      Class<?> type = Fixtures.readAs(Fixtures.RECORD_BY_EXAMPLE_PREFIX.get(prefix));
      assertThat(Fixtures.JSON.readValue(e.json(), type)).as(e.schema()).isNotNull();
    }
  }

  @Test
  void docShowsARotateBitLockerKeysRequestThatTheParserAccepts() throws IOException {
    List<Example> rotations =
        examples().stream()
            .filter(e -> e.schema().equals("reset-request.v1"))
            .filter(e -> e.json().contains("\"rotateBitLockerKeys\""))
            .toList();

    assertThat(rotations).isNotEmpty();
    for (Example e : rotations) {
      RequestParser.Result parsed = RequestParser.parse(e.json().getBytes(StandardCharsets.UTF_8));
      assertThat(parsed).isInstanceOf(RequestParser.Parsed.class);
      assertThat(((RequestParser.Parsed) parsed).request().action())
          .isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
    }
  }

  @Test
  void everyRequestTheDocShowsIsOneTheParserAccepts() throws IOException {
    List<Example> requests =
        examples().stream().filter(e -> e.schema().equals("reset-request.v1")).toList();

    assertThat(requests).anyMatch(e -> e.json().contains("\"targets\""));
    for (Example e : requests) {
      assertThat(RequestParser.parse(e.json().getBytes(StandardCharsets.UTF_8)))
          .as(e.json())
          .isInstanceOf(RequestParser.Parsed.class);
    }
  }

  @Test
  void everyPerRequestEventTheDocShowsNamesItsAction() throws IOException {
    List<String> perRequest =
        List.of(
            "request-accepted.v1",
            "request-held.v1",
            "device-outcome.v1",
            "request-completed.v1",
            "device-settled.v1",
            "request-settled.v1",
            "request-expanded.v1");
    for (Example e : examples()) {
      if (perRequest.contains(e.schema())) {
        assertThat(Fixtures.JSON.readTree(e.json()).has("action")).as(e.json()).isTrue();
      }
    }
  }
}
