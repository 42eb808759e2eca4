package dev.intunereset.worker.action;

import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphGateway;
import java.util.Objects;

/**
 * A device action the worker takes through Graph, as data, so that reconciliation, cooldown, jobs
 * and metrics name no action themselves (issue 16).
 *
 * @param graphName the action's name in Graph: its {@code deviceActionResults} entries' {@code
 *     actionName}, and the operation name of its POST in metrics, spans and messages
 * @param call the action's POST through the gateway
 */
public record DeviceAction(String graphName, Call call) {

  /**
   * {@code POST managedDevices/{id}/resetPasscode}: the worker's only action in dispatch so far.
   */
  public static final DeviceAction RESET_PASSCODE =
      new DeviceAction("resetPasscode", GraphGateway::resetPasscode);

  /** {@code POST managedDevices/{id}/rotateBitLockerKeys}: not sent by dispatch yet. */
  public static final DeviceAction ROTATE_BITLOCKER_KEYS =
      new DeviceAction("rotateBitLockerKeys", GraphGateway::rotateBitLockerKeys);

  /** An action's POST: blocks on HTTP, never throws for HTTP or transport failures. */
  @FunctionalInterface
  public interface Call {
    GraphCallResult post(GraphGateway graph, String deviceId, String clientRequestId);
  }

  public DeviceAction {
    Objects.requireNonNull(graphName, "graphName");
    Objects.requireNonNull(call, "call");
    if (graphName.isBlank()) {
      throw new IllegalArgumentException("graphName is blank");
    }
  }

  /** Whether a {@code deviceActionResults} entry's {@code actionName} is this action's. */
  public boolean names(String actionName) {
    return graphName.equalsIgnoreCase(actionName);
  }

  /** Sends the action to the device. */
  public GraphCallResult post(GraphGateway graph, String deviceId, String clientRequestId) {
    return call.post(graph, deviceId, clientRequestId);
  }

  @Override
  public String toString() {
    return graphName;
  }
}
