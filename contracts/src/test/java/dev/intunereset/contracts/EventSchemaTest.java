package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each test breaks exactly one rule of an otherwise valid result event. */
class EventSchemaTest {

  private static ObjectNode example(String name) {
    return Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + name).deepCopy();
  }

  private static void assertRejectedBy(String schema, ObjectNode event, String keyword) {
    assertThat(Fixtures.validate(schema, event))
        .extracting(ValidationMessage::getType)
        .contains(keyword);
  }

  @Test
  void rejectsEventWhoseTypeNamesAnotherEvent() {
    ObjectNode outcome = example("device-outcome.succeeded.json");
    outcome.put("type", "RequestAccepted");

    assertRejectedBy(ContractResources.DEVICE_OUTCOME_SCHEMA, outcome, "const");
  }

  @Test
  void rejectsEventWithoutType() {
    ObjectNode outcome = example("device-outcome.succeeded.json");
    outcome.remove("type");

    assertRejectedBy(ContractResources.DEVICE_OUTCOME_SCHEMA, outcome, "required");
  }

  @Test
  void rejectsUnknownReasonCode() {
    ObjectNode outcome = example("device-outcome.succeeded.json");
    outcome.put("reasonCode", "OK");

    assertRejectedBy(ContractResources.DEVICE_OUTCOME_SCHEMA, outcome, "enum");
  }

  @Test
  void rejectsNegativeAttempts() {
    ObjectNode outcome = example("device-outcome.succeeded.json");
    outcome.put("attempts", -1);

    assertRejectedBy(ContractResources.DEVICE_OUTCOME_SCHEMA, outcome, "minimum");
  }

  @Test
  void rejectsTimestampThatIsNotRfc3339() {
    ObjectNode outcome = example("device-outcome.succeeded.json");
    outcome.put("completedAt", "2025-03-14 09:26:55");

    assertRejectedBy(ContractResources.DEVICE_OUTCOME_SCHEMA, outcome, "format");
  }

  @Test
  void rejectsUppercaseRequestIdBecauseProducersWriteLowercase() {
    ObjectNode accepted = example("request-accepted.json");
    accepted.put("requestId", "1B4E28BA-2FA1-11D2-883F-0016D3CCA427");

    assertRejectedBy(ContractResources.REQUEST_ACCEPTED_SCHEMA, accepted, "pattern");
  }

  @Test
  void rejectsUnknownLane() {
    ObjectNode accepted = example("request-accepted.json");
    accepted.put("lane", "EXPRESS");

    assertRejectedBy(ContractResources.REQUEST_ACCEPTED_SCHEMA, accepted, "enum");
  }

  @Test
  void rejectsRejectionWithoutProblems() {
    ObjectNode rejected = example("request-rejected.json");
    rejected.putArray("problems");

    assertRejectedBy(ContractResources.REQUEST_REJECTED_SCHEMA, rejected, "minItems");
  }

  @Test
  void rejectsProblemWithoutField() {
    ObjectNode rejected = example("request-rejected.json");
    ((ObjectNode) rejected.get("problems").get(0)).remove("field");

    assertRejectedBy(ContractResources.REQUEST_REJECTED_SCHEMA, rejected, "required");
  }

  @Test
  void rejectsCountsWithUnknownStatus() {
    ObjectNode completed = example("request-completed.json");
    ((ObjectNode) completed.get("counts")).put("cancelled", 0);

    assertRejectedBy(ContractResources.REQUEST_COMPLETED_SCHEMA, completed, "additionalProperties");
  }

  @Test
  void rejectsUnknownFieldInEvent() {
    ObjectNode completed = example("request-completed.json");
    completed.put("tenantId", "contoso");

    assertRejectedBy(ContractResources.REQUEST_COMPLETED_SCHEMA, completed, "additionalProperties");
  }

  /** One broken rule of targeting's events: the example, what breaks it, the keyword that fails. */
  record Broken(
      String name, String schema, String example, Consumer<ObjectNode> edit, String keyword) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Broken> brokenTargetingEvents() {
    return Stream.of(
        new Broken(
            "a dry-run part without its number",
            ContractResources.REQUEST_EXPANDED_SCHEMA,
            "request-expanded.dry-run-part.json",
            e -> e.remove("part"),
            "dependentRequired"),
        new Broken(
            "the listed devices counted as a selector",
            ContractResources.REQUEST_EXPANDED_SCHEMA,
            "request-expanded.json",
            e -> ((ObjectNode) e.get("selectors").get(0)).put("selector", "deviceIds"),
            "pattern"),
        new Broken(
            "an outcome whose selector is no label",
            ContractResources.DEVICE_OUTCOME_SCHEMA,
            "device-outcome.selector.json",
            e -> e.put("selector", "alice@contoso.com"),
            "pattern"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTargetingEvents")
  void rejectsTargetingEventsThatBreakOneRule(Broken b) {
    ObjectNode event = example(b.example());
    b.edit().accept(event);

    assertRejectedBy(b.schema(), event, b.keyword());
  }
}
