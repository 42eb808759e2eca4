package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A request's W3C trace context, sent as the {@code traceparent} header of the request record, is
 * continued through the internal topics and arrives on every event of that request.
 */
class TracingIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> ANDROID =
      DeviceInventory.firstResettableAndroidIds(7_120).subList(7_100, 7_120);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final SandboxStack stack = SharedStack.get();

  @Test
  void everyEventOfATracedRequestCarriesItsTraceIdAcrossEveryDispatchPath() {
    UUID perDevice = UUID.randomUUID();
    UUID allOrNothing = UUID.randomUUID();
    send(perDevice, RequestRun.request(perDevice, ANDROID.subList(0, 5), ""), TRACEPARENT);
    send(
        allOrNothing,
        RequestRun.request(
            allOrNothing,
            ANDROID.subList(5, 10),
            "\"validateDeviceExists\":true,\"ignorePartialFailures\":false"),
        TRACEPARENT);

    for (UUID id : List.of(perDevice, allOrNothing)) {
      List<ConsumerRecord<byte[], byte[]>> events = eventsUntilCompleted(id);

      assertThat(types(events))
          .contains(RequestAccepted.class, DeviceOutcome.class, RequestCompleted.class);
      assertThat(events.stream().filter(r -> parse(r) instanceof DeviceOutcome)).hasSize(5);
      assertThat(events)
          .as("every event of request %s", id)
          .allSatisfy(r -> assertThat(traceId(r)).isEqualTo(TRACE_ID));
    }
  }

  @Test
  void aMalformedTraceparentIsIgnoredAndTheRequestStillRuns() {
    UUID id = UUID.randomUUID();
    send(id, RequestRun.request(id, ANDROID.subList(10, 12), ""), "not-a-trace");

    List<ConsumerRecord<byte[], byte[]>> events = eventsUntilCompleted(id);

    assertThat(events).isNotEmpty();
    assertThat(events).allSatisfy(r -> assertThat(r.headers().lastHeader("traceparent")).isNull());
  }

  private void send(UUID id, String json, String traceparent) {
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      publisher.sendTraced(id.toString(), json, traceparent);
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> eventsUntilCompleted(UUID id) {
    List<ConsumerRecord<byte[], byte[]>> events = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : feed.pollRecords(Duration.ofMillis(200))) {
          if (id.toString().equals(new String(r.key(), StandardCharsets.UTF_8))) {
            events.add(r);
            if (parse(r) instanceof RequestCompleted) {
              return events;
            }
          }
        }
      }
    }
    throw new AssertionError(
        "no RequestCompleted for " + id + " within " + TIMEOUT + "; events seen: " + types(events));
  }

  private static List<Class<?>> types(List<ConsumerRecord<byte[], byte[]>> events) {
    return events.stream().<Class<?>>map(r -> parse(r).getClass()).toList();
  }

  private static ResultEvent parse(ConsumerRecord<byte[], byte[]> r) {
    return ResultsFeed.parse(r.value());
  }

  private static String traceId(ConsumerRecord<byte[], byte[]> r) {
    Header header = r.headers().lastHeader("traceparent");
    assertThat(header)
        .as("traceparent header of %s", parse(r).getClass().getSimpleName())
        .isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8).split("-")[1];
  }
}
