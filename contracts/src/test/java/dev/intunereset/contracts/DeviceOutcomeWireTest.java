package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bytes of a {@link DeviceOutcome} on the results topic are a contract: golden files captured
 * from the flat record before it was narrowed pin them, field order and omitted nulls included;
 * {@code action} was appended to each when outcomes began to name their action, and {@code
 * selector} after it when requests could select their devices.
 */
class DeviceOutcomeWireTest {
  private static final String DIR = "wire/device-outcome/";
  // Captured before outcomes named their action: what a consumer replaying old events reads.
  private static final String BEFORE_ACTIONS = "wire/device-outcome-before-actions/";
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final String DEVICE = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e1";
  private static final Instant ACCEPTED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant STARTED = Instant.parse("2026-01-01T00:00:01.250Z");
  private static final Instant COMPLETED = Instant.parse("2026-01-01T00:00:02.5Z");
  private static final String HINT = PasscodeOutcome.ADMIN_CENTER_HINT;

  private static final ObjectMapper JSON = Fixtures.JSON;

  static Map<String, DeviceOutcome> cases() {
    Map<String, DeviceOutcome> c = new LinkedHashMap<>();
    c.put(
        "succeeded-reset-issued-not-requested",
        outcome(
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the passcode reset",
                204,
                null,
                "graph-req-1",
                "client-req-1",
                1,
                "Windows",
                STARTED,
                "servicenow")
            .withPasscode(new PasscodeOutcome(PasscodeStatus.NOT_REQUESTED, null, null, HINT)));
    c.put(
        "succeeded-reset-issued-sealed",
        outcome(
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the passcode reset",
                204,
                null,
                "graph-req-2",
                "client-req-2",
                2,
                "Android",
                STARTED,
                "servicenow")
            .withPasscode(
                new PasscodeOutcome(
                    PasscodeStatus.SEALED,
                    "servicenow",
                    Fixtures.SAMPLE_JWE,
                    "the new passcode is sealed for servicenow")));
    c.put(
        "succeeded-reset-issued-none-issued",
        outcome(
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the passcode reset",
                204,
                null,
                "graph-req-3",
                "client-req-3",
                1,
                "iOS",
                STARTED,
                null)
            .withPasscode(
                new PasscodeOutcome(
                    PasscodeStatus.NONE_ISSUED,
                    null,
                    null,
                    "iOS/iPadOS removes the passcode instead of setting a new one")));
    c.put(
        "succeeded-reset-issued-action-failed",
        outcome(
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the passcode reset",
                204,
                null,
                "graph-req-4",
                "client-req-4",
                1,
                "Android",
                STARTED,
                "servicenow")
            .withPasscode(
                new PasscodeOutcome(
                    PasscodeStatus.ACTION_FAILED,
                    "servicenow",
                    null,
                    "Graph reports the passcode reset failed on the device (errorCode 5)")));
    c.put(
        "succeeded-already-reset-not-retrieved",
        outcome(
                OutcomeStatus.SUCCEEDED,
                ReasonCode.ALREADY_RESET,
                "the device was already reset at 2026-01-01T00:00:00.5Z",
                null,
                null,
                null,
                null,
                0,
                "Android",
                ACCEPTED.plusMillis(500),
                "servicenow")
            .withPasscode(
                new PasscodeOutcome(
                    PasscodeStatus.NOT_RETRIEVED, "servicenow", null, "not read back; " + HINT)));
    c.put(
        "failed-not-found",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.NOT_FOUND,
            "Graph 404 ResourceNotFound: gone",
            404,
            "ResourceNotFound",
            "graph-req-5",
            "client-req-5",
            0,
            null,
            null,
            "servicenow"));
    c.put(
        "failed-unsupported-platform",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.UNSUPPORTED_PLATFORM,
            "macOS is not an allowed platform",
            200,
            null,
            "graph-req-6",
            "client-req-6",
            0,
            "macOS",
            null,
            "servicenow"));
    c.put(
        "failed-forbidden",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.FORBIDDEN,
            "Graph 403 Forbidden",
            403,
            "Forbidden",
            "graph-req-7",
            "client-req-7",
            1,
            "Windows",
            STARTED,
            "servicenow"));
    c.put(
        "failed-unauthorized-no-response",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.UNAUTHORIZED,
            "token request failed: AADSTS7000215 invalid_client",
            null,
            null,
            null,
            "client-req-8",
            3,
            null,
            STARTED,
            "servicenow"));
    c.put(
        "failed-bad-request",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.BAD_REQUEST,
            "Graph 400 BadRequest",
            400,
            "BadRequest",
            "graph-req-9",
            "client-req-9",
            1,
            "Windows",
            STARTED,
            "servicenow"));
    c.put(
        "failed-throttled",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.THROTTLED,
            "gave up after 5 attempts: Graph 429 TooManyRequests",
            429,
            "TooManyRequests",
            "graph-req-10",
            "client-req-10",
            5,
            "Windows",
            STARTED,
            "servicenow"));
    c.put(
        "failed-graph-error",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.GRAPH_ERROR,
            "gave up after 5 attempts: Graph 503 ServiceUnavailable",
            503,
            "ServiceUnavailable",
            "graph-req-11",
            "client-req-11",
            5,
            "Windows",
            STARTED,
            "servicenow"));
    c.put(
        "failed-transport-error",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.TRANSPORT_ERROR,
            "gave up after 5 attempts: connection reset",
            null,
            null,
            null,
            "client-req-12",
            5,
            "Windows",
            STARTED,
            "servicenow"));
    c.put(
        "skipped-dry-run-no-source",
        outcome(
            OutcomeStatus.SKIPPED,
            ReasonCode.DRY_RUN,
            "dry run: the device would get a passcode reset",
            null,
            null,
            null,
            null,
            0,
            null,
            null,
            null));
    c.put(
        "skipped-request-aborted",
        outcome(
            OutcomeStatus.SKIPPED,
            ReasonCode.REQUEST_ABORTED,
            "not reset: 1 of 3 devices failed validation and ignorePartialFailures is false",
            null,
            null,
            null,
            null,
            0,
            "Android",
            null,
            "servicenow"));
    c.put(
        "skipped-recently-reset",
        outcome(
            OutcomeStatus.SKIPPED,
            ReasonCode.RECENTLY_RESET,
            "reset at 2025-12-31T23:00:00Z, within the cooldown of PT24H",
            200,
            null,
            "graph-req-13",
            "client-req-13",
            0,
            "Windows",
            null,
            "servicenow"));
    c.put(
        "timed-out-deadline-exceeded",
        outcome(
            OutcomeStatus.TIMED_OUT,
            ReasonCode.DEADLINE_EXCEEDED,
            "the deadline 2026-01-01T00:15:00Z passed before the resetPasscode could start",
            null,
            null,
            null,
            null,
            0,
            "Windows",
            null,
            "servicenow"));
    c.put(
        "escaped-text",
        outcome(
            OutcomeStatus.FAILED,
            ReasonCode.GRAPH_ERROR,
            "Graph said \"no\"\n\ttab, backslash \\ and ünïcødé ✓ </script>",
            500,
            "Internal\"Error",
            "graph-req-14",
            "client-req-14",
            1,
            "Windows 11 Pro",
            STARTED,
            "serviceñow"));
    c.put(
        "succeeded-rotation-issued",
        rotation(
            outcome(
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the BitLocker recovery key rotation",
                204,
                null,
                "graph-req-15",
                "client-req-15",
                1,
                "Windows",
                STARTED,
                "servicenow")));
    c.put(
        "succeeded-reset-issued-selected-by-user",
        c.get("succeeded-reset-issued-sealed")
            .withSelector(Targets.userLabel("alice@contoso.com")));
    c.put("skipped-dry-run-listed", c.get("skipped-dry-run-no-source").withSelector("deviceIds"));
    return c;
  }

  /** The same outcome for a request that asked to rotate BitLocker keys. */
  private static DeviceOutcome rotation(DeviceOutcome o) {
    return new DeviceOutcome(
        o.request().withAction(Action.ROTATE_BITLOCKER_KEYS),
        o.deviceId(),
        o.status(),
        o.reasonCode(),
        o.message(),
        o.graph(),
        o.attempts(),
        o.operatingSystem(),
        o.startedAt(),
        o.completedAt(),
        o.passcode(),
        o.selector());
  }

  private static DeviceOutcome outcome(
      OutcomeStatus status,
      ReasonCode reason,
      String message,
      Integer httpStatus,
      String graphErrorCode,
      String graphRequestId,
      String clientRequestId,
      int attempts,
      String os,
      Instant startedAt,
      String source) {
    return new DeviceOutcome(
        new RequestRef(REQUEST, "helpdesk-agent@contoso.com", "INC0012345", source, ACCEPTED),
        DEVICE,
        status,
        reason,
        message,
        new GraphCallFacts(httpStatus, graphErrorCode, graphRequestId, clientRequestId),
        attempts,
        os,
        startedAt,
        COMPLETED,
        null,
        null);
  }

  static Stream<Arguments> outcomes() {
    return cases().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void writesTheGoldenBytes(String name, DeviceOutcome outcome) throws IOException {
    byte[] asOutcome = JSON.writeValueAsBytes(outcome);
    byte[] asEvent = JSON.writerFor(ResultEvent.class).writeValueAsBytes(outcome);
    assertThat(text(asOutcome)).isEqualTo(text(golden(name)));
    assertThat(text(asEvent)).isEqualTo(text(golden(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void readsTheGoldenBytesBackToTheSameRecordAndBytes(String name, DeviceOutcome outcome)
      throws IOException {
    DeviceOutcome read = JSON.readValue(golden(name), DeviceOutcome.class);
    ResultEvent readAsEvent = JSON.readValue(golden(name), ResultEvent.class);

    assertThat(read).isEqualTo(outcome);
    assertThat(readAsEvent).isEqualTo(outcome);
    assertThat(text(JSON.writeValueAsBytes(read))).isEqualTo(text(golden(name)));
  }

  static Stream<Arguments> outcomesWrittenBeforeActions() {
    return Stream.of("succeeded-reset-issued-sealed", "failed-forbidden")
        .map(name -> Arguments.of(name, cases().get(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomesWrittenBeforeActions")
  void readsAnOutcomeWrittenBeforeActionsAsAPasscodeResetAndAppendsTheActionWhenWritten(
      String name, DeviceOutcome outcome) throws IOException {
    byte[] old = resource(BEFORE_ACTIONS + name + ".json");

    DeviceOutcome read = JSON.readValue(old, DeviceOutcome.class);

    assertThat(text(old)).doesNotContain("\"action\"");
    assertThat(read).isEqualTo(outcome);
    assertThat(read.action()).isEqualTo(Action.RESET_PASSCODE);
    // Appending keeps every older field where it was: the old bytes are a prefix of the new.
    String oldText = text(old);
    assertThat(text(JSON.writeValueAsBytes(read)))
        .isEqualTo(oldText.substring(0, oldText.length() - 1) + ",\"action\":\"resetPasscode\"}");
  }

  @Test
  void everyOutcomeWrittenBeforeTargetsReadsWithoutASelectorAndGetsItAppendedLast()
      throws IOException {
    for (Map.Entry<String, DeviceOutcome> c : cases().entrySet()) {
      if (c.getValue().selector() != null) {
        continue;
      }
      String old = text(golden(c.getKey()));
      DeviceOutcome read = JSON.readValue(old, DeviceOutcome.class);

      assertThat(read.selector()).as(c.getKey()).isNull();
      assertThat(text(JSON.writeValueAsBytes(read.withSelector(Targets.EXPLICIT))))
          .as(c.getKey())
          .isEqualTo(old.substring(0, old.length() - 1) + ",\"selector\":\"deviceIds\"}");
    }
  }

  private static byte[] golden(String name) throws IOException {
    return resource(DIR + name + ".json");
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = DeviceOutcomeWireTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as("golden file %s", path).isNotNull();
      return in.readAllBytes();
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
