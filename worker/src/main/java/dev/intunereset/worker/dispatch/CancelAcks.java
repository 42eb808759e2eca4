package dev.intunereset.worker.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which task partitions this dispatcher still has to report as stopped for each canceled request. A
 * partition is reported once no write of the request is under way in this dispatcher; the report
 * counts only once committed, so an aborted one is offered again. Confined to the stage thread.
 *
 * @param <P> a partition
 */
final class CancelAcks<P> {
  private final class Pending {
    final Set<P> partitions = new HashSet<>();
    final List<TaskJob> writers = new ArrayList<>();
  }

  private final Map<UUID, Pending> pending = new LinkedHashMap<>();
  private final Map<UUID, Set<P>> offered = new HashMap<>();

  /** A cancel became known while {@code owned} were ours and {@code writers} were writing. */
  void ordered(UUID requestId, Set<P> owned, List<TaskJob> writers) {
    Pending p = pending.computeIfAbsent(requestId, k -> new Pending());
    p.partitions.addAll(owned);
    p.writers.addAll(writers);
  }

  /** Newly owned partitions are reported for every cancel still in force. */
  void assigned(Collection<P> partitions, Collection<UUID> inForce) {
    for (UUID id : inForce) {
      pending.computeIfAbsent(id, k -> new Pending()).partitions.addAll(partitions);
    }
  }

  /** Partitions handed over are reported by their next owner instead. */
  void revoked(Collection<P> partitions) {
    pending.values().forEach(p -> p.partitions.removeAll(partitions));
    pending.values().removeIf(p -> p.partitions.isEmpty());
  }

  /** The reports due now, held as offered until {@link #committed} or {@link #aborted}. */
  Map<UUID, Set<P>> due() {
    Map<UUID, Set<P>> due = new LinkedHashMap<>();
    var it = pending.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      Pending p = e.getValue();
      p.writers.removeIf(j -> !j.writing());
      if (p.partitions.isEmpty()) {
        it.remove();
      } else if (p.writers.isEmpty()) {
        due.put(e.getKey(), Set.copyOf(p.partitions));
        it.remove();
      }
    }
    offered.putAll(due);
    return due;
  }

  void committed() {
    offered.clear();
  }

  void aborted() {
    offered.forEach((id, parts) -> ordered(id, parts, List.of()));
    offered.clear();
  }

  boolean isEmpty() {
    return pending.isEmpty() && offered.isEmpty();
  }

  void clear() {
    pending.clear();
    offered.clear();
  }
}
