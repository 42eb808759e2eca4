package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each test breaks exactly one rule of an otherwise valid request. */
class ResetRequestSchemaTest {

  private static ObjectNode validRequest() {
    return Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + "reset-request.single.json")
        .deepCopy();
  }

  private static Set<ValidationMessage> validate(ObjectNode request) {
    return Fixtures.validate(ContractResources.RESET_REQUEST_SCHEMA, request);
  }

  @Test
  void acceptsTargetsInsteadOfDeviceIds() {
    ObjectNode request = validRequest();
    request.remove("deviceIds");
    request.putObject("targets").putArray("users").add("alice@contoso.com");

    assertThat(validate(request)).isEmpty();
  }

  static Stream<Arguments> brokenTargets() {
    return Stream.of(
        Arguments.of("neither deviceIds nor targets", edit(r -> r.remove("deviceIds")), "required"),
        Arguments.of(
            "targets without a selector", edit(r -> r.putObject("targets")), "minProperties"),
        Arguments.of(
            "a user with two at signs",
            edit(r -> r.putObject("targets").putArray("users").add("a@b@contoso.com")),
            "pattern"),
        Arguments.of(
            "an expectedMaxDevices of zero", edit(r -> r.put("expectedMaxDevices", 0)), "minimum"));
  }

  private static Consumer<ObjectNode> edit(Consumer<ObjectNode> e) {
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTargets")
  void rejectsTargetingThatBreaksOneRule(String name, Consumer<ObjectNode> edit, String keyword) {
    ObjectNode request = validRequest();
    edit.accept(request);

    assertRejectedBy(request, keyword);
  }

  private static void assertRejectedBy(ObjectNode request, String keyword) {
    assertThat(validate(request)).extracting(ValidationMessage::getType).contains(keyword);
  }

  @Test
  void acceptsTheUnmodifiedExample() {
    assertThat(validate(validRequest())).isEmpty();
  }

  @Test
  void rejectsRequestWithoutRequestId() {
    ObjectNode request = validRequest();
    request.remove("requestId");

    assertRejectedBy(request, "required");
  }

  @Test
  void rejectsUnknownField() {
    ObjectNode request = validRequest();
    request.put("dryrun", true);

    assertRejectedBy(request, "additionalProperties");
  }

  @Test
  void rejectsDeviceIdWrappedInBraces() {
    ObjectNode request = validRequest();
    request.putArray("deviceIds").add("{12345678-1234-1234-1234-123456789abc}");

    assertRejectedBy(request, "pattern");
  }

  @Test
  void rejectsDeviceIdWithTrailingNewline() {
    ObjectNode request = validRequest();
    request.putArray("deviceIds").add("12345678-1234-1234-1234-123456789abc\n");

    assertRejectedBy(request, "maxLength");
  }

  @Test
  void rejectsEmptyDeviceIds() {
    ObjectNode request = validRequest();
    request.putArray("deviceIds");

    assertRejectedBy(request, "minItems");
  }

  @Test
  void rejectsMoreThanTenThousandDevices() {
    ObjectNode request = validRequest();
    ArrayNode deviceIds = request.putArray("deviceIds");
    for (int i = 0; i <= 10_000; i++) {
      deviceIds.add("12345678-1234-1234-1234-%012x".formatted(i));
    }

    assertRejectedBy(request, "maxItems");
  }

  @Test
  void acceptsDuplicateDeviceIdsBecauseTheWorkerFoldsThem() {
    ObjectNode request = validRequest();
    request.putArray("deviceIds").add(Fixtures.DEVICE_ID).add(Fixtures.DEVICE_ID);

    assertThat(validate(request)).isEmpty();
  }

  @Test
  void rejectsControlCharacterInReason() {
    ObjectNode request = validRequest();
    request.put("reason", "INC0012345:\u0007 user locked out");

    assertRejectedBy(request, "pattern");
  }

  @Test
  void rejectsTrailingNewlineInReason() {
    ObjectNode request = validRequest();
    request.put("reason", "INC0012345: user locked out\n");

    assertRejectedBy(request, "not");
  }

  @Test
  void rejectsEmptyRequestedBy() {
    ObjectNode request = validRequest();
    request.put("requestedBy", "");

    assertRejectedBy(request, "minLength");
  }

  @Test
  void rejectsReasonLongerThan1024Characters() {
    ObjectNode request = validRequest();
    request.put("reason", "x".repeat(1025));

    assertRejectedBy(request, "maxLength");
  }

  @Test
  void rejectsSourceWithSpaces() {
    ObjectNode request = validRequest();
    request.put("source", "service now");

    assertRejectedBy(request, "pattern");
  }

  @Test
  void rejectsSourceWithTrailingNewline() {
    ObjectNode request = validRequest();
    request.put("source", "servicenow\n");

    assertRejectedBy(request, "not");
  }

  @Test
  void rejectsSchemaVersion2() {
    ObjectNode request = validRequest();
    request.put("schemaVersion", 2);

    assertRejectedBy(request, "const");
  }

  @Test
  void rejectsStringWhereBooleanIsExpected() {
    ObjectNode request = validRequest();
    request.put("dryRun", "false");

    assertRejectedBy(request, "type");
  }

  @Test
  void rejectsRequestIdThatIsNotAUuid() {
    ObjectNode request = validRequest();
    request.put("requestId", "INC0012345");

    assertRejectedBy(request, "format");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "30s",
        "10m",
        "2h45m",
        "1h",
        "1h0m0s",
        "1500ms",
        "1m30s500ms",
        "PT10M",
        "PT1H30M",
        "PT0.5S",
        // The worker has always read these (java.time's ISO-8601 reading); the schema now agrees.
        "P1D",
        "pt10m"
      })
  void acceptsGoStyleAndIso8601Timeouts(String timeout) {
    ObjectNode request = validRequest();
    request.put("timeout", timeout);

    assertThat(validate(request)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10",
        "h",
        "PT",
        "P1DT",
        "10x",
        "1m2h",
        "500ms1s",
        "ten minutes",
        "10m\n",
        "-5m",
        "PT-5M",
        "PT1.S",
        "30S"
      })
  void rejectsMalformedTimeouts(String timeout) {
    ObjectNode request = validRequest();
    request.put("timeout", timeout);

    assertThat(validate(request)).isNotEmpty();
  }

  @Test
  void settleTimeoutHasExactlyTheGrammarOfTimeout() {
    var properties =
        Fixtures.readJsonResource(ContractResources.RESET_REQUEST_SCHEMA).get("properties");
    ObjectNode timeout = properties.get("timeout").deepCopy();
    ObjectNode settleTimeout = properties.get("settleTimeout").deepCopy();
    for (ObjectNode p : new ObjectNode[] {timeout, settleTimeout}) {
      p.remove(java.util.List.of("title", "description"));
    }

    assertThat(settleTimeout).isEqualTo(timeout);
  }

  @Test
  void acceptsTheSettlementFields() {
    ObjectNode request = validRequest();
    request.put("trackSettlement", false);
    request.put("settleTimeout", "48h");

    assertThat(validate(request)).isEmpty();
  }

  static Stream<Arguments> settlementFieldsOfTheWrongShape() {
    return Stream.of(
        Arguments.of("trackSettlement", TextNode.valueOf("false")),
        Arguments.of("settleTimeout", IntNode.valueOf(3600)),
        Arguments.of("settleTimeout", TextNode.valueOf("3 days")),
        Arguments.of("settleTimeout", TextNode.valueOf("48h\n")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("settlementFieldsOfTheWrongShape")
  void rejectsSettlementFieldsOfTheWrongShape(String field, JsonNode value) {
    ObjectNode request = validRequest();
    request.set(field, value);

    assertThat(validate(request)).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"resetPasscode", "rotateBitLockerKeys"})
  void acceptsEachAction(String action) {
    assertThat(validate(validRequest().put("action", action))).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"RotateBitLockerKeys", "ROTATE_BITLOCKER_KEYS", "wipe", ""})
  void rejectsAnActionThatIsNotAGraphNameInItsCase(String action) {
    assertRejectedBy(validRequest().put("action", action), "enum");
  }

  @Test
  void rejectsPasscodeDeliveryWithRotateBitLockerKeys() {
    ObjectNode request = validRequest();
    request.put("action", "rotateBitLockerKeys");
    request.putObject("passcodeDelivery").put("recipient", "servicenow");

    assertRejectedBy(request, "const");
  }

  @Test
  void acceptsPasscodeDeliveryWithResetPasscodeOrNoAction() {
    ObjectNode request = validRequest();
    request.putObject("passcodeDelivery").put("recipient", "servicenow");

    assertThat(validate(request)).isEmpty();
    request.put("action", "resetPasscode");
    assertThat(validate(request)).isEmpty();
  }
}
