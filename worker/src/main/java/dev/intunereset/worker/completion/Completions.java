package dev.intunereset.worker.completion;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The completion decision, free of Kafka: all events of a request share its results partition
 * (keyed by request id), in order, so outcomes can be counted against {@code
 * RequestAccepted.deviceCount}.
 *
 * <p>State is rebuilt from the topic after a restart or rebalance: the committed offset is the
 * oldest open request's {@code RequestAccepted}, and completions found while replaying are held
 * back until the replay reaches the end offset seen at assignment, by which point any {@code
 * RequestCompleted} already written for them has been read.
 */
final class Completions {
  private static final class PartitionState {
    final Map<UUID, RequestTally> open = new HashMap<>();
    final Set<UUID> complete = new LinkedHashSet<>();
    final long replayEnd;
    long position;

    PartitionState(long replayEnd, long position) {
      this.replayEnd = replayEnd;
      this.position = position;
    }
  }

  private final Map<Integer, PartitionState> partitions = new HashMap<>();

  /** Starts following a partition read from {@code position}, whose end was {@code replayEnd}. */
  void assigned(int partition, long replayEnd, long position) {
    partitions.put(partition, new PartitionState(replayEnd, position));
  }

  void revoked(int partition) {
    partitions.remove(partition);
  }

  boolean follows(int partition) {
    return partitions.containsKey(partition);
  }

  /** Applies the event read at {@code offset}; null for a record that could not be read. */
  void apply(int partition, long offset, ResultEvent event) {
    apply(partition, offset, event, null);
  }

  /** As {@link #apply(int, long, ResultEvent)}, for a record in the trace {@code traceparent}. */
  void apply(int partition, long offset, ResultEvent event, String traceparent) {
    PartitionState state = partitions.get(partition);
    if (state == null) {
      return;
    }
    state.position = Math.max(state.position, offset + 1);
    if (event instanceof RequestAccepted accepted) {
      state.open.putIfAbsent(accepted.requestId(), new RequestTally(accepted, offset, traceparent));
    } else if (event instanceof DeviceOutcome outcome) {
      RequestTally tally = state.open.get(outcome.requestId());
      if (tally != null) {
        tally.add(outcome);
        if (tally.isComplete()) {
          state.complete.add(outcome.requestId());
        }
      }
    } else if (event instanceof RequestCompleted completed) {
      state.open.remove(completed.requestId());
      state.complete.remove(completed.requestId());
    }
  }

  /** The consumer has read up to {@code position} (records it skipped included). */
  void readUpTo(int partition, long position) {
    PartitionState state = partitions.get(partition);
    if (state != null) {
      state.position = Math.max(state.position, position);
    }
  }

  /** The trace of an open request (its acceptance's), or null. */
  String traceparent(UUID requestId) {
    for (PartitionState state : partitions.values()) {
      RequestTally tally = state.open.get(requestId);
      if (tally != null) {
        return tally.traceparent();
      }
    }
    return null;
  }

  /** The summaries due now: complete requests of partitions whose replay has caught up. */
  List<RequestCompleted> due(Instant now) {
    List<RequestCompleted> due = new ArrayList<>();
    for (PartitionState state : partitions.values()) {
      if (state.position >= state.replayEnd) {
        for (UUID id : state.complete) {
          RequestTally tally = state.open.get(id);
          if (tally != null) {
            due.add(tally.summary(now));
          }
        }
      }
    }
    return due;
  }

  /**
   * Per partition, the offset that may be committed once {@code closing} are written: the oldest
   * still-open request's acceptance, or the read position when none is open.
   */
  Map<Integer, Long> commitOffsets(Set<UUID> closing) {
    Map<Integer, Long> offsets = new HashMap<>();
    partitions.forEach(
        (partition, state) -> {
          long min = state.position;
          for (Map.Entry<UUID, RequestTally> e : state.open.entrySet()) {
            if (!closing.contains(e.getKey())) {
              min = Math.min(min, e.getValue().acceptedOffset());
            }
          }
          offsets.put(partition, min);
        });
    return offsets;
  }

  /** The summaries of {@code closed} were committed: forget those requests. */
  void closed(Set<UUID> closed) {
    for (PartitionState state : partitions.values()) {
      state.open.keySet().removeAll(closed);
      state.complete.removeAll(closed);
    }
  }

  int openRequests() {
    return partitions.values().stream().mapToInt(s -> s.open.size()).sum();
  }
}
