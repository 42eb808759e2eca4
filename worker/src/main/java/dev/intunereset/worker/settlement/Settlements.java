package dev.intunereset.worker.settlement;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.worker.messaging.Acceptance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The settlement decisions, free of Kafka and Graph. All events of a request share its results
 * partition, in order, so the partition alone says which devices are followed and which have
 * settled: the stage's own {@link DeviceSettled} and {@link RequestSettled} are read back from it.
 * Nothing else is stored. After a restart or rebalance the partition is replayed from the oldest
 * request still followed; no read starts and nothing is written until the replay has reached the
 * end seen at assignment, by which point every event written before has been read.
 */
final class Settlements {
  private static final class PartitionState {
    final Map<UUID, TrackedRequest> requests = new LinkedHashMap<>();
    final long replayEnd;
    long position;

    PartitionState(long replayEnd, long position) {
      this.replayEnd = replayEnd;
      this.position = position;
    }

    boolean caughtUp() {
      return position >= replayEnd;
    }
  }

  private final Map<Integer, PartitionState> partitions = new HashMap<>();
  private final Duration defaultTimeout;
  private final Duration clockSkew;
  private final CheckSchedule schedule;

  /**
   * @param defaultTimeout the settle timeout of an acceptance that names none
   * @param clockSkew how far Graph's clock may be behind ours when it stamps an action's start
   */
  Settlements(Duration defaultTimeout, Duration clockSkew, CheckSchedule schedule) {
    this.defaultTimeout = defaultTimeout;
    this.clockSkew = clockSkew;
    this.schedule = schedule;
  }

  /** Starts following a partition read from {@code position}, whose end was {@code replayEnd}. */
  void assigned(int partition, long replayEnd, long position) {
    partitions.put(partition, new PartitionState(replayEnd, position));
  }

  void revoked(int partition) {
    partitions.remove(partition);
  }

  /** Applies the event read at {@code offset}; null for a record that could not be read. */
  void apply(int partition, long offset, ResultEvent event, String traceparent, Instant now) {
    PartitionState state = partitions.get(partition);
    if (state == null) {
      return;
    }
    state.position = Math.max(state.position, offset + 1);
    if (event instanceof RequestAccepted accepted) {
      // An acceptance written before settlement existed says nothing: its request is left alone.
      if (accepted.trackSettlement() != null) {
        state.requests.putIfAbsent(
            accepted.requestId(),
            new TrackedRequest(new Acceptance(accepted, offset, traceparent), timeoutOf(accepted)));
      }
      return;
    }
    TrackedRequest request = event == null ? null : state.requests.get(event.requestId());
    if (request == null) {
      return;
    }
    if (event instanceof DeviceOutcome outcome && outcome.status() == OutcomeStatus.SUCCEEDED) {
      request.follow(
          new Follow(
              outcome.requestId(),
              outcome.deviceId(),
              outcome.request().action(),
              outcome.completedAt(),
              request.acceptance().event().acceptedAt().minus(clockSkew),
              request.timeout(),
              schedule,
              now));
    } else if (event instanceof DeviceSettled settled) {
      request.settled(settled);
    } else if (event instanceof RequestCompleted completed) {
      request.completed(completed.counts().succeeded());
    } else if (event instanceof RequestSettled) {
      state.requests.remove(event.requestId());
    }
  }

  private Duration timeoutOf(RequestAccepted accepted) {
    return Optional.ofNullable(accepted.settleTimeout())
        .flatMap(Durations::parse)
        .orElse(defaultTimeout);
  }

  /** The consumer has read up to {@code position} (records it skipped included). */
  void readUpTo(int partition, long position) {
    PartitionState state = partitions.get(partition);
    if (state != null) {
      state.position = Math.max(state.position, position);
    }
  }

  /** Up to {@code limit} devices due a read now, by partition, marked as being read. */
  List<Map.Entry<Integer, Follow>> dueReads(Instant now, int limit) {
    List<Map.Entry<Integer, Follow>> due = new ArrayList<>();
    for (Map.Entry<Integer, PartitionState> e : partitions.entrySet()) {
      if (!e.getValue().caughtUp()) {
        continue;
      }
      for (TrackedRequest request : e.getValue().requests.values()) {
        if (!request.completed()) {
          // Settlement starts once the summary is out: a reader has RequestCompleted first.
          continue;
        }
        for (Follow follow : request.follows().values()) {
          if (due.size() >= limit) {
            return due;
          }
          if (follow.due(now)) {
            follow.reading();
            due.add(Map.entry(e.getKey(), follow));
          }
        }
      }
    }
    return due;
  }

  /** True while {@code follow} is still followed here (its partition was not handed over). */
  boolean follows(int partition, Follow follow) {
    PartitionState state = partitions.get(partition);
    TrackedRequest request = state == null ? null : state.requests.get(follow.requestId());
    return request != null && request.follows().get(follow.deviceId()) == follow;
  }

  /** The trace of a followed request, or null. */
  String traceparent(int partition, UUID requestId) {
    PartitionState state = partitions.get(partition);
    TrackedRequest request = state == null ? null : state.requests.get(requestId);
    return request == null ? null : request.acceptance().traceparent();
  }

  /** The request summaries due now, each once: every expected device's settlement was read. */
  Map<Integer, List<RequestSettled>> requestsDue(Instant now) {
    Map<Integer, List<RequestSettled>> due = new HashMap<>();
    partitions.forEach(
        (partition, state) -> {
          if (!state.caughtUp()) {
            return;
          }
          for (TrackedRequest request : state.requests.values()) {
            RequestSettled settled = request.due(now);
            if (settled != null) {
              due.computeIfAbsent(partition, p -> new ArrayList<>()).add(settled);
            }
          }
        });
    return due;
  }

  /**
   * Per partition, the offset that may be committed: the oldest followed request's acceptance, or
   * the read position when none is followed.
   */
  Map<Integer, Long> commitOffsets() {
    Map<Integer, Long> offsets = new HashMap<>();
    partitions.forEach(
        (partition, state) ->
            offsets.put(
                partition,
                state.requests.values().stream()
                    .mapToLong(r -> r.acceptance().offset())
                    .min()
                    .orElse(state.position)));
    return offsets;
  }

  /** Devices followed and not yet settled, over every partition. */
  int pending() {
    return partitions.values().stream()
        .flatMap(s -> s.requests.values().stream())
        .mapToInt(r -> (int) r.follows().values().stream().filter(f -> !f.settled()).count())
        .sum();
  }

  /** When the longest-followed device still unsettled had its reset accepted, if any. */
  Optional<Instant> oldestPending() {
    return partitions.values().stream()
        .flatMap(s -> s.requests.values().stream())
        .flatMap(r -> r.follows().values().stream())
        .filter(f -> !f.settled())
        .map(Follow::issuedAt)
        .min(Instant::compareTo);
  }
}
