package dev.intunereset.bench;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.ResultsFeed;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows the results topic (read_committed, as a downstream consumer would) and keeps, per
 * request, the outcomes seen, the successes, when the first outcome arrived and when the request
 * completed (by {@link System#nanoTime()} at receipt). Not thread-safe: one thread polls.
 */
final class ResultsWatcher implements AutoCloseable {
  /** What was seen of one request so far. */
  static final class Progress {
    int outcomes;
    int succeeded;
    long firstOutcomeNanos;
    long completedNanos;
    boolean rejected;

    boolean finished() {
      return completedNanos != 0 || rejected;
    }
  }

  private final ResultsFeed feed;
  private final Map<UUID, Progress> progress = new HashMap<>();

  ResultsWatcher(String bootstrapServers) {
    this.feed = new ResultsFeed(bootstrapServers);
  }

  /** Polls once; returns the outcomes received in this poll, keyed by request. */
  Map<UUID, AtomicInteger> poll(Duration timeout) {
    Map<UUID, AtomicInteger> fresh = new HashMap<>();
    for (ResultEvent e : feed.poll(timeout)) {
      long now = System.nanoTime();
      Progress p = progress.computeIfAbsent(e.requestId(), k -> new Progress());
      if (e instanceof DeviceOutcome o) {
        if (p.outcomes++ == 0) {
          p.firstOutcomeNanos = now;
        }
        if (o.status() == OutcomeStatus.SUCCEEDED) {
          p.succeeded++;
        }
        fresh.computeIfAbsent(e.requestId(), k -> new AtomicInteger()).incrementAndGet();
      } else if (e instanceof RequestCompleted) {
        p.completedNanos = now;
      } else if (e instanceof RequestRejected) {
        p.rejected = true;
      }
    }
    return fresh;
  }

  Progress progress(UUID id) {
    return progress.computeIfAbsent(id, k -> new Progress());
  }

  /** Polls until the request completes or is rejected; false if the timeout passed first. */
  boolean awaitFinished(UUID id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!progress(id).finished()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      poll(Duration.ofMillis(100));
    }
    return true;
  }

  @Override
  public void close() {
    feed.close();
  }
}
