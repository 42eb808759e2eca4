package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.client.ResultsFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Publishes requests and collects every result event for them until each is finished. */
final class RequestRun {
  private final String bootstrap;
  private final List<ResultEvent> events = new ArrayList<>();

  RequestRun(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  static String request(UUID id, Collection<String> devices, String extraJson) {
    return request(id, devices, extraJson, "it");
  }

  /** A request from {@code source}, as {@code it@contoso.com}. */
  static String request(UUID id, Collection<String> devices, String extraJson, String source) {
    String ids = devices.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
    return "{\"schemaVersion\":1,\"requestId\":\""
        + id
        + "\",\"deviceIds\":["
        + ids
        + "],"
        + "\"requestedBy\":\"it@contoso.com\",\"reason\":\"integration test\",\"source\":\""
        + source
        + "\""
        + (extraJson.isEmpty() ? "" : "," + extraJson)
        + "}";
  }

  /** Publishes the messages and waits until every id has a RequestCompleted or RequestRejected. */
  RequestRun publishAndAwait(Set<UUID> ids, Duration timeout, String... messages) {
    try (RequestPublisher publisher = new RequestPublisher(bootstrap)) {
      for (String m : messages) {
        publisher.send(null, m);
      }
    }
    return await(ids, timeout);
  }

  /**
   * Publishes copies of an already completed request under several keys (so some land on other
   * partitions first) and waits for one rejection per copy.
   */
  RequestRun publishAndAwaitRejection(UUID id, Duration timeout, String message) {
    List<String> keys = List.of(id.toString(), "some-other-key", "yet-another-key");
    try (RequestPublisher publisher = new RequestPublisher(bootstrap)) {
      for (String key : keys) {
        publisher.send(key, message);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try (ResultsFeed feed = new ResultsFeed(bootstrap)) {
      while (rejectionsOf(id) < keys.size() && System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(200))) {
          if (e.requestId().equals(id)) {
            events.add(e);
          }
        }
      }
      for (ResultEvent e : feed.poll(Duration.ofMillis(1000))) {
        if (e.requestId().equals(id)) {
          events.add(e);
        }
      }
    }
    assertThat(rejectionsOf(id)).as("one rejection per duplicate copy").isEqualTo(keys.size());
    return this;
  }

  private long rejectionsOf(UUID id) {
    return events.stream()
        .filter(e -> e instanceof RequestRejected && e.requestId().equals(id))
        .count();
  }

  RequestRun await(Set<UUID> ids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (ResultsFeed feed = new ResultsFeed(bootstrap)) {
      while (!finished(ids) && System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(200))) {
          if (ids.contains(e.requestId())) {
            events.add(e);
          }
        }
      }
      // Anything written after completion (there must be nothing) would show up here.
      for (ResultEvent e : feed.poll(Duration.ofMillis(500))) {
        if (ids.contains(e.requestId())) {
          events.add(e);
        }
      }
    }
    assertThat(finished(ids))
        .as("all requests finished within %s: %s; seen so far: %s", timeout, ids, progress(ids))
        .isTrue();
    return this;
  }

  /**
   * Reads every result event of the ids again, from the start of the topic, until each request has
   * its {@link RequestSettled} (or was rejected).
   */
  RequestRun awaitSettled(Set<UUID> ids, Duration timeout) {
    events.clear();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (ResultsFeed feed = new ResultsFeed(bootstrap)) {
      while (!ended(ids, RequestSettled.class) && System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(200))) {
          if (ids.contains(e.requestId())) {
            events.add(e);
          }
        }
      }
      // Anything written after settlement (there must be nothing) would show up here.
      for (ResultEvent e : feed.poll(Duration.ofMillis(500))) {
        if (ids.contains(e.requestId())) {
          events.add(e);
        }
      }
    }
    assertThat(ended(ids, RequestSettled.class))
        .as(
            "all requests settled within %s: %s; seen so far: %s; devices settled: %s",
            timeout,
            ids,
            progress(ids),
            events.stream().filter(DeviceSettled.class::isInstance).toList())
        .isTrue();
    return this;
  }

  /** Every event of {@code id} in the order the results partition holds them. */
  List<ResultEvent> events(UUID id) {
    return events.stream().filter(e -> e.requestId().equals(id)).toList();
  }

  List<DeviceSettled> settlements(UUID id) {
    return of(DeviceSettled.class, id);
  }

  List<RequestSettled> requestSettlements(UUID id) {
    return of(RequestSettled.class, id);
  }

  /** Per request: accepted or not, and outcomes seen; says where an unfinished run got stuck. */
  private String progress(Set<UUID> ids) {
    return ids.stream()
        .map(
            id ->
                id
                    + (acceptances(id).isEmpty() ? " not accepted, " : " accepted, ")
                    + outcomes(id).size()
                    + " outcomes")
        .collect(Collectors.joining("; "));
  }

  private boolean finished(Set<UUID> ids) {
    return ended(ids, RequestCompleted.class);
  }

  private boolean ended(Set<UUID> ids, Class<? extends ResultEvent> end) {
    Set<UUID> done =
        events.stream()
            .filter(e -> end.isInstance(e) || e instanceof RequestRejected)
            .map(ResultEvent::requestId)
            .collect(Collectors.toSet());
    return done.containsAll(ids);
  }

  /** Ids of the requests seen accepted. */
  Set<UUID> acceptedIds() {
    return events.stream()
        .filter(e -> e instanceof RequestAccepted)
        .map(ResultEvent::requestId)
        .collect(Collectors.toSet());
  }

  List<DeviceOutcome> outcomes(UUID id) {
    return events.stream()
        .filter(e -> e instanceof DeviceOutcome && e.requestId().equals(id))
        .map(DeviceOutcome.class::cast)
        .toList();
  }

  /** The one outcome of a single-device request. */
  DeviceOutcome onlyOutcome(UUID id) {
    assertThat(outcomes(id)).as("outcomes of %s", id).hasSize(1);
    return outcomes(id).get(0);
  }

  /** The outcomes of {@code id} by device id. */
  Map<String, DeviceOutcome> outcomesByDevice(UUID id) {
    return outcomes(id).stream()
        .collect(Collectors.toMap(DeviceOutcome::deviceId, Function.identity()));
  }

  List<RequestCompleted> completions(UUID id) {
    return of(RequestCompleted.class, id);
  }

  List<RequestAccepted> acceptances(UUID id) {
    return of(RequestAccepted.class, id);
  }

  List<RequestRejected> rejections(UUID id) {
    return of(RequestRejected.class, id);
  }

  private <T extends ResultEvent> List<T> of(Class<T> type, UUID id) {
    return events.stream()
        .filter(e -> type.isInstance(e) && e.requestId().equals(id))
        .map(type::cast)
        .toList();
  }
}
