package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Action;
import dev.intunereset.worker.ops.WorkerMetrics;
import java.util.concurrent.atomic.AtomicInteger;

/** The gauges that show what holds dispatch back. */
final class DispatchGauges {
  private DispatchGauges() {}

  static void register(WorkerMetrics metrics, BudgetGate gate, AtomicInteger inFlight) {
    metrics.gauge(
        "passcode_reset_graph_budget_factor",
        "Share of the configured Graph budget in force: replica share x adaptive slow-down",
        gate::budgetFactor);
    metrics.gauge(
        "passcode_reset_graph_circuit_open",
        "1 while the Graph circuit breaker is open and task consumption is paused",
        () -> gate.circuitOpen() ? 1 : 0);
    for (Action action : Action.values()) {
      metrics.gauge(
          "passcode_reset_fleet_brake_engaged",
          "1 while the fleet brake of the action holds its bulk calls, as this replica sees it",
          "action",
          action.graphName(),
          () -> gate.braked(action.graphName()) ? 1 : 0);
    }
    metrics.gauge(
        "passcode_reset_tasks_in_flight",
        "Device tasks taken from Kafka and not yet committed",
        inFlight::get);
  }
}
