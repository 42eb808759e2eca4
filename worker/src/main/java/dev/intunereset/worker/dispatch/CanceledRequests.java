package dev.intunereset.worker.dispatch;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests this dispatcher knows to be canceled. Written by the stage thread when it reads a
 * cancel order, read by jobs on any thread before every step that could lead to a write.
 */
final class CanceledRequests {
  private final Set<UUID> ids = ConcurrentHashMap.newKeySet();

  boolean contains(UUID requestId) {
    return ids.contains(requestId);
  }

  void add(UUID requestId) {
    ids.add(requestId);
  }

  void remove(UUID requestId) {
    ids.remove(requestId);
  }

  void clear() {
    ids.clear();
  }
}
