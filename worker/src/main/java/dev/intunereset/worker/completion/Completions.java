package dev.intunereset.worker.completion;

import dev.intunereset.contracts.CancelApplied;
import dev.intunereset.contracts.CancelApplied.TaskPartition;
import dev.intunereset.contracts.CancelReceived;
import dev.intunereset.contracts.CancelRefusal;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.worker.messaging.Acceptance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The completion decision, free of Kafka: all events of a request share its results partition
 * (keyed by request id), in order, so outcomes can be counted against {@code
 * RequestAccepted.deviceCount}, and a cancel's progress against the task partitions.
 *
 * <p>State is rebuilt from the topic after a restart or rebalance: the committed offset is the
 * oldest open request's {@code RequestAccepted} (or an unanswered cancel's), and events found due
 * while replaying are held back until the replay reaches the end offset seen at assignment, by
 * which point any event already written for them has been read.
 */
final class Completions {
  /** A cancel of a request that was no longer open, to be refused. */
  private record LateCancel(CancelReceived received, long offset) {}

  private static final class PartitionState {
    final Map<UUID, RequestTally> open = new HashMap<>();
    final Set<UUID> complete = new LinkedHashSet<>();
    final Map<UUID, LateCancel> lateCancels = new LinkedHashMap<>();
    final long replayEnd;
    long position;

    PartitionState(long replayEnd, long position) {
      this.replayEnd = replayEnd;
      this.position = position;
    }
  }

  private final Map<Integer, PartitionState> partitions = new HashMap<>();
  private final Set<TaskPartition> taskPartitions;

  /**
   * @param taskPartitions every device-task partition: a cancel is in force once all stopped
   */
  Completions(Set<TaskPartition> taskPartitions) {
    this.taskPartitions = Set.copyOf(taskPartitions);
  }

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
    RequestTally tally = event == null ? null : state.open.get(event.requestId());
    if (event instanceof RequestAccepted accepted) {
      state.open.putIfAbsent(
          accepted.requestId(), new RequestTally(new Acceptance(accepted, offset, traceparent)));
    } else if (event instanceof DeviceOutcome outcome && tally != null) {
      tally.add(outcome);
      if (tally.isComplete()) {
        state.complete.add(outcome.requestId());
      }
    } else if (event instanceof RequestCompleted completed) {
      state.open.remove(completed.requestId());
      state.complete.remove(completed.requestId());
    } else if (event instanceof CancelReceived received) {
      if (tally == null || tally.isComplete()) {
        state.lateCancels.putIfAbsent(received.requestId(), new LateCancel(received, offset));
      } else {
        tally.cancel(received);
      }
    } else if (event instanceof CancelApplied applied && tally != null) {
      tally.stopped(applied.taskPartitions());
    } else if (event instanceof RequestCanceled && tally != null) {
      tally.cancelAnnounced();
    } else if (event instanceof CancelRefused refused) {
      state.lateCancels.remove(refused.requestId());
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
        return tally.acceptance().traceparent();
      }
    }
    return null;
  }

  /**
   * The cancel announcements due now, from partitions whose replay has caught up: cancels in force
   * ({@link RequestCanceled}) and late cancels refused. They go before {@link #due} summaries.
   */
  List<ResultEvent> announcements(Instant now) {
    List<ResultEvent> due = new ArrayList<>();
    for (PartitionState state : caughtUp()) {
      for (RequestTally tally : state.open.values()) {
        if (tally.cancelDue(taskPartitions)) {
          due.add(tally.canceled(now));
        }
      }
      for (LateCancel late : state.lateCancels.values()) {
        due.add(refusal(late.received(), now));
      }
    }
    return due;
  }

  /** The summaries due now: complete requests of partitions whose replay has caught up. */
  List<RequestCompleted> due(Instant now) {
    List<RequestCompleted> due = new ArrayList<>();
    for (PartitionState state : caughtUp()) {
      for (UUID id : state.complete) {
        RequestTally tally = state.open.get(id);
        if (tally != null) {
          due.add(tally.summary(now));
        }
      }
    }
    return due;
  }

  private List<PartitionState> caughtUp() {
    return partitions.values().stream().filter(s -> s.position >= s.replayEnd).toList();
  }

  private static CancelRefused refusal(CancelReceived received, Instant now) {
    return new CancelRefused(
        received.requestId(),
        received.canceledBy(),
        CancelRefusal.ALREADY_FINISHED,
        "request " + received.requestId() + " had already finished: every device had its outcome",
        now);
  }

  /**
   * Per partition, the offset that may be committed once {@code closing} are written: the oldest
   * still-open request's acceptance or unanswered cancel, or the read position when there is none.
   */
  Map<Integer, Long> commitOffsets(Set<UUID> closing) {
    Map<Integer, Long> offsets = new HashMap<>();
    partitions.forEach(
        (partition, state) -> {
          long min = state.position;
          for (Map.Entry<UUID, RequestTally> e : state.open.entrySet()) {
            if (!closing.contains(e.getKey())) {
              min = Math.min(min, e.getValue().acceptance().offset());
            }
          }
          for (Map.Entry<UUID, LateCancel> e : state.lateCancels.entrySet()) {
            if (!closing.contains(e.getKey())) {
              min = Math.min(min, e.getValue().offset());
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

  /** The {@code announcements} were committed: none is due again. */
  void announced(List<ResultEvent> announcements) {
    for (PartitionState state : partitions.values()) {
      for (ResultEvent event : announcements) {
        RequestTally tally = state.open.get(event.requestId());
        if (event instanceof CancelRefused) {
          state.lateCancels.remove(event.requestId());
        } else if (tally != null) {
          tally.cancelAnnounced();
        }
      }
    }
  }

  int openRequests() {
    return partitions.values().stream().mapToInt(s -> s.open.size()).sum();
  }
}
