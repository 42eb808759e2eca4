package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Lane;
import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.graph.GraphCallResult;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What a {@link GraphOperation} needs of the gate in front of Graph: a slot to call in, and to give
 * it back. {@link BudgetGate} paces slots against the budget; a test grants them when it chooses.
 */
interface CallGate {
  /**
   * Queues a call. {@code onGrant} runs once a slot is taken, and the caller must then {@link
   * #release} it; a waiter whose {@code wanted} turns false is dropped and {@code onDropped} runs.
   * {@code name} is the operation's name (an action's Graph name for a write), by which the fleet
   * brake holds the bulk writes of its action.
   */
  void request(
      Lane lane,
      Operation operation,
      String name,
      BooleanSupplier wanted,
      Runnable onGrant,
      Runnable onDropped);

  /** Returns a granted slot; {@code result} is null when the grant was not used. */
  void release(GraphCallResult result, Duration took);
}
