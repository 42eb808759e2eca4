package dev.intunereset.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestRejected.Problem;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.config.WorkerConfig.RequestPolicy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {
  private static final RequestPolicy POLICY =
      new RequestPolicy(
          5, 4096, Duration.ofHours(1), Duration.ofHours(24), 2, Set.of(Platform.AOSP));
  private static final String REQUEST_ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
  private static final String D1 = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e1";
  private static final String D2 = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e2";
  private static final String D3 = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e3";

  private final RequestValidator validator =
      new RequestValidator(POLICY, Guards.ANY_SOURCE, Set.of("servicenow"));

  /** A valid request as ordered JSON members; tests replace or remove one member. */
  private static Map<String, String> valid() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("schemaVersion", "1");
    m.put("requestId", q(REQUEST_ID));
    m.put("deviceIds", "[" + q(D1) + "]");
    m.put("requestedBy", q("helpdesk-agent@contoso.com"));
    m.put("reason", q("INC0012345: user locked out"));
    return m;
  }

  private static Map<String, String> with(String field, String json) {
    Map<String, String> m = valid();
    m.put(field, json);
    return m;
  }

  private static Map<String, String> without(String field) {
    Map<String, String> m = valid();
    m.remove(field);
    return m;
  }

  private static String json(Map<String, String> members) {
    return members.entrySet().stream()
        .map(e -> q(e.getKey()) + ":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** A JSON string literal; escapes only what JSON requires, so odd characters go through raw. */
  private static String q(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String devices(String... ids) {
    return List.of(ids).stream()
        .map(RequestValidatorTest::q)
        .collect(Collectors.joining(",", "[", "]"));
  }

  private Verdict validate(String text) {
    return validator.validate(text.getBytes(StandardCharsets.UTF_8));
  }

  private Verdict validate(Map<String, String> members) {
    return validate(json(members));
  }

  private Verdict.Accepted accepted(Map<String, String> members) {
    Verdict v = validate(members);
    assertThat(v).isInstanceOf(Verdict.Accepted.class);
    return (Verdict.Accepted) v;
  }

  private static Verdict.Rejected rejected(Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Rejected.class);
    return (Verdict.Rejected) v;
  }

  private Verdict.Rejected rejected(Map<String, String> members) {
    return rejected(validate(members));
  }

  private static Problem onlyProblem(Verdict.Rejected r) {
    assertThat(r.problems()).hasSize(1);
    return r.problems().get(0);
  }

  // ---- the baseline ----

  @Test
  void acceptsAMinimalValidRequestWithDefaults() {
    Verdict.Accepted a = accepted(valid());

    assertThat(a.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(a.deviceIds()).containsExactly(D1);
    assertThat(a.duplicatesFolded()).isZero();
    assertThat(a.requestedBy()).isEqualTo("helpdesk-agent@contoso.com");
    assertThat(a.reason()).isEqualTo("INC0012345: user locked out");
    assertThat(a.source()).isNull();
    assertThat(a.timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(a.ignorePartialFailures()).isFalse();
    assertThat(a.validateDeviceExists()).isTrue();
    assertThat(a.dryRun()).isFalse();
    assertThat(a.force()).isFalse();
  }

  @Test
  void acceptsForce() {
    assertThat(accepted(with("force", "true")).force()).isTrue();
  }

  @Test
  void acceptsExplicitOptionalFields() {
    Map<String, String> m = valid();
    m.put("source", q("servicenow-prod"));
    m.put("ignorePartialFailures", "true");
    m.put("validateDeviceExists", "false");
    m.put("dryRun", "true");
    m.put("timeout", q("30m"));

    Verdict.Accepted a = accepted(m);

    assertThat(a.source()).isEqualTo("servicenow-prod");
    assertThat(a.ignorePartialFailures()).isTrue();
    assertThat(a.validateDeviceExists()).isFalse();
    assertThat(a.dryRun()).isTrue();
    assertThat(a.timeout()).isEqualTo(Duration.ofMinutes(30));
  }

  /** Issue 13: until the expansion stage exists, targets are refused rather than dropped. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void rejectsTargetsThisWorkerCannotExpandRatherThanIgnoringThem(boolean listsDevicesToo) {
    Map<String, String> m = listsDevicesToo ? valid() : without("deviceIds");
    m.put("targets", "{\"users\":[\"alice@contoso.com\"]}");

    Verdict.Rejected r = rejected(m);

    assertThat(onlyProblem(r))
        .isEqualTo(new Problem("targets", "not supported by this worker version"));
    assertThat(r.dlqReason()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void acceptsExpectedMaxDevicesWithListedDevices() {
    assertThat(accepted(with("expectedMaxDevices", "5")).deviceIds()).containsExactly(D1);
  }

  /** Issue 12: the schema rejects null for an optional field, so the worker does too. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "source",
        "ignorePartialFailures",
        "validateDeviceExists",
        "timeout",
        "dryRun",
        "force",
        "passcodeDelivery"
      })
  void rejectsJsonNullForAnOptionalFieldNamingIt(String field) {
    Verdict.Rejected r = rejected(with(field, "null"));

    assertThat(r.dlqReason()).isEqualTo("INVALID_REQUEST");
    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(onlyProblem(r).field()).isEqualTo(field);
    assertThat(onlyProblem(r).problem()).contains("must not be null");
  }

  // ---- passcode delivery ----

  @Test
  void acceptsPasscodeDeliveryToAConfiguredRecipient() {
    Map<String, String> m = valid();
    m.put("passcodeDelivery", "{\"recipient\":\"servicenow\"}");

    assertThat(accepted(m).passcodeRecipient()).isEqualTo("servicenow");
  }

  @Test
  void acceptsARequestWithoutPasscodeDeliveryAsNoRecipient() {
    assertThat(accepted(valid()).passcodeRecipient()).isNull();
  }

  @Test
  void rejectsPasscodeDeliveryToAnUnknownRecipientNamingTheConfiguredOnes() {
    Map<String, String> m = valid();
    m.put("passcodeDelivery", "{\"recipient\":\"jira\"}");

    Problem p = onlyProblem(rejected(m));

    assertThat(p.field()).isEqualTo("passcodeDelivery.recipient");
    assertThat(p.problem()).contains("'jira' is not a configured recipient", "servicenow");
  }

  @Test
  void rejectsPasscodeDeliveryWhenTheWorkerHasNoRecipients() {
    RequestValidator none = new RequestValidator(POLICY, Guards.ANY_SOURCE, Set.of());
    Map<String, String> m = valid();
    m.put("passcodeDelivery", "{\"recipient\":\"servicenow\"}");

    Problem p = onlyProblem(rejected(none.validate(json(m).getBytes(StandardCharsets.UTF_8))));

    assertThat(p.problem()).contains("passcode delivery is not set up on this worker");
  }

  @Test
  void rejectsPasscodeDeliveryThatIsNotAnObject() {
    Map<String, String> m = valid();
    m.put("passcodeDelivery", q("servicenow"));

    assertThat(onlyProblem(rejected(m)).field()).isEqualTo("passcodeDelivery");
  }

  @Test
  void rejectsPasscodeDeliveryWithoutRecipient() {
    Map<String, String> m = valid();
    m.put("passcodeDelivery", "{}");

    assertThat(onlyProblem(rejected(m)))
        .isEqualTo(new Problem("passcodeDelivery.recipient", "required"));
  }

  @Test
  void rejectsPasscodeDeliveryWithRecipientOfTheWrongType() {
    Map<String, String> m = valid();
    m.put("passcodeDelivery", "{\"recipient\":42}");

    assertThat(onlyProblem(rejected(m)).problem()).isEqualTo("must be a string, got a number");
  }

  @Test
  void rejectsUnknownFieldsInsidePasscodeDelivery() {
    Map<String, String> m = valid();
    m.put("passcodeDelivery", "{\"recipient\":\"servicenow\",\"email\":\"x@contoso.com\"}");

    assertThat(onlyProblem(rejected(m)).field()).isEqualTo("passcodeDelivery.email");
  }

  // ---- unusable messages ----

  @Test
  void rejectsNullPayload() {
    Verdict.Rejected r = rejected(validator.validate(null));

    assertThat(r.dlqReason()).isEqualTo("NULL_PAYLOAD");
    assertThat(onlyProblem(r).field()).isEqualTo("$");
  }

  @Test
  void rejectsOversizedMessageBeforeParsing() {
    byte[] big = new byte[POLICY.maxBytes() + 1];

    Verdict.Rejected r = rejected(validator.validate(big));

    assertThat(r.dlqReason()).isEqualTo("OVERSIZED");
    assertThat(onlyProblem(r).problem()).contains("4097").contains("4096");
  }

  @Test
  void acceptsMessageOfExactlyMaxBytes() {
    String base = json(valid());
    String padded = base.substring(0, base.length() - 1) + " ".repeat(4096 - base.length()) + "}";
    assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(4096);

    assertThat(validate(padded)).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] latin1 =
        json(with("reason", q("Gr\u00fc\u00dfe"))).getBytes(StandardCharsets.ISO_8859_1);

    Verdict.Rejected r = rejected(validator.validate(latin1));

    assertThat(r.dlqReason()).isEqualTo("INVALID_ENCODING");
  }

  @Test
  void rejectsBinaryGarbage() {
    byte[] gzipHeader = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03};

    Verdict.Rejected r = rejected(validator.validate(gzipHeader));

    assertThat(r.dlqReason()).isEqualTo("INVALID_ENCODING");
  }

  @Test
  void rejectsControlBytesThatAreValidUtf8AsMalformedJson() {
    Verdict.Rejected r = rejected(validator.validate(new byte[] {0x01, 0x02, 0x03}));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void rejectsEmptyMessage() {
    Verdict.Rejected r = rejected(validator.validate(new byte[0]));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void rejectsMalformedJson() {
    Verdict.Rejected r = rejected(validate("{\"schemaVersion\":1,"));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
    assertThat(onlyProblem(r).field()).isEqualTo("$");
  }

  @Test
  void rejectsTrailingGarbageAfterTheObject() {
    Verdict.Rejected r = rejected(validate(json(valid()) + " x"));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void rejectsASecondObjectAfterTheFirst() {
    Verdict.Rejected r = rejected(validate(json(valid()) + json(valid())));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void rejectsTopLevelArray() {
    Verdict.Rejected r = rejected(validate("[" + json(valid()) + "]"));

    assertThat(r.dlqReason()).isEqualTo("WRONG_SHAPE");
    assertThat(onlyProblem(r).problem()).contains("an array");
  }

  @Test
  void rejectsTopLevelString() {
    Verdict.Rejected r = rejected(validate("\"hello\""));

    assertThat(r.dlqReason()).isEqualTo("WRONG_SHAPE");
    assertThat(onlyProblem(r).problem()).contains("a string");
  }

  @Test
  void rejectsTopLevelNumber() {
    Verdict.Rejected r = rejected(validate("42"));

    assertThat(r.dlqReason()).isEqualTo("WRONG_SHAPE");
    assertThat(onlyProblem(r).problem()).contains("a number");
  }

  @Test
  void rejectsDeeplyNestedJsonWithoutStackOverflow() {
    RequestValidator roomy =
        new RequestValidator(
            new RequestPolicy(
                5, 1 << 20, Duration.ofHours(1), Duration.ofHours(24), 2, Set.of(Platform.AOSP)),
            Guards.ANY_SOURCE,
            Set.of());
    String nested = "[".repeat(1000) + "]".repeat(1000);
    String inField = json(with("deviceIds", "[".repeat(1000) + q(D1) + "]".repeat(1000)));

    assertThatCode(() -> roomy.validate(nested.getBytes(StandardCharsets.UTF_8)))
        .doesNotThrowAnyException();
    assertThat(rejected(roomy.validate(nested.getBytes(StandardCharsets.UTF_8))).dlqReason())
        .isEqualTo("MALFORMED_JSON");
    assertThat(rejected(roomy.validate(inField.getBytes(StandardCharsets.UTF_8))).dlqReason())
        .isEqualTo("MALFORMED_JSON");
  }

  @Test
  void unusableMessagesCarryNoRequestIdentity() {
    Verdict.Rejected r = rejected(validate("[]"));

    assertThat(r.requestId()).isNull();
    assertThat(r.requestedBy()).isNull();
    assertThat(r.source()).isNull();
  }

  @Test
  void parserMessagesQuotingTheInputAreSanitised() {
    Verdict.Rejected r = rejected(validate("{\"a\": x\u202Ey}"));

    assertThat(onlyProblem(r).problem()).contains("'x?y'").doesNotContain("\u202E");
  }

  @Test
  void rejectsUtf16EncodedJson() {
    byte[] utf16 = json(valid()).getBytes(StandardCharsets.UTF_16BE);

    Verdict.Rejected r = rejected(validator.validate(utf16));

    assertThat(r.dlqReason()).isIn("INVALID_ENCODING", "MALFORMED_JSON");
  }

  @Test
  void rejectsUtf32EncodedJson() {
    byte[] utf32 = json(valid()).getBytes(Charset.forName("UTF-32LE"));

    Verdict.Rejected r = rejected(validator.validate(utf32));

    assertThat(r.dlqReason()).isIn("INVALID_ENCODING", "MALFORMED_JSON");
  }

  @Test
  void rejectsDuplicateMemberNames() {
    String twoAuthors =
        json(valid()).replace("}", "," + q("requestedBy") + ":" + q("someone-else") + "}");

    Verdict.Rejected r = rejected(validate(twoAuthors));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
    assertThat(r.summary()).contains("Duplicate field 'requestedBy'");
  }

  // ---- issue 12: a readable requestId is always answered ----

  @Test
  void aRepeatedMemberNameStillCarriesTheRequestIdSoTheProducerHearsBack() {
    String twoReasons = json(valid()).replace("}", "," + q("reason") + ":" + q("other") + "}");

    Verdict.Rejected r = rejected(validate(twoReasons));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(r.requestedBy()).isEqualTo("helpdesk-agent@contoso.com");
    assertThat(r.summary()).contains("Duplicate field 'reason'");
  }

  @Test
  void aRepeatedRequestedByIsNotEchoedBecauseEitherValueMayBeForged() {
    String twoAuthors =
        json(valid()).replace("}", "," + q("requestedBy") + ":" + q("someone-else") + "}");

    Verdict.Rejected r = rejected(validate(twoAuthors));

    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(r.requestedBy()).isNull();
  }

  @Test
  void aRequestIdRepeatedWithTwoValuesIsNotRead() {
    String twoIds =
        json(valid())
            .replace("}", "," + q("requestId") + ":" + q(UUID.randomUUID().toString()) + "}");

    assertThat(rejected(validate(twoIds)).requestId()).isNull();
  }

  @Test
  void trailingGarbageStillCarriesTheRequestId() {
    Verdict.Rejected r = rejected(validate(json(valid()) + " trailing"));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
  }

  @Test
  void aTruncatedMessageCarriesTheRequestIdReadBeforeTheCut() {
    String cut = json(valid());
    cut = cut.substring(0, cut.indexOf(q("requestedBy")) + 5);

    Verdict.Rejected r = rejected(validate(cut));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
  }

  @Test
  void nestingTooDeepInAFieldStillCarriesTheRequestId() {
    String deep = json(with("deviceIds", "[".repeat(100) + "]".repeat(100)));

    Verdict.Rejected r = rejected(validate(deep));

    assertThat(r.dlqReason()).isEqualTo("MALFORMED_JSON");
    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
  }

  @Test
  void aMessageThatIsNotUtf8StillCarriesTheRequestIdButNotItsText() {
    byte[] latin1 =
        json(with("requestedBy", q("J\u00fcrgen"))).getBytes(StandardCharsets.ISO_8859_1);

    Verdict.Rejected r = rejected(validator.validate(latin1));

    assertThat(r.dlqReason()).isEqualTo("INVALID_ENCODING");
    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(r.requestedBy()).isNull();
  }

  @Test
  void anOversizedMessageCarriesTheRequestIdFromItsStart() {
    Map<String, String> m = valid();
    m.put("reason", q("r".repeat(POLICY.maxBytes())));

    Verdict.Rejected r = rejected(validate(m));

    assertThat(r.dlqReason()).isEqualTo("OVERSIZED");
    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "schemaVersion",
        "deviceIds",
        "requestedBy",
        "reason",
        "source",
        "ignorePartialFailures",
        "validateDeviceExists",
        "timeout",
        "dryRun",
        "force",
        "passcodeDelivery"
      })
  void aWrongTypeInAnyFieldCarriesTheRequestId(String field) {
    Verdict.Rejected r = rejected(with(field, "42"));

    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(onlyProblem(r).field()).isEqualTo(field);
  }

  @Test
  void unknownFieldsAreReportedAfterTheKnownOnesAndATypoOfCaseIsNamed() {
    Map<String, String> m = without("reason");
    m.put("dryrun", "true");

    Verdict.Rejected r = rejected(m);

    assertThat(r.problems()).extracting(Problem::field).containsExactly("reason", "dryrun");
    assertThat(r.problems().get(1).problem()).contains("case-sensitive (dryRun, not dryrun)");
  }

  @Test
  void controlCharactersAroundTheTextAreRejectedNotTrimmedAway() {
    Problem p = onlyProblem(rejected(with("requestedBy", q("alice@contoso.com\n"))));

    assertThat(p.field()).isEqualTo("requestedBy");
    assertThat(p.problem()).contains("control");
  }

  @Test
  void theLengthLimitCountsCharactersAsSentIncludingSurroundingSpaces() {
    assertThat(onlyProblem(rejected(with("requestedBy", q(" " + "a".repeat(256))))).problem())
        .contains("257");
  }

  @Test
  void theLengthLimitCountsCodePointsNotUtf16Units() {
    String emoji = "\uD83D\uDE00".repeat(256);

    assertThat(accepted(with("requestedBy", q(emoji))).requestedBy()).isEqualTo(emoji);
  }

  // ---- required fields ----

  @ParameterizedTest
  @ValueSource(strings = {"schemaVersion", "requestId", "deviceIds", "requestedBy", "reason"})
  void rejectsMissingRequiredField(String field) {
    Verdict.Rejected r = rejected(without(field));

    assertThat(onlyProblem(r)).isEqualTo(new Problem(field, "required"));
    assertThat(r.dlqReason()).isEqualTo("INVALID_REQUEST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"schemaVersion", "requestId", "deviceIds", "requestedBy", "reason"})
  void rejectsRequiredFieldThatIsNull(String field) {
    Verdict.Rejected r = rejected(with(field, "null"));

    assertThat(onlyProblem(r)).isEqualTo(new Problem(field, "required"));
  }

  // ---- wrong types ----

  @Test
  void rejectsSchemaVersionAsString() {
    Problem p = onlyProblem(rejected(with("schemaVersion", q("1"))));

    assertThat(p.field()).isEqualTo("schemaVersion");
    assertThat(p.problem()).contains("integer").contains("a string");
  }

  @Test
  void rejectsSchemaVersionAsFraction() {
    Problem p = onlyProblem(rejected(with("schemaVersion", "1.0")));

    assertThat(p.field()).isEqualTo("schemaVersion");
    assertThat(p.problem()).contains("integer");
  }

  @Test
  void rejectsRequestIdAsNumber() {
    Problem p = onlyProblem(rejected(with("requestId", "123")));

    assertThat(p.field()).isEqualTo("requestId");
    assertThat(p.problem()).contains("a number");
  }

  @Test
  void rejectsDeviceIdsAsString() {
    Problem p = onlyProblem(rejected(with("deviceIds", q(D1))));

    assertThat(p.field()).isEqualTo("deviceIds");
    assertThat(p.problem()).contains("array").contains("a string");
  }

  @Test
  void rejectsDeviceIdThatIsNotAString() {
    Problem p = onlyProblem(rejected(with("deviceIds", "[" + q(D1) + ",7]")));

    assertThat(p.field()).isEqualTo("deviceIds[1]");
    assertThat(p.problem()).contains("a number");
  }

  @Test
  void rejectsRequestedByAsNumber() {
    Problem p = onlyProblem(rejected(with("requestedBy", "42")));

    assertThat(p.field()).isEqualTo("requestedBy");
    assertThat(p.problem()).contains("must be a string").contains("a number");
  }

  @Test
  void rejectsReasonAsObject() {
    Problem p = onlyProblem(rejected(with("reason", "{}")));

    assertThat(p.field()).isEqualTo("reason");
    assertThat(p.problem()).contains("must be a string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ignorePartialFailures", "validateDeviceExists", "dryRun", "force"})
  void rejectsBooleanAsString(String field) {
    Problem p = onlyProblem(rejected(with(field, q("true"))));

    assertThat(p.field()).isEqualTo(field);
    assertThat(p.problem()).contains("true or false").contains("a string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ignorePartialFailures", "validateDeviceExists", "dryRun", "force"})
  void rejectsBooleanAsNumber(String field) {
    Problem p = onlyProblem(rejected(with(field, "1")));

    assertThat(p.field()).isEqualTo(field);
  }

  @Test
  void rejectsTimeoutAsNumber() {
    Problem p = onlyProblem(rejected(with("timeout", "30")));

    assertThat(p.field()).isEqualTo("timeout");
  }

  // ---- schemaVersion ----

  @Test
  void rejectsSchemaVersion2NamingTheSupportedVersions() {
    Verdict.Rejected r = rejected(with("schemaVersion", "2"));

    assertThat(r.dlqReason()).isEqualTo("UNSUPPORTED_SCHEMA_VERSION");
    Problem p = onlyProblem(r);
    assertThat(p.field()).isEqualTo("schemaVersion");
    assertThat(p.problem()).contains("unsupported version 2").contains("supported versions: [1]");
  }

  @Test
  void rejectsSchemaVersionBeyondIntRangeAsUnsupported() {
    Verdict.Rejected r = rejected(with("schemaVersion", "4294967297"));

    assertThat(r.dlqReason()).isEqualTo("UNSUPPORTED_SCHEMA_VERSION");
  }

  // ---- requestId ----

  @Test
  void rejectsRequestIdThatIsNotAUuid() {
    Verdict.Rejected r = rejected(with("requestId", q("ticket-42")));

    Problem p = onlyProblem(r);
    assertThat(p.field()).isEqualTo("requestId");
    assertThat(p.problem()).contains("UUID");
    assertThat(r.requestId()).isNull();
  }

  @Test
  void rejectsRequestIdThatJavaWouldLenientlyParse() {
    // UUID.fromString accepts "1-2-3-4-5"; the validator must not.
    Problem p = onlyProblem(rejected(with("requestId", q("1-2-3-4-5"))));

    assertThat(p.field()).isEqualTo("requestId");
  }

  // ---- deviceIds ----

  @Test
  void rejectsDeviceIdWithBraces() {
    Verdict.Rejected r = rejected(with("deviceIds", devices(D1, D2, "{" + D3 + "}")));

    Problem p = onlyProblem(r);
    assertThat(p.field()).isEqualTo("deviceIds[2]");
    assertThat(p.problem()).contains("braces");
  }

  @Test
  void rejectsGarbageDeviceId() {
    Verdict.Rejected r = rejected(with("deviceIds", devices("not-a-guid", D1)));

    Problem p = onlyProblem(r);
    assertThat(p.field()).isEqualTo("deviceIds[0]");
    assertThat(p.problem()).contains("not a GUID").contains("not-a-guid");
  }

  @Test
  void rejectsDeviceIdWithSurroundingWhitespace() {
    Problem p = onlyProblem(rejected(with("deviceIds", devices(" " + D1))));

    assertThat(p.field()).isEqualTo("deviceIds[0]");
  }

  @Test
  void acceptsUpperCaseGuidAndLowerCasesIt() {
    String upper = D1.toUpperCase(Locale.ROOT);
    assertThat(upper).isNotEqualTo(D1);

    Verdict.Accepted a = accepted(with("deviceIds", devices(upper)));

    assertThat(a.deviceIds()).containsExactly(D1);
  }

  @Test
  void acceptsMixedCaseGuidAndLowerCasesIt() {
    String mixed = "ABCDEF01-abcd-4ABC-8def-0123456789Ab";

    Verdict.Accepted a = accepted(with("deviceIds", devices(mixed)));

    assertThat(a.deviceIds()).containsExactly(mixed.toLowerCase(Locale.ROOT));
  }

  @Test
  void foldsDuplicateDevicesKeepingFirstSeenOrderAndCountsThem() {
    String upperD2 = D2.toUpperCase(Locale.ROOT);

    Verdict.Accepted a = accepted(with("deviceIds", devices(D2, D1, upperD2, D2, D1)));

    assertThat(a.deviceIds()).containsExactly(D2, D1);
    assertThat(a.duplicatesFolded()).isEqualTo(3);
  }

  @Test
  void countsOnlyDistinctDevicesAgainstTheLimit() {
    String[] sevenWithTwoRepeats = {
      D1,
      D2,
      D3,
      "00000000-0000-4000-8000-000000000004",
      "00000000-0000-4000-8000-000000000005",
      D1,
      D2
    };

    Verdict.Accepted a = accepted(with("deviceIds", devices(sevenWithTwoRepeats)));

    assertThat(a.deviceIds()).hasSize(5);
  }

  @Test
  void rejectsTooManyDistinctDevices() {
    List<String> six = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      six.add(String.format("00000000-0000-4000-8000-%012d", i));
    }

    Problem p = onlyProblem(rejected(with("deviceIds", devices(six.toArray(String[]::new)))));

    assertThat(p.field()).isEqualTo("deviceIds");
    assertThat(p.problem()).contains("6 distinct devices").contains("limit is 5");
  }

  @Test
  void rejectsEmptyDeviceIds() {
    Problem p = onlyProblem(rejected(with("deviceIds", "[]")));

    assertThat(p.field()).isEqualTo("deviceIds");
    assertThat(p.problem()).contains("at least one");
  }

  // ---- requestedBy and reason ----

  @ParameterizedTest
  @ValueSource(strings = {"requestedBy", "reason"})
  void rejectsTextThatIsBlankAfterTrim(String field) {
    Problem p = onlyProblem(rejected(with(field, q(" \t "))));

    assertThat(p).isEqualTo(new Problem(field, "must not be blank"));
  }

  @Test
  void trimsRequestedByAndReason() {
    Map<String, String> m = valid();
    m.put("requestedBy", q("  alice@contoso.com "));
    m.put("reason", q(" INC1 "));

    Verdict.Accepted a = accepted(m);

    assertThat(a.requestedBy()).isEqualTo("alice@contoso.com");
    assertThat(a.reason()).isEqualTo("INC1");
  }

  @Test
  void acceptsRequestedByOfExactlyTheLimit() {
    String max = "a".repeat(RequestValidator.MAX_REQUESTED_BY);

    assertThat(accepted(with("requestedBy", q(max))).requestedBy()).isEqualTo(max);
  }

  @Test
  void rejectsRequestedByLongerThanTheLimit() {
    Problem p = onlyProblem(rejected(with("requestedBy", q("a".repeat(257)))));

    assertThat(p.field()).isEqualTo("requestedBy");
    assertThat(p.problem()).contains("257").contains("256");
  }

  @Test
  void rejectsReasonLongerThanTheLimit() {
    Problem p = onlyProblem(rejected(with("reason", q("r".repeat(1025)))));

    assertThat(p.field()).isEqualTo("reason");
    assertThat(p.problem()).contains("1025").contains("1024");
  }

  @ParameterizedTest
  @ValueSource(strings = {"requestedBy", "reason"})
  void rejectsTextWithControlCharacter(String field) {
    Problem p = onlyProblem(rejected(with(field, q("alice\nINFO forged log line"))));

    assertThat(p.field()).isEqualTo(field);
    assertThat(p.problem()).contains("control");
  }

  @Test
  void rejectsTextWithC1ControlCharacter() {
    Problem p = onlyProblem(rejected(with("reason", q("a\u0085b"))));

    assertThat(p.field()).isEqualTo("reason");
  }

  @ParameterizedTest
  @ValueSource(strings = {"requestedBy", "reason"})
  void rejectsTextWithLineSeparator(String field) {
    Problem p = onlyProblem(rejected(with(field, q("alice\u2028bob"))));

    assertThat(p.field()).isEqualTo(field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"requestedBy", "reason"})
  void rejectsTextWithBidiOverride(String field) {
    Problem p = onlyProblem(rejected(with(field, q("admin\u202Emoc.osotnoc@eci1a"))));

    assertThat(p.field()).isEqualTo(field);
    assertThat(p.problem()).contains("bidi");
  }

  @Test
  void rejectsTextWithBidiIsolate() {
    Problem p = onlyProblem(rejected(with("requestedBy", q("a\u2066b"))));

    assertThat(p.field()).isEqualTo("requestedBy");
  }

  @Test
  void acceptsNonAsciiLetters() {
    assertThat(accepted(with("requestedBy", q("J\u00fcrgen \u5f20\u4f1f"))).requestedBy())
        .isEqualTo("J\u00fcrgen \u5f20\u4f1f");
  }

  // ---- source ----

  @Test
  void rejectsSourceOutsideThePattern() {
    Problem p = onlyProblem(rejected(with("source", q("service now"))));

    assertThat(p.field()).isEqualTo("source");
    assertThat(p.problem()).contains("[A-Za-z0-9._-]{1,64}");
  }

  @Test
  void rejectsEmptySource() {
    assertThat(onlyProblem(rejected(with("source", q("")))).field()).isEqualTo("source");
  }

  @Test
  void rejectsSourceLongerThan64() {
    assertThat(onlyProblem(rejected(with("source", q("s".repeat(65))))).field())
        .isEqualTo("source");
  }

  @Test
  void rejectsSourceThatIsNotAString() {
    assertThat(onlyProblem(rejected(with("source", "7"))).field()).isEqualTo("source");
  }

  // ---- source allowlist ----

  private final RequestValidator allowlisted =
      new RequestValidator(POLICY, Guards.allowing("servicenow", "cli"), Set.of());

  @Test
  void acceptsAnAllowedSource() {
    Verdict v =
        allowlisted.validate(
            json(with("source", q("servicenow"))).getBytes(StandardCharsets.UTF_8));

    assertThat(v).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void rejectsASourceNotOnTheAllowlistNamingTheSourceAndTheList() {
    Verdict.Rejected r =
        rejected(
            allowlisted.validate(json(with("source", q("jira"))).getBytes(StandardCharsets.UTF_8)));

    assertThat(r.dlqReason()).isEqualTo("SOURCE_NOT_ALLOWED");
    assertThat(r.source()).isEqualTo("jira");
    Problem p = onlyProblem(r);
    assertThat(p.field()).isEqualTo("source");
    assertThat(p.problem()).contains("'jira'").contains("[cli, servicenow]");
  }

  @Test
  void rejectsARequestWithoutSourceWhenAnAllowlistIsSet() {
    Verdict.Rejected r =
        rejected(allowlisted.validate(json(valid()).getBytes(StandardCharsets.UTF_8)));

    assertThat(r.dlqReason()).isEqualTo("SOURCE_NOT_ALLOWED");
    assertThat(onlyProblem(r).problem()).startsWith("required").contains("REQUEST_ALLOWED_SOURCES");
  }

  @Test
  void aRequestWithOtherProblemsTooIsAnInvalidRequestThatAlsoNamesTheSource() {
    Verdict.Rejected r =
        rejected(
            allowlisted.validate(json(without("requestedBy")).getBytes(StandardCharsets.UTF_8)));

    assertThat(r.dlqReason()).isEqualTo("INVALID_REQUEST");
    assertThat(r.problems()).extracting(Problem::field).containsExactly("requestedBy", "source");
  }

  @Test
  void reportsAMalformedSourceOnceNotAlsoAsNotAllowed() {
    Verdict.Rejected r =
        rejected(
            allowlisted.validate(
                json(with("source", q("service now"))).getBytes(StandardCharsets.UTF_8)));

    assertThat(r.dlqReason()).isEqualTo("INVALID_REQUEST");
    assertThat(onlyProblem(r).problem()).contains("[A-Za-z0-9._-]{1,64}");
  }

  // ---- unknown fields ----

  @Test
  void rejectsUnknownField() {
    Problem p = onlyProblem(rejected(with("deviceID", devices(D1))));

    assertThat(p.field()).isEqualTo("deviceID");
    assertThat(p.problem()).contains("unknown field");
  }

  @Test
  void unknownFieldNameIsReportedWithoutControlCharacters() {
    Problem p = onlyProblem(rejected(with("x\u202Ey", "1")));

    assertThat(p.field()).isEqualTo("x?y");
  }

  // ---- timeout ----

  @Test
  void acceptsGoStyleTimeout() {
    assertThat(accepted(with("timeout", q("2h45m"))).timeout())
        .isEqualTo(Duration.ofHours(2).plusMinutes(45));
  }

  @Test
  void acceptsIsoTimeout() {
    assertThat(accepted(with("timeout", q("PT10M"))).timeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void acceptsTimeoutAtBothBounds() {
    assertThat(accepted(with("timeout", q("1s"))).timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(accepted(with("timeout", q("24h"))).timeout()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void rejectsUnparseableTimeout() {
    Problem p = onlyProblem(rejected(with("timeout", q("1d"))));

    assertThat(p.field()).isEqualTo("timeout");
    assertThat(p.problem()).contains("\"1d\"").contains("must be a duration");
  }

  @Test
  void rejectsTimeoutBelowOneSecond() {
    Problem p = onlyProblem(rejected(with("timeout", q("999ms"))));

    assertThat(p.field()).isEqualTo("timeout");
    assertThat(p.problem()).contains("between 1s and 24h");
  }

  @Test
  void rejectsNegativeIsoTimeout() {
    assertThat(onlyProblem(rejected(with("timeout", q("PT-5M")))).field()).isEqualTo("timeout");
  }

  @Test
  void rejectsTimeoutAboveTheMaximum() {
    Problem p = onlyProblem(rejected(with("timeout", q("24h1s"))));

    assertThat(p.field()).isEqualTo("timeout");
    assertThat(p.problem()).contains("between 1s and 24h");
  }

  // ---- lane ----

  @Test
  void requestAtTheInteractiveThresholdIsInteractive() {
    assertThat(accepted(with("deviceIds", devices(D1, D2))).lane()).isEqualTo(Lane.INTERACTIVE);
  }

  @Test
  void requestAboveTheInteractiveThresholdIsBulk() {
    assertThat(accepted(with("deviceIds", devices(D1, D2, D3))).lane()).isEqualTo(Lane.BULK);
  }

  @Test
  void laneCountsDistinctDevices() {
    assertThat(accepted(with("deviceIds", devices(D1, D2, D1.toUpperCase(Locale.ROOT)))).lane())
        .isEqualTo(Lane.INTERACTIVE);
  }

  // ---- reporting ----

  @Test
  void reportsEveryProblemAtOnce() {
    Map<String, String> m = valid();
    m.put("requestId", q("nope"));
    m.put("deviceIds", "[]");
    m.put("requestedBy", q(" "));
    m.put("source", q("bad source"));

    Verdict.Rejected r = rejected(m);

    assertThat(r.problems())
        .extracting(Problem::field)
        .containsExactlyInAnyOrder("requestId", "deviceIds", "requestedBy", "source");
  }

  @Test
  void capsTheProblemListAt50PlusACountOfTheRest() {
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      bad.add("x" + i);
    }

    Verdict.Rejected r = rejected(with("deviceIds", devices(bad.toArray(String[]::new))));

    assertThat(r.problems()).hasSize(RequestValidator.MAX_REPORTED_PROBLEMS + 1);
    assertThat(r.problems().get(49).field()).isEqualTo("deviceIds[49]");
    assertThat(r.problems().get(50)).isEqualTo(new Problem("$", "10 more problems not listed"));
  }

  @Test
  void listsExactly50ProblemsWithoutAMoreLine() {
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bad.add("x" + i);
    }

    Verdict.Rejected r = rejected(with("deviceIds", devices(bad.toArray(String[]::new))));

    assertThat(r.problems()).hasSize(50).noneMatch(p -> p.field().equals("$"));
  }

  @Test
  void returnsReadableIdentityOnRejectionSoTheProducerCanBeTold() {
    Map<String, String> m = valid();
    m.put("source", q("servicenow"));
    m.put("deviceIds", devices("{" + D1 + "}"));

    Verdict.Rejected r = rejected(m);

    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(r.requestedBy()).isEqualTo("helpdesk-agent@contoso.com");
    assertThat(r.source()).isEqualTo("servicenow");
  }

  @Test
  void leavesUnreadableIdentityFieldsNullOnRejection() {
    Map<String, String> m = valid();
    m.put("requestedBy", q("a\u202Eb"));
    m.put("source", q("bad source"));

    Verdict.Rejected r = rejected(m);

    assertThat(r.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(r.requestedBy()).isNull();
    assertThat(r.source()).isNull();
  }

  @Test
  void echoedInputInProblemsIsClippedAndSanitised() {
    String longGarbage = "\u202E" + "z".repeat(100);

    Problem p = onlyProblem(rejected(with("deviceIds", devices(longGarbage))));

    assertThat(p.problem()).doesNotContain("\u202E").doesNotContain("z".repeat(41));
  }
}
