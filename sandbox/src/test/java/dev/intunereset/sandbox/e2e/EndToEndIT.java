package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.CloudEventHeaders;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DlqHeaders;
import dev.intunereset.contracts.EventTypes;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka request → per-device Graph resetPasscode → outcome events, on the real broker and SDK. */
class EndToEndIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(2_000);
  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    stack = SharedStack.get();
  }

  private static List<String> devices(int from, int count) {
    return ANDROID.subList(from, from + count);
  }

  private static long posts(String deviceId) {
    return stack.simulator().calls().stream()
        .filter(
            c -> c.operation().equals("resetPasscode") && deviceId.equalsIgnoreCase(c.deviceId()))
        .count();
  }

  @Test
  void resetsOneDeviceAndReportsOneOutcomeAndOneCompletion() {
    UUID id = UUID.randomUUID();
    String device = devices(0, 1).get(0);
    RequestRun run =
        new RequestRun(stack.bootstrapServers())
            .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, List.of(device), ""));

    assertThat(run.acceptances(id))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.deviceCount()).isEqualTo(1);
              assertThat(a.lane()).isEqualTo(Lane.INTERACTIVE);
            });
    DeviceOutcome outcome = run.outcomes(id).get(0);
    assertThat(run.outcomes(id)).hasSize(1);
    assertThat(outcome.deviceId()).isEqualTo(device);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.graph().graphRequestId())
        .as("Graph's request-id of the successful POST, for a support case")
        .isNotBlank();
    assertThat(outcome.operatingSystem()).isEqualTo("Android");
    assertThat(outcome.request().requestedBy()).isEqualTo("it@contoso.com");
    assertThat(outcome.startedAt()).isNotNull();
    assertThat(run.completions(id))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(RequestStatus.COMPLETED);
              assertThat(c.counts().succeeded()).isEqualTo(1);
            });
    assertThat(posts(device)).isEqualTo(1);
    assertThat(stack.simulator().postCount(device)).isEqualTo(1);
  }

  @Test
  void fiveHundredDevicesGetExactlyOneOutcomeEachAndMatchingCounts() {
    UUID id = UUID.randomUUID();
    List<String> batch = devices(100, 500);
    RequestRun run =
        new RequestRun(stack.bootstrapServers())
            .publishAndAwait(
                Set.of(id), TIMEOUT, RequestRun.request(id, batch, "\"timeout\":\"10m\""));

    List<DeviceOutcome> outcomes = run.outcomes(id);
    assertThat(outcomes).hasSize(500);
    Map<String, Long> perDevice =
        outcomes.stream()
            .collect(Collectors.groupingBy(DeviceOutcome::deviceId, Collectors.counting()));
    assertThat(perDevice.keySet()).containsExactlyInAnyOrderElementsOf(batch);
    assertThat(perDevice.values()).allMatch(n -> n == 1);
    assertThat(outcomes).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);

    assertThat(run.acceptances(id))
        .singleElement()
        .satisfies(a -> assertThat(a.lane()).isEqualTo(Lane.BULK));
    RequestCompleted completed = run.completions(id).get(0);
    assertThat(run.completions(id)).hasSize(1);
    assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);
    assertThat(completed.deviceCount()).isEqualTo(500);
    assertThat(completed.counts().succeeded()).isEqualTo(500);
    assertThat(completed.counts().total()).isEqualTo(500);
    assertThat(batch).allMatch(d -> stack.simulator().postCount(d) == 1);
  }

  @Test
  void unknownDevicesFailWithNotFoundWhileKnownOnesAreReset() {
    UUID id = UUID.randomUUID();
    List<String> known = devices(700, 3);
    List<String> unknown =
        List.of("0badc0de-0000-4000-8000-0000000000a1", "0badc0de-0000-4000-8000-0000000000a2");
    List<String> all = new ArrayList<>(known);
    all.addAll(unknown);
    RequestRun run =
        new RequestRun(stack.bootstrapServers())
            .publishAndAwait(
                Set.of(id), TIMEOUT, RequestRun.request(id, all, "\"ignorePartialFailures\":true"));

    Map<String, DeviceOutcome> byDevice =
        run.outcomes(id).stream()
            .collect(Collectors.toMap(DeviceOutcome::deviceId, Function.identity()));
    assertThat(run.outcomes(id)).hasSize(5);
    for (String d : unknown) {
      DeviceOutcome o = byDevice.get(d);
      assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
      assertThat(o.reasonCode()).isEqualTo(ReasonCode.NOT_FOUND);
      assertThat(o.graph().httpStatus()).isEqualTo(404);
      assertThat(o.graph().graphErrorCode()).isEqualTo("ResourceNotFound");
      assertThat(o.graph().graphRequestId()).isNotBlank();
      assertThat(o.attempts()).isZero();
      assertThat(posts(d)).as("no reset of a device that does not exist").isZero();
    }
    for (String d : known) {
      assertThat(byDevice.get(d).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    }
    RequestCompleted completed = run.completions(id).get(0);
    assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED_WITH_FAILURES);
    assertThat(completed.counts()).isEqualTo(new RequestCompleted.Counts(3, 2, 0, 0));
  }

  @Test
  void resultEventsCarryCloudEventsHeadersTheRequestIdKeyAndMatchTheirSchemas() {
    UUID id = UUID.randomUUID();
    List<String> mixed = new ArrayList<>(devices(800, 2));
    mixed.add("0badc0de-0000-4000-8000-0000000000c1");
    new RequestRun(stack.bootstrapServers())
        .publishAndAwait(
            Set.of(id), TIMEOUT, RequestRun.request(id, mixed, "\"ignorePartialFailures\":true"));

    Set<String> types = new HashSet<>();
    try (ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (types.size() < 3 && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : feed.pollRecords(Duration.ofMillis(200))) {
          if (!id.toString().equals(new String(r.key(), StandardCharsets.UTF_8))) {
            continue;
          }
          assertThat(header(r, CloudEventHeaders.SPECVERSION)).isEqualTo("1.0");
          assertThat(header(r, CloudEventHeaders.ID)).isNotBlank();
          assertThat(header(r, CloudEventHeaders.SOURCE)).isNotBlank();
          assertThat(header(r, CloudEventHeaders.TIME)).isNotBlank();
          String subject = header(r, CloudEventHeaders.SUBJECT);
          if (EventTypes.DEVICE_OUTCOME.equals(header(r, CloudEventHeaders.TYPE))) {
            assertThat(mixed).contains(subject);
          } else {
            assertThat(subject).isEqualTo(id.toString());
          }
          assertThat(header(r, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
          types.add(header(r, CloudEventHeaders.TYPE));
          assertThat(ContractSchemas.violations(r.value())).as("schema violations").isEmpty();
        }
      }
    }
    assertThat(types)
        .containsExactlyInAnyOrder(
            EventTypes.REQUEST_ACCEPTED, EventTypes.DEVICE_OUTCOME, EventTypes.REQUEST_COMPLETED);
  }

  @Test
  void malformedRequestIsRejectedAndDeadLetteredWithItsOriginalBytes() {
    UUID id = UUID.randomUUID();
    String bad = "{\"schemaVersion\":1,\"requestId\":\"" + id + "\",\"deviceIds\":[\"{nope}\"]}";
    RequestRun run =
        new RequestRun(stack.bootstrapServers()).publishAndAwait(Set.of(id), TIMEOUT, bad);

    assertThat(run.rejections(id))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.problems())
                    .extracting(p -> p.field())
                    .contains("deviceIds[0]", "requestedBy", "reason"));
    assertThat(run.acceptances(id)).isEmpty();

    boolean found = false;
    try (ResultsFeed dlq = new ResultsFeed(stack.bootstrapServers(), Topics.REQUESTS_DLQ)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!found && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : dlq.pollRecords(Duration.ofMillis(200))) {
          if (r.value() != null && new String(r.value(), StandardCharsets.UTF_8).equals(bad)) {
            found = true;
            assertThat(header(r, DlqHeaders.REASON)).isEqualTo("INVALID_REQUEST");
            assertThat(header(r, DlqHeaders.SOURCE_TOPIC)).isEqualTo(Topics.REQUESTS);
            assertThat(header(r, DlqHeaders.SOURCE_PARTITION)).matches("\\d+");
            assertThat(header(r, DlqHeaders.SOURCE_OFFSET)).matches("\\d+");
          }
        }
      }
    }
    assertThat(found).as("DLQ record with the original bytes").isTrue();
  }

  @Test
  void everySimulatorCallCarriedTheBearerTokenAndAClientRequestId() {
    UUID id = UUID.randomUUID();
    String device = devices(900, 1).get(0);
    new RequestRun(stack.bootstrapServers())
        .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, List.of(device), ""));
    List<RecordedCall> calls =
        stack.simulator().calls().stream()
            .filter(c -> device.equalsIgnoreCase(c.deviceId()))
            .toList();
    assertThat(calls)
        .extracting(RecordedCall::operation)
        .containsExactly("getManagedDevice", "resetPasscode");
    assertThat(calls).allMatch(RecordedCall::authenticated);
    assertThat(calls).allMatch(c -> c.clientRequestId() != null && !c.clientRequestId().isBlank());
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
