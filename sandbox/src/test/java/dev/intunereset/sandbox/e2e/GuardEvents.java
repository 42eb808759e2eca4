package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DlqHeaders;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Follows the results topic and the DLQ of a stack for the guard tests: every result event is kept
 * (and checked against its schema) so that a test can wait for one and then look at all of them.
 * Not thread-safe.
 */
final class GuardEvents implements AutoCloseable {
  private final SandboxStack stack;
  private final ResultsFeed results;
  private final ResultsFeed dlq;
  private final List<ResultEvent> events = new ArrayList<>();
  private final List<String> traces = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

  GuardEvents(SandboxStack stack) {
    this.stack = stack;
    this.results = new ResultsFeed(stack.bootstrapServers());
    this.dlq = new ResultsFeed(stack.bootstrapServers(), Topics.REQUESTS_DLQ);
  }

  /** Polls for about {@code d}, keeping what arrives. */
  void pollFor(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    do {
      pollOnce();
    } while (System.nanoTime() < until);
  }

  private void pollOnce() {
    for (ConsumerRecord<byte[], byte[]> r : results.pollRecords(Duration.ofMillis(100))) {
      assertThat(ContractSchemas.violations(r.value())).as("schema violations").isEmpty();
      events.add(ResultsFeed.parse(r.value()));
      var trace = r.headers().lastHeader("traceparent");
      traces.add(trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8));
    }
    dlq.pollRecords(Duration.ofMillis(20)).forEach(deadLetters::add);
  }

  /** Waits for the first event of {@code type} matching {@code match}. */
  <T extends ResultEvent> T await(Class<T> type, Predicate<T> match, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> found =
          events.stream().filter(type::isInstance).map(type::cast).filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(System.nanoTime())
          .as(
              "waited %s for a %s; seen: %s",
              timeout,
              type.getSimpleName(),
              events.stream().map(e -> e.getClass().getSimpleName() + " " + e.requestId()).toList())
          .isLessThan(until);
      pollOnce();
    }
  }

  /** Waits until {@code n} events of {@code type} match {@code match}; returns them all. */
  <T extends ResultEvent> List<T> awaitAtLeast(
      Class<T> type, Predicate<T> match, int n, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<T> found =
          events.stream().filter(type::isInstance).map(type::cast).filter(match).toList();
      if (found.size() >= n) {
        return found;
      }
      assertThat(System.nanoTime())
          .as("waited %s for %d %s; seen %d", timeout, n, type.getSimpleName(), found.size())
          .isLessThan(until);
      pollOnce();
    }
  }

  /** Waits for a DLQ record whose value is {@code value}. */
  ConsumerRecord<byte[], byte[]> awaitDeadLetter(String value, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<ConsumerRecord<byte[], byte[]>> found =
          deadLetters.stream()
              .filter(
                  r ->
                      r.value() != null
                          && new String(r.value(), StandardCharsets.UTF_8).equals(value))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(System.nanoTime()).as("waited %s for a DLQ record", timeout).isLessThan(until);
      pollOnce();
    }
  }

  /** Every event seen so far for {@code requestId}, in order. */
  List<ResultEvent> of(java.util.UUID requestId) {
    return events.stream().filter(e -> e.requestId().equals(requestId)).toList();
  }

  <T extends ResultEvent> List<T> all(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static String reason(ConsumerRecord<byte[], byte[]> deadLetter) {
    return EndToEndIT.header(deadLetter, DlqHeaders.REASON);
  }

  /** Publishes a control message as an approver or operator would: keyed, to the approvals. */
  void control(String key, String json) {
    try (RequestPublisher p = new RequestPublisher(stack.bootstrapServers(), Topics.APPROVALS)) {
      p.send(key, json);
    }
  }

  /** The traceparent header of each event of {@code requestId}, in order (null where none). */
  List<String> tracesOf(java.util.UUID requestId) {
    List<String> of = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (requestId.equals(events.get(i).requestId())) {
        of.add(traces.get(i));
      }
    }
    return of;
  }

  void requestTraced(String json, String key, String traceparent) {
    try (RequestPublisher p = new RequestPublisher(stack.bootstrapServers())) {
      p.sendTraced(key, json, traceparent);
    }
  }

  void request(String json) {
    try (RequestPublisher p = new RequestPublisher(stack.bootstrapServers())) {
      p.send(null, json);
    }
  }

  static String approval(java.util.UUID requestId, String decision, String approver) {
    return "{\"type\":\"Approval\",\"schemaVersion\":1,\"requestId\":\""
        + requestId
        + "\",\"decision\":\""
        + decision
        + "\",\"approver\":\""
        + approver
        + "\",\"comment\":\"integration test\"}";
  }

  static String cancel(java.util.UUID requestId, String canceledBy) {
    return "{\"type\":\"Cancel\",\"schemaVersion\":1,\"requestId\":\""
        + requestId
        + "\",\"canceledBy\":\""
        + canceledBy
        + "\",\"reason\":\"integration test: wrong devices\"}";
  }

  /** A reset made outside the worker, as the Intune admin center or another tool would. */
  static void resetDirectly(SandboxStack stack, String deviceId) {
    try {
      OutsideReset.of(stack, deviceId);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    results.close();
    dlq.close();
  }
}
