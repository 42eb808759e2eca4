package dev.intunereset.worker.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Bookkeeping of one assigned partition: which task offsets are still in flight and which are done.
 * Only the contiguous done prefix is committable, so a crash redoes exactly the tasks whose
 * outcomes were not committed, and outcomes are published with the offsets they account for.
 * Confined to the dispatcher's poll thread.
 */
final class PartitionLedger {
  private static final Object NO_OUTCOME = new Object();

  /** The results to publish and the offset to commit after them. */
  record Committable(List<JobResult> results, long nextOffset, int entries) {}

  private final TreeMap<Long, Object> entries = new TreeMap<>();

  void track(long offset, TaskJob job) {
    entries.put(offset, job);
  }

  /** Records a task that needs no work (e.g. an unreadable internal record). */
  void skip(long offset) {
    entries.put(offset, NO_OUTCOME);
  }

  void complete(long offset, JobResult result) {
    if (entries.containsKey(offset)) {
      entries.put(offset, result);
    }
  }

  /** Removes and returns the done prefix, or null if the first entry is still in flight. */
  Committable takeCommittable() {
    List<JobResult> results = new ArrayList<>();
    long next = -1;
    int taken = 0;
    while (!entries.isEmpty()) {
      Map.Entry<Long, Object> first = entries.firstEntry();
      Object value = first.getValue();
      if (value instanceof TaskJob) {
        break;
      }
      if (value instanceof JobResult r) {
        results.add(r);
      }
      next = first.getKey() + 1;
      entries.pollFirstEntry();
      taken++;
    }
    return next < 0 ? null : new Committable(results, next, taken);
  }

  /** Adds the jobs still in flight that match {@code filter} to {@code into}. */
  void jobs(Predicate<TaskJob> filter, List<TaskJob> into) {
    for (Object entry : entries.values()) {
      if (entry instanceof TaskJob job && filter.test(job)) {
        into.add(job);
      }
    }
  }

  int inFlight() {
    return entries.size();
  }

  /** Abandons every job not in a call; returns those still calling Graph. */
  List<TaskJob> abandonAll() {
    List<TaskJob> calling = new ArrayList<>();
    for (Object entry : entries.values()) {
      // Entries still holding their job are the ones in flight.
      if (entry instanceof TaskJob job && !job.abandon()) {
        calling.add(job);
      }
    }
    return calling;
  }
}
