package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.GraphCallResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A gate with no budget: it grants every wanted call at once, on the caller's thread, unless told
 * to hold them; held waiters are granted or swept when the test says so.
 */
final class FakeGate implements CallGate {
  private record Waiter(
      Lane lane, Operation op, BooleanSupplier wanted, Runnable onGrant, Runnable onDropped) {}

  private final Deque<Waiter> held = new ArrayDeque<>();
  final List<Operation> requested = new ArrayList<>();
  final List<GraphCallResult> released = new ArrayList<>();
  private boolean holding;

  /** From now on, waiters queue until {@link #grantAll} or {@link #sweep}. */
  void hold() {
    holding = true;
  }

  @Override
  public void request(
      Lane lane,
      Operation operation,
      String name,
      BooleanSupplier wanted,
      Runnable onGrant,
      Runnable onDropped) {
    requested.add(operation);
    Waiter w = new Waiter(lane, operation, wanted, onGrant, onDropped);
    if (holding) {
      held.addLast(w);
    } else {
      serve(w);
    }
  }

  /** Lets every held waiter go, as the budget gate would when permits come free. */
  void grantAll() {
    holding = false;
    while (!held.isEmpty()) {
      serve(held.pollFirst());
    }
  }

  /** Drops held waiters that are no longer wanted, as the budget gate does while it waits. */
  void sweep() {
    held.removeIf(
        w -> {
          if (w.wanted().getAsBoolean()) {
            return false;
          }
          w.onDropped().run();
          return true;
        });
  }

  int waiting() {
    return held.size();
  }

  private static void serve(Waiter w) {
    if (w.wanted().getAsBoolean()) {
      w.onGrant().run();
    } else {
      w.onDropped().run();
    }
  }

  @Override
  public void release(GraphCallResult result, Duration took) {
    released.add(result);
  }
}
