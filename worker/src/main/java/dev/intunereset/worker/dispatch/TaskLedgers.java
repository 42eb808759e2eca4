package dev.intunereset.worker.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The dispatcher's bookkeeping of the partitions it owns: the tasks in flight per partition, the
 * results jobs hand back (from any thread, through a queue), and what is done but not yet
 * committed. Confined to the stage thread, except {@link #completer} and the in-flight count.
 *
 * @param <P> a partition
 */
final class TaskLedgers<P> {
  private static final long SETTLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private record Completion(PartitionLedger ledger, long offset, JobResult result) {}

  private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final Map<P, PartitionLedger> ledgers = new HashMap<>();
  private final Set<P> owned = new HashSet<>();
  // Offsets below this were already in the log when the partition was taken over, so a previous
  // owner may have attempted them (crash between Graph call and commit).
  private final Map<P, Long> inheritedBefore = new HashMap<>();
  // Done but not yet committed, per partition; offered again after an aborted transaction.
  private final Map<P, List<JobResult>> unpublished = new HashMap<>();
  private final Map<P, Long> uncommitted = new HashMap<>();
  // The offsets last committed, from which a transaction with nothing new to commit recommits.
  private final Map<P, Long> committedOffsets = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  AtomicInteger inFlightCount() {
    return inFlight;
  }

  /**
   * Takes over partitions whose log ends at {@code endOffsets} and whose committed offsets are
   * {@code positions}.
   */
  void assigned(Map<P, Long> endOffsets, Map<P, Long> positions) {
    owned.addAll(endOffsets.keySet());
    inheritedBefore.putAll(endOffsets);
    committedOffsets.putAll(positions);
  }

  Set<P> owned() {
    return Set.copyOf(owned);
  }

  /** The offsets last committed, for owned partitions with nothing pending. */
  Map<P, Long> committedWithoutPending() {
    Map<P, Long> offsets = new HashMap<>(committedOffsets);
    offsets.keySet().removeAll(uncommitted.keySet());
    return offsets;
  }

  /** The jobs in flight for {@code requestId}, in every owned partition. */
  List<TaskJob> jobsOf(UUID requestId) {
    List<TaskJob> jobs = new ArrayList<>();
    ledgers.values().forEach(l -> l.jobs(j -> j.requestId().equals(requestId), jobs));
    return jobs;
  }

  int ownedCount() {
    return owned.size();
  }

  boolean inherited(P partition, long offset) {
    return offset < inheritedBefore.getOrDefault(partition, 0L);
  }

  /** Where the job of the task at {@code offset} reports its result, from any thread. */
  Consumer<JobResult> completer(P partition, long offset) {
    PartitionLedger ledger = ledger(partition);
    return result -> completions.add(new Completion(ledger, offset, result));
  }

  void track(P partition, long offset, TaskJob job) {
    inFlight.incrementAndGet();
    ledger(partition).track(offset, job);
  }

  /** A task that needs no work (an unreadable record): committed with its neighbours. */
  void skip(P partition, long offset) {
    inFlight.incrementAndGet();
    ledger(partition).skip(offset);
  }

  private PartitionLedger ledger(P partition) {
    return ledgers.computeIfAbsent(partition, k -> new PartitionLedger());
  }

  Map<P, Integer> inFlightPerPartition() {
    Map<P, Integer> counts = new HashMap<>();
    ledgers.forEach((p, ledger) -> counts.put(p, ledger.inFlight()));
    return counts;
  }

  /** Takes in the results handed back, then moves every partition's done prefix to pending. */
  void collect() {
    drainCompletions();
    ledgers.forEach(this::collect);
  }

  private void drainCompletions() {
    Completion c;
    while ((c = completions.poll()) != null) {
      c.ledger().complete(c.offset(), c.result());
    }
  }

  private void collect(P partition, PartitionLedger ledger) {
    PartitionLedger.Committable c = ledger.takeCommittable();
    if (c != null) {
      inFlight.addAndGet(-c.entries());
      unpublished.computeIfAbsent(partition, k -> new ArrayList<>()).addAll(c.results());
      uncommitted.put(partition, c.nextOffset());
    }
  }

  /** Results done and not yet committed, in no particular order of partitions. */
  List<JobResult> pendingResults() {
    return unpublished.values().stream().flatMap(List::stream).toList();
  }

  /** The offsets committing {@link #pendingResults} moves to. */
  Map<P, Long> pendingOffsets() {
    return uncommitted;
  }

  void committed() {
    committedOffsets.putAll(uncommitted);
    unpublished.clear();
    uncommitted.clear();
  }

  boolean busy() {
    return inFlight.get() > 0 || !uncommitted.isEmpty();
  }

  /** True when nothing is pending and only partitions matching {@code held} have work in flight. */
  boolean onlyInFlightIn(Predicate<P> held) {
    return uncommitted.isEmpty()
        && ledgers.entrySet().stream()
            .allMatch(e -> held.test(e.getKey()) || e.getValue().inFlight() == 0);
  }

  /** Abandons the jobs of {@code partitions} that can stop; returns those inside a Graph call. */
  List<TaskJob> abandon(Collection<P> partitions) {
    List<TaskJob> calling = new ArrayList<>();
    for (P p : partitions) {
      PartitionLedger ledger = ledgers.get(p);
      if (ledger != null) {
        calling.addAll(ledger.abandonAll());
      }
    }
    return calling;
  }

  /**
   * Waits until every job in {@code calling} has settled, or {@code timeoutNanos} passed, taking in
   * their results as they come.
   */
  void awaitSettled(List<TaskJob> calling, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      while (calling.stream().anyMatch(j -> !j.isSettled())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        // Woken by each result; the cap re-checks jobs that settle without one.
        Completion c = completions.poll(Math.min(left, SETTLE_CHECK_NANOS), TimeUnit.NANOSECONDS);
        if (c != null) {
          c.ledger().complete(c.offset(), c.result());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainCompletions();
  }

  /** Moves the done prefix of {@code partitions} to pending, e.g. before handing them over. */
  void collect(Collection<P> partitions) {
    for (P p : partitions) {
      PartitionLedger ledger = ledgers.get(p);
      if (ledger != null) {
        collect(p, ledger);
      }
    }
  }

  void forget(Collection<P> partitions) {
    owned.removeAll(partitions);
    for (P p : partitions) {
      inheritedBefore.remove(p);
      committedOffsets.remove(p);
      PartitionLedger ledger = ledgers.remove(p);
      if (ledger != null) {
        inFlight.addAndGet(-ledger.inFlight());
      }
      uncommitted.remove(p);
      unpublished.remove(p);
    }
  }

  /** Abandons everything and starts empty, as after reopening. */
  void clear() {
    for (PartitionLedger ledger : ledgers.values()) {
      ledger.abandonAll();
    }
    ledgers.clear();
    owned.clear();
    inheritedBefore.clear();
    committedOffsets.clear();
    unpublished.clear();
    uncommitted.clear();
    completions.clear();
    inFlight.set(0);
  }
}
