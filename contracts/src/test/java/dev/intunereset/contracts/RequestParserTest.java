package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.intunereset.contracts.RequestRejected.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's request parser, rule by rule where the worker's RequestValidatorTest does not
 * already cover it; the first four tests came from the CLI, whose schema check it replaces.
 */
class RequestParserTest {

  private static ObjectNode example(String name) {
    return Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + name).deepCopy();
  }

  private static RequestParser.Result parse(JsonNode request) {
    return parse(Fixtures.JSON.valueToTree(request).toString());
  }

  private static RequestParser.Result parse(String text) {
    return RequestParser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static RequestParser.Rejected rejected(RequestParser.Result result) {
    assertThat(result).isInstanceOf(RequestParser.Rejected.class);
    return (RequestParser.Rejected) result;
  }

  private static List<String> lines(RequestParser.Result result) {
    return rejected(result).problems().stream().map(p -> p.field() + ": " + p.problem()).toList();
  }

  // ---- moved from the CLI's RequestValidatorTest ----

  @Test
  void theContractExamplesAreValid() {
    for (String name :
        new String[] {
          "reset-request.single.json",
          "reset-request.minimal.json",
          "reset-request.bulk.json",
          "reset-request.dry-run-iso-timeout.json",
          "reset-request.force.json",
          "reset-request.with-passcode-delivery.json",
          "reset-request.rotate-bitlocker-keys.json"
        }) {
      assertThat(parse(example(name))).as(name).isInstanceOf(RequestParser.Parsed.class);
    }
  }

  @Test
  void reportsEveryProblemAtOnceInTheContractsFieldOrder() {
    ObjectNode request = example("reset-request.single.json");
    request.put("schemaVersion", 2);
    request.remove("reason");
    request
        .putArray("deviceIds")
        .add("{12345678-1234-1234-1234-123456789abc}")
        .add("00000000-0000-4000-8000-000000000001");
    request.put("timeout", "1 hour");
    request.put("dryrun", true);

    assertThat(lines(parse(request)))
        .containsExactly(
            "schemaVersion: unsupported version 2; supported versions: [1]",
            "deviceIds[0]: \"{12345678-1234-1234-1234-123456789abc}\" must be a GUID such as"
                + " 1b4e28ba-2fa1-11d2-883f-0016d3cca427 (8-4-4-4-12 hex digits, no braces)",
            "reason: required",
            "timeout: \"1 hour\" must be a duration such as 30s, 10m, 2h45m or PT10M",
            "dryrun: unknown field; field names are case-sensitive (dryRun, not dryrun)");
  }

  @Test
  void controlCharactersInAuditFieldsAreRejected() {
    ObjectNode request = example("reset-request.single.json");
    request.put("requestedBy", "agent@contoso.com\nreason: forged");

    assertThat(lines(parse(request)))
        .containsExactly("requestedBy: must not contain control characters or line breaks");
  }

  @Test
  void tooManyDevicesIsOneProblem() {
    ObjectNode request = example("reset-request.single.json");
    var ids = request.putArray("deviceIds");
    for (int i = 0; i <= 10_000; i++) {
      ids.add(String.format("00000000-0000-4000-8000-%012x", i));
    }

    assertThat(rejected(parse(request)).problems())
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("deviceIds"))
        .satisfies(v -> assertThat(v.problem()).contains("at most 10"));
  }

  // ---- the parsed request ----

  @Test
  void normalizesDeviceIdsAndAuditTextAndKeepsTheTimeoutText() {
    ObjectNode request = example("reset-request.single.json");
    request
        .putArray("deviceIds")
        .add("ABCDEF01-ABCD-4ABC-8DEF-0123456789AB")
        .add("abcdef01-abcd-4abc-8def-0123456789ab");
    request.put("requestedBy", "  agent@contoso.com ");
    request.put("timeout", "PT90S");

    RequestParser.Parsed parsed = (RequestParser.Parsed) parse(request);

    assertThat(parsed.request().deviceIds())
        .containsExactly("abcdef01-abcd-4abc-8def-0123456789ab");
    assertThat(parsed.duplicatesFolded()).isEqualTo(1);
    assertThat(parsed.request().requestedBy()).isEqualTo("agent@contoso.com");
    assertThat(parsed.request().timeout()).isEqualTo("PT90S");
    assertThat(parsed.timeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aRequestWithoutTimeoutLeavesItToTheWorker() {
    RequestParser.Parsed parsed =
        (RequestParser.Parsed) parse(example("reset-request.minimal.json"));

    assertThat(parsed.timeout()).isNull();
    assertThat(parsed.request().timeout()).isNull();
  }

  @Test
  void aRequestWithoutActionResetsThePasscode() {
    RequestParser.Parsed parsed =
        (RequestParser.Parsed) parse(example("reset-request.minimal.json"));

    assertThat(parsed.request().action()).isEqualTo(Action.RESET_PASSCODE);
  }

  @Test
  void readsTheRotateBitLockerKeysAction() {
    RequestParser.Parsed parsed =
        (RequestParser.Parsed) parse(example("reset-request.rotate-bitlocker-keys.json"));

    assertThat(parsed.request().action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"wipe", "RotateBitLockerKeys", "ROTATE_BITLOCKER_KEYS"})
  void rejectsAnActionThatIsNoGraphNameInItsCaseNamingTheAllowedOnes(String action) {
    assertThat(lines(parse(example("reset-request.single.json").put("action", action))))
        .containsExactly(
            "action: \""
                + action
                + "\" is not an action; it must be one of resetPasscode, rotateBitLockerKeys"
                + " (case-sensitive)");
  }

  @Test
  void rejectsAnActionThatIsNotAString() {
    ObjectNode request = example("reset-request.single.json");
    request.putArray("action").add("rotateBitLockerKeys");

    assertThat(lines(parse(request)))
        .containsExactly(
            "action: must be one of resetPasscode, rotateBitLockerKeys (case-sensitive), got an"
                + " array");
  }

  @Test
  void rejectsANullActionLikeAnyOptionalField() {
    ObjectNode request = example("reset-request.single.json");
    request.putNull("action");

    assertThat(lines(parse(request)))
        .containsExactly("action: must not be null: leave the field out to get its default");
  }

  @Test
  void rejectsPasscodeDeliveryWithRotateBitLockerKeys() {
    ObjectNode request = example("reset-request.with-passcode-delivery.json");
    request.put("action", "rotateBitLockerKeys");

    RequestParser.Rejected rejected = rejected(parse(request));

    assertThat(lines(rejected))
        .containsExactly(
            "passcodeDelivery: rotateBitLockerKeys sets no passcode; the new recovery key is kept"
                + " in Entra ID, so there is nothing to deliver");
    assertThat(rejected.code()).isEqualTo(RequestParser.INVALID_REQUEST);
  }

  @Test
  void acceptsPasscodeDeliveryWithAnExplicitResetPasscode() {
    ObjectNode request = example("reset-request.with-passcode-delivery.json");
    request.put("action", "resetPasscode");

    RequestParser.Parsed parsed = (RequestParser.Parsed) parse(request);

    assertThat(parsed.request().action()).isEqualTo(Action.RESET_PASSCODE);
    assertThat(parsed.request().passcodeDelivery()).isNotNull();
  }

  @Test
  void aRequestWithoutSettlementFieldsIsTrackedWithTheWorkersTimeout() {
    RequestParser.Parsed parsed =
        (RequestParser.Parsed) parse(example("reset-request.minimal.json"));

    assertThat(parsed.request().trackSettlement()).isTrue();
    assertThat(parsed.request().settleTimeout()).isNull();
  }

  @Test
  void keepsTheSettlementOptOutAndTheSettleTimeoutText() {
    ObjectNode request = example("reset-request.single.json");
    request.put("trackSettlement", false);
    request.put("settleTimeout", "P2D");

    RequestParser.Parsed parsed = (RequestParser.Parsed) parse(request);

    assertThat(parsed.request().trackSettlement()).isFalse();
    assertThat(parsed.request().settleTimeout()).isEqualTo("P2D");
  }

  @Test
  void acceptsSettleTimeoutsFromOneSecondToSeventyTwoHours() {
    for (String t : new String[] {"1s", "PT1S", "30m", "24h", "72h", "P3D", "4320m"}) {
      ObjectNode request = example("reset-request.single.json");
      request.put("settleTimeout", t);

      assertThat(parse(request)).as(t).isInstanceOf(RequestParser.Parsed.class);
    }
  }

  @Test
  void rejectsSettleTimeoutOutsideItsBounds() {
    for (String t : new String[] {"999ms", "0", "72h1ms", "P3DT1S", "100h"}) {
      assertThat(problemsWith("settleTimeout", TextNode.valueOf(t)))
          .as(t)
          .containsExactly("settleTimeout: must be between 1s and 72h, got " + t);
    }
  }

  @Test
  void rejectsMalformedSettleTimeout() {
    assertThat(problemsWith("settleTimeout", TextNode.valueOf("3 days")))
        .containsExactly(
            "settleTimeout: \"3 days\" must be a duration such as 30s, 10m, 2h45m or PT10M");
  }

  @Test
  void rejectsSettleTimeoutThatIsNotAString() {
    assertThat(problemsWith("settleTimeout", IntNode.valueOf(3600)))
        .containsExactly(
            "settleTimeout: must be a duration string such as 30s, 10m, 2h45m or PT10M, got a"
                + " number");
  }

  @Test
  void rejectsTrackSettlementThatIsNotABoolean() {
    assertThat(problemsWith("trackSettlement", TextNode.valueOf("no")))
        .containsExactly("trackSettlement: must be true or false, got a string");
  }

  @Test
  void rejectsNullSettlementFieldsLikeAnyOptionalField() {
    for (String field : new String[] {"trackSettlement", "settleTimeout"}) {
      assertThat(problemsWith(field, NullNode.getInstance()))
          .containsExactly(field + ": must not be null: leave the field out to get its default");
    }
  }

  /** The problems of the single-device example with {@code field} set to {@code value}. */
  private static List<String> problemsWith(String field, JsonNode value) {
    ObjectNode request = example("reset-request.single.json");
    request.set(field, value);
    return lines(parse(request));
  }

  @Test
  void settleTimeoutIsNotBoundByTheDeploymentsMaxTimeout() {
    ObjectNode request = example("reset-request.single.json");
    request.put("settleTimeout", "48h");
    byte[] bytes = request.toString().getBytes(StandardCharsets.UTF_8);

    assertThat(RequestParser.parse(bytes, new RequestLimits(10, 4096, Duration.ofHours(1))))
        .isInstanceOf(RequestParser.Parsed.class);
  }

  @Test
  void appliesTheLimitsPassedIn() {
    ObjectNode request = example("reset-request.single.json");
    request.put("timeout", "36h");
    byte[] bytes = request.toString().getBytes(StandardCharsets.UTF_8);

    assertThat(RequestParser.parse(bytes)).isInstanceOf(RequestParser.Rejected.class);
    assertThat(RequestParser.parse(bytes, new RequestLimits(10, 4096, Duration.ofHours(48))))
        .isInstanceOf(RequestParser.Parsed.class);
    assertThat(lines(RequestParser.parse(bytes, new RequestLimits(10, 100, Duration.ofHours(48)))))
        .singleElement()
        .asString()
        .contains("bytes; the limit is 100");
  }

  @Test
  void limitsAreValidatedWhenBuilt() {
    assertThatThrownBy(() -> new RequestLimits(0, 1, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestLimits(1, 1, Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- rejections ----

  @Test
  void aMessageThatIsNoObjectIsNotCheckedFieldByField() {
    RequestParser.Rejected r = rejected(parse("[1]"));

    assertThat(r.code()).isEqualTo(RequestParser.WRONG_SHAPE);
    assertThat(r.fieldsChecked()).isFalse();
  }

  @Test
  void aRepeatedMemberReadsTheRequestIdButNotTheRepeatedField() {
    String id = UUID.randomUUID().toString();
    String text =
        "{\"schemaVersion\":1,\"requestId\":\""
            + id
            + "\",\"source\":\"servicenow\",\"source\":\"jira\",\"requestedBy\":\"a\"}";

    RequestParser.Rejected r = rejected(parse(text));

    assertThat(r.code()).isEqualTo(RequestParser.MALFORMED_JSON);
    assertThat(r.requestId()).isEqualTo(UUID.fromString(id));
    assertThat(r.requestedBy()).isEqualTo("a");
    assertThat(r.source()).isNull();
    assertThat(lines(r)).singleElement().asString().contains("Duplicate field 'source'");
  }

  @Test
  void anUnreadableRequestIdStaysNull() {
    assertThat(rejected(parse("{\"requestId\":\"ticket-42\"} x")).requestId()).isNull();
    assertThat(rejected(parse("[{\"requestId\":\"" + UUID.randomUUID() + "\"}]")).requestId())
        .isNull();
  }

  @Test
  void moreThanFiftyProblemsAreCountedAndPolicyProblemsJoinTheCount() {
    ObjectNode request = example("reset-request.single.json");
    var ids = request.putArray("deviceIds");
    for (int i = 0; i < 55; i++) {
      ids.add("x" + i);
    }

    RequestParser.Rejected r = rejected(parse(request));
    RequestParser.Rejected more =
        r.plus(List.of(new Problem("source", "not allowed")), RequestParser.INVALID_REQUEST);

    assertThat(r.problems())
        .hasSize(51)
        .last()
        .isEqualTo(new Problem("$", "5 more problems not listed"));
    assertThat(more.problems())
        .hasSize(51)
        .last()
        .isEqualTo(new Problem("$", "6 more problems not listed"));
  }

  @Test
  void policyProblemsAreAppendedWhileThereIsRoom() {
    ObjectNode request = example("reset-request.single.json");
    request.remove("reason");

    RequestParser.Rejected more =
        rejected(parse(request))
            .plus(List.of(new Problem("source", "not allowed")), RequestParser.INVALID_REQUEST);

    assertThat(more.problems()).extracting(Problem::field).containsExactly("reason", "source");
  }

  @Test
  void problemsNeverEchoUnsafeCharacters() {
    List<String> bad = new ArrayList<>();
    bad.add("\u202Eevil\u0007");
    ObjectNode request = example("reset-request.single.json");
    request.putArray("deviceIds").add(bad.get(0));
    request.put("timeout", "\u2066x");

    assertThat(lines(parse(request)))
        .allSatisfy(l -> assertThat(l).doesNotContainPattern(ResetRequest.UNSAFE_TEXT_CHARACTERS));
  }
}
