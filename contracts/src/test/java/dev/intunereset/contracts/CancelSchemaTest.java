package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case breaks exactly one rule of an otherwise valid cancel or cancel event example. */
class CancelSchemaTest {

  private static final String CANCEL = "cancel.json";

  /** One broken rule: the example it starts from, how it is broken, the keyword that catches it. */
  private record Broken(String example, Consumer<ObjectNode> breakIt, String keyword) {}

  static Stream<Arguments> brokenMessages() {
    return Stream.of(
        of(
            "cancel whose type names another message",
            CANCEL,
            c -> c.put("type", "Approval"),
            "const"),
        of("cancel of another schema version", CANCEL, c -> c.put("schemaVersion", 2), "const"),
        of("cancel without canceledBy", CANCEL, c -> c.remove("canceledBy"), "required"),
        of("cancel without reason", CANCEL, c -> c.remove("reason"), "required"),
        of("cancel with blank canceledBy", CANCEL, c -> c.put("canceledBy", "   "), "pattern"),
        of(
            "cancel with canceledBy over 256 characters",
            CANCEL,
            c -> c.put("canceledBy", "a".repeat(257)),
            "maxLength"),
        of(
            "cancel with reason over 1024 characters",
            CANCEL,
            c -> c.put("reason", "a".repeat(1025)),
            "maxLength"),
        of(
            "cancel whose reason ends in a line break",
            CANCEL,
            c -> c.put("reason", "wrong devices\n"),
            "not"),
        of(
            "cancel whose canceledBy holds a bidi override",
            CANCEL,
            c -> c.put("canceledBy", "lead\u202E@contoso.com"),
            "pattern"),
        of(
            "cancel with an unknown field",
            CANCEL,
            c -> c.put("force", true),
            "additionalProperties"),
        of(
            "cancel whose requestId is in braces",
            CANCEL,
            c -> c.put("requestId", "{a3c1e2d4-5b6f-4a7e-8c9d-0e1f2a3b4c5d}"),
            "pattern"),
        of(
            "CancelReceived without canceledBy",
            "cancel-received.json",
            c -> c.remove("canceledBy"),
            "required"),
        of(
            "CancelApplied without task partitions",
            "cancel-applied.json",
            c -> c.putArray("taskPartitions"),
            "minItems"),
        of(
            "CancelApplied with a negative partition",
            "cancel-applied.json",
            c -> ((ObjectNode) c.get("taskPartitions").get(0)).put("partition", -1),
            "minimum"),
        of(
            "CancelRefused with an unknown refusal",
            "cancel-refused.unknown-request.json",
            c -> c.put("refusal", "TOO_LATE"),
            "enum"),
        of(
            "RequestCanceled that does not say whether it was held",
            "request-canceled.json",
            c -> c.remove("wasHeld"),
            "required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenMessages")
  void rejectsAMessageThatBreaksOneRule(String rule, Broken broken) {
    String name = broken.example();
    String schema = Fixtures.SCHEMA_BY_EXAMPLE_PREFIX.get(name.substring(0, name.indexOf('.')));
    ObjectNode message =
        Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + name).deepCopy();
    assertThat(Fixtures.validate(schema, message)).as("the unbroken example").isEmpty();

    broken.breakIt().accept(message);

    assertThat(Fixtures.validate(schema, message))
        .extracting(ValidationMessage::getType)
        .contains(broken.keyword());
  }

  private static Arguments of(
      String rule, String example, Consumer<ObjectNode> breakIt, String keyword) {
    return Arguments.of(rule, new Broken(example, breakIt, keyword));
  }
}
