package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {

  static List<Path> examples() {
    return Fixtures.exampleFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleValidatesAgainstItsSchema(Path example) {
    String schema = Fixtures.SCHEMA_BY_EXAMPLE_PREFIX.get(Fixtures.examplePrefix(example));
    assertThat(schema).as("schema for example %s", example.getFileName()).isNotNull();

    assertThat(Fixtures.validate(schema, Fixtures.readJson(example))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleRoundTripsThroughItsRecord(Path example) throws Exception {
    String prefix = Fixtures.examplePrefix(example);
    Class<?> recordType = Fixtures.RECORD_BY_EXAMPLE_PREFIX.get(prefix);
    JsonNode original = Fixtures.readJson(example);

    // Events and control messages are read as their sealed supertype to prove the "type" property
    // routes them.
    Object record = Fixtures.JSON.treeToValue(original, Fixtures.readAs(recordType));
    // Read back from the written text, as a consumer would: a Long component then equals its
    // example's small number.
    JsonNode written = Fixtures.JSON.readTree(Fixtures.JSON.writeValueAsString(record));

    assertThat(record).isInstanceOf(recordType);
    assertThat(written).isEqualTo(withSchemaDefaults(original, prefix));
  }

  @Test
  void everySchemaHasAtLeastOneExample() {
    Set<String> prefixes =
        Fixtures.exampleFiles().stream().map(Fixtures::examplePrefix).collect(Collectors.toSet());

    assertThat(prefixes)
        .containsExactlyInAnyOrderElementsOf(Fixtures.SCHEMA_BY_EXAMPLE_PREFIX.keySet());
  }

  @Test
  void singleDeviceExampleIsTheDesignBriefRequest() throws Exception {
    ResetRequest request =
        Fixtures.JSON.treeToValue(
            Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + "reset-request.single.json"),
            ResetRequest.class);

    assertThat(request).isEqualTo(Fixtures.designBriefRequest());
  }

  /**
   * Records always write their boolean flags, so an example that omits an optional flag comes back
   * with the schema's default for it; anything else must come back unchanged.
   */
  private static JsonNode withSchemaDefaults(JsonNode original, String prefix) {
    ObjectNode expected = original.deepCopy();
    JsonNode properties =
        Fixtures.readJsonResource(Fixtures.SCHEMA_BY_EXAMPLE_PREFIX.get(prefix)).get("properties");
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode defaultValue = property.getValue().get("default");
      if (defaultValue != null && !expected.has(property.getKey())) {
        expected.set(property.getKey(), defaultValue);
      }
    }
    return expected;
  }
}
