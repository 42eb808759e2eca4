package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import dev.intunereset.worker.task.ValidationTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The device-tasks topic and the outcomes built from tasks keep their bytes: golden files captured
 * from the flat records before they were narrowed pin field order and omitted nulls.
 */
class WireFormatGoldenTest {
  private static final String DIR = "wire/";
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final Instant ACCEPTED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-01-01T00:15:00.125Z");
  private static final Instant STARTED = Instant.parse("2026-01-01T00:00:01.250Z");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:02.5Z");
  private static final String D1 = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e1";
  private static final String D2 = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e2";
  private static final String D3 = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e3";

  private static RequestRef request(String reason, String source) {
    return new RequestRef(REQUEST, "agent@contoso.com", reason, source, ACCEPTED);
  }

  /** Bulk, no source, every flag off, no delivery. */
  private static DeviceTask minimalTask() {
    return DeviceTask.of(request("INC1", null), DEADLINE, RequestOptions.NONE, Lane.BULK, D1, 0, 1);
  }

  /** Interactive, every flag on, delivered to a recipient. */
  private static DeviceTask fullTask() {
    RequestOptions all =
        RequestOptions.NONE
            .withIgnorePartialFailures(true)
            .withValidateDeviceExists(true)
            .withForce(true)
            .deliveredTo("servicenow");
    return DeviceTask.of(
        request("INC2 \"quoted\" ünïcødé", "servicenow"),
        DEADLINE,
        all,
        Lane.INTERACTIVE,
        D3,
        2,
        5);
  }

  private static DeviceTask dryRunTask() {
    RequestOptions dryRun = RequestOptions.NONE.withValidateDeviceExists(true).withDryRun(true);
    return DeviceTask.of(request("INC3", "servicenow"), DEADLINE, dryRun, Lane.BULK, D2, 1, 3);
  }

  /** The first task of an all-or-nothing request: validate, do not ignore partial failures. */
  private static DeviceTask allOrNothingFirst(String source, String recipient) {
    RequestOptions allOrNothing =
        RequestOptions.NONE.withValidateDeviceExists(true).deliveredTo(recipient);
    return DeviceTask.of(request("INC4", source), DEADLINE, allOrNothing, Lane.BULK, D1, 0, 3);
  }

  static Map<String, Object> tasks() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("task-minimal", minimalTask());
    c.put("task-full", fullTask());
    c.put("task-dry-run", dryRunTask());
    c.put("task-prevalidated", allOrNothingFirst("servicenow", "servicenow").validated("Android"));
    c.put("task-prevalidated-minimal", minimalTask().validated("Windows"));
    c.put(
        "validation-task",
        new ValidationTask(allOrNothingFirst("servicenow", "servicenow"), List.of(D1, D2, D3)));
    c.put(
        "validation-task-minimal",
        new ValidationTask(allOrNothingFirst(null, null), List.of(D1, D2, D3)));
    return c;
  }

  static Map<String, DeviceOutcome> outcomes() {
    GraphCallResult accepted =
        new GraphCallResult(
            GraphCallResult.Kind.SUCCESS,
            204,
            null,
            "accepted",
            "graph-req-1",
            "client-req-1",
            Optional.empty());
    GraphCallResult reset =
        new GraphCallResult(
            GraphCallResult.Kind.TRANSPORT_ERROR,
            0,
            null,
            "connection reset",
            null,
            "client-req-2",
            Optional.empty());
    GraphCallResult throttled =
        new GraphCallResult(
            GraphCallResult.Kind.HTTP_ERROR,
            429,
            "TooManyRequests",
            "slow down",
            "graph-req-3",
            "client-req-3",
            Optional.of(Duration.ofSeconds(7)));
    Map<String, DeviceOutcome> c = new LinkedHashMap<>();
    c.put(
        "outcome-sealed",
        Outcomes.of(
                fullTask(),
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the passcode reset",
                accepted,
                1,
                "Android",
                STARTED,
                NOW)
            .withPasscode(
                new PasscodeOutcome(
                    PasscodeStatus.SEALED,
                    "servicenow",
                    "eyJ.a2V5.aXY.Y2lwaGVy.dGFn",
                    "the new passcode is sealed for servicenow")));
    c.put(
        "outcome-not-requested",
        Outcomes.of(
                minimalTask(),
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the passcode reset",
                accepted,
                1,
                "Android",
                STARTED,
                NOW)
            .withPasscode(PasscodeRetrieval.withoutDelivery("Android")));
    c.put(
        "outcome-none-issued",
        Outcomes.of(
                minimalTask(),
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the passcode reset",
                accepted,
                1,
                "iOS",
                STARTED,
                NOW)
            .withPasscode(PasscodeRetrieval.withoutDelivery("iOS")));
    c.put(
        "outcome-already-reset-not-read-back",
        Outcomes.of(
                allOrNothingFirst("servicenow", "servicenow"),
                OutcomeStatus.SUCCEEDED,
                ReasonCode.ALREADY_RESET,
                "already reset",
                null,
                0,
                "Android",
                null,
                NOW)
            .withPasscode(
                PasscodeRetrieval.notReadBack(
                    allOrNothingFirst("servicenow", "servicenow"), "Android")));
    c.put(
        "outcome-transport-error",
        Outcomes.of(
            fullTask(),
            OutcomeStatus.FAILED,
            ReasonCode.TRANSPORT_ERROR,
            "gave up after 5 attempts: connection reset",
            reset,
            5,
            null,
            STARTED,
            NOW));
    c.put(
        "outcome-throttled",
        Outcomes.of(
            fullTask(),
            OutcomeStatus.FAILED,
            ReasonCode.THROTTLED,
            "gave up after 5 attempts",
            throttled,
            5,
            "Windows",
            STARTED,
            NOW));
    c.put(
        "outcome-dry-run",
        Outcomes.of(
            dryRunTask(),
            OutcomeStatus.SKIPPED,
            ReasonCode.DRY_RUN,
            "dry run: the device would get a passcode reset",
            null,
            0,
            null,
            null,
            NOW));
    c.put(
        "outcome-long-message",
        Outcomes.of(
            minimalTask(),
            OutcomeStatus.FAILED,
            ReasonCode.GRAPH_ERROR,
            "x".repeat(2100),
            null,
            0,
            null,
            null,
            NOW));
    return c;
  }

  static Stream<Arguments> taskCases() {
    return tasks().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static Stream<Arguments> outcomeCases() {
    return outcomes().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("taskCases")
  void taskIsWrittenAsTheGoldenBytes(String name, Object task) throws IOException {
    assertThat(text(written(name, task))).isEqualTo(text(golden(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("taskCases")
  void goldenTaskReadsBackToTheSameTaskAndBytes(String name, Object task) throws IOException {
    Object read = Json.read(golden(name), task.getClass());

    assertThat(read).isEqualTo(task);
    assertThat(text(Json.write(read))).isEqualTo(text(golden(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomeCases")
  void outcomeOfATaskIsWrittenAsTheGoldenBytes(String name, DeviceOutcome outcome)
      throws IOException {
    assertThat(text(written(name, outcome))).isEqualTo(text(golden(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomeCases")
  void goldenOutcomeReadsBackToTheSameOutcomeAndBytes(String name, DeviceOutcome outcome)
      throws IOException {
    ResultEvent read = Json.read(golden(name), ResultEvent.class);

    assertThat(read).isEqualTo(outcome);
    assertThat(text(Json.write(read))).isEqualTo(text(golden(name)));
  }

  private static byte[] written(String name, Object value) throws IOException {
    return Json.write(value);
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in =
        WireFormatGoldenTest.class.getClassLoader().getResourceAsStream(DIR + name + ".json")) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
