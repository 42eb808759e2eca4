package dev.intunereset.worker.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The calls of one lane and operation waiting at the {@link BudgetGate}, in arrival order. Waiters
 * whose action is braked keep their place while others pass them. Confined to the gate's scheduler
 * thread.
 */
final class WaitQueue {
  /** A queued call: {@code name} is its operation's name, by which a brake holds it. */
  record Waiter(String name, BooleanSupplier wanted, Runnable onGrant, Runnable onDropped) {}

  private final Deque<Waiter> waiters = new ArrayDeque<>();

  void add(Waiter waiter) {
    waiters.addLast(waiter);
  }

  /**
   * The waiter to serve next, or null, after dropping those that stopped wanting their call. With
   * nothing braked only the head is looked at; otherwise every waiter is checked (none of the held
   * ones is about to be served) and the first not braked is chosen.
   */
  Waiter next(Set<String> braked) {
    if (braked.isEmpty()) {
      while (!waiters.isEmpty() && !waiters.peekFirst().wanted().getAsBoolean()) {
        waiters.pollFirst().onDropped().run();
      }
      return waiters.peekFirst();
    }
    waiters.removeIf(
        w -> {
          if (w.wanted().getAsBoolean()) {
            return false;
          }
          w.onDropped().run();
          return true;
        });
    for (Waiter w : waiters) {
      if (!braked.contains(w.name())) {
        return w;
      }
    }
    return null;
  }

  /** Whether a braked waiter is queued before {@code next} (or at all, when it is null). */
  boolean holdsAhead(Waiter next) {
    return next != waiters.peekFirst();
  }

  void remove(Waiter waiter) {
    waiters.removeFirstOccurrence(waiter);
  }
}
