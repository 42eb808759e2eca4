package dev.intunereset.sandbox.chaos;

import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.ResultsFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The harness's eye on the results topic for the whole run, and the on-call engineer's hands: what
 * it reads goes to the {@link BrakeOperator}, and when nothing has arrived for a while the {@link
 * StallOperator} looks for hanging transactions. It watches between the kills too, so that a brake
 * engaged mid-run is released while the kills go on rather than after them.
 */
final class ResultsWatch implements AutoCloseable {
  private static final Duration QUIET_BEFORE_LOOKING = Duration.ofSeconds(15);
  private static final Duration LOOK_INTERVAL = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 200;

  private final ResultsFeed feed;
  private final StallOperator stalls;
  private final BrakeOperator brake;
  private final Set<UUID> completed = new HashSet<>();
  private final Set<UUID> settled = new HashSet<>();
  private long quietSince = System.nanoTime();
  private long lastLook = quietSince;

  ResultsWatch(String bootstrapServers, Collection<String> topics) {
    this.feed = new ResultsFeed(bootstrapServers);
    this.stalls = new StallOperator(bootstrapServers, topics);
    this.brake = new BrakeOperator(bootstrapServers);
  }

  /** Watches (and acts) for this long: the harness's wait between two disruptions. */
  void watchFor(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
      poll(Math.min(POLL_MILLIS, left));
    }
  }

  /**
   * Watches until every request has completed and every brake engagement seen has been released, or
   * the timeout passes.
   *
   * @return whether every request completed
   */
  boolean awaitCompletions(Set<UUID> ids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((!completed.containsAll(ids) || !brake.settled()) && System.nanoTime() < deadline) {
      poll(POLL_MILLIS);
    }
    return completed.containsAll(ids);
  }

  /** Watches until every request has its RequestSettled, or the timeout passes. */
  boolean awaitSettlements(Set<UUID> ids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!settled.containsAll(ids) && System.nanoTime() < deadline) {
      poll(POLL_MILLIS);
    }
    return settled.containsAll(ids);
  }

  private void poll(long millis) {
    List<ResultEvent> events = feed.poll(Duration.ofMillis(millis));
    long now = System.nanoTime();
    if (!events.isEmpty()) {
      quietSince = now;
    } else if (now - quietSince > QUIET_BEFORE_LOOKING.toNanos()
        && now - lastLook > LOOK_INTERVAL.toNanos()) {
      stalls.look();
      lastLook = now;
    }
    for (ResultEvent e : events) {
      if (e instanceof RequestCompleted c) {
        completed.add(c.requestId());
      } else if (e instanceof RequestSettled r) {
        settled.add(r.requestId());
      }
      brake.see(e);
    }
    brake.act();
  }

  /** Engagements of the fleet brake that the operator released and the worker confirmed. */
  int brakeReleases() {
    return brake.releases();
  }

  List<String> violations() {
    return brake.violations();
  }

  /** Whether the stall operator aborted a hanging transaction's commit of input offsets. */
  boolean abortedOffsetCommits() {
    return stalls.abortedOffsetCommits();
  }

  /** What the operators did: hanging transactions aborted, then brakes released. */
  List<String> actions() {
    List<String> all = new ArrayList<>(stalls.actions());
    all.addAll(brake.actions());
    return all;
  }

  @Override
  public void close() {
    feed.close();
    brake.close();
  }
}
