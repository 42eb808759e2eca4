package dev.intunereset.worker.action;

import dev.intunereset.contracts.Action;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphGateway;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A device action the worker takes through Graph, as data, so that reconciliation, cooldown, jobs
 * and metrics name no action themselves (issue 16).
 *
 * @param graphName the action's name in Graph: its {@code deviceActionResults} entries' {@code
 *     actionName}, and the operation name of its POST in metrics, spans and messages
 * @param noun what the action does, for the messages of outcomes ("passcode reset")
 * @param call the action's POST through the gateway
 * @param policy the devices the action may be sent to, given the platforms PLATFORM_POLICY allows
 *     (which only the passcode reset consults: it is the operator's opt-in to its side effects)
 * @param setsPasscode whether the action leaves a new passcode to read back and deliver
 */
public record DeviceAction(
    String graphName,
    String noun,
    Call call,
    Function<Set<Platform>, DevicePolicy> policy,
    boolean setsPasscode) {

  /**
   * {@code POST managedDevices/{id}/resetPasscode}: the worker's only action in dispatch so far.
   */
  public static final DeviceAction RESET_PASSCODE =
      new DeviceAction(
          "resetPasscode",
          "passcode reset",
          GraphGateway::resetPasscode,
          PasscodePolicy::new,
          true);

  /**
   * {@code POST managedDevices/{id}/rotateBitLockerKeys}: the new recovery key goes to Entra ID, so
   * nothing is read back.
   */
  public static final DeviceAction ROTATE_BITLOCKER_KEYS =
      new DeviceAction(
          "rotateBitLockerKeys",
          "BitLocker key rotation",
          GraphGateway::rotateBitLockerKeys,
          allowed -> new BitLockerPolicy(),
          false);

  /** An action's POST: blocks on HTTP, never throws for HTTP or transport failures. */
  @FunctionalInterface
  public interface Call {
    GraphCallResult post(GraphGateway graph, String deviceId, String clientRequestId);
  }

  public DeviceAction {
    Objects.requireNonNull(graphName, "graphName");
    Objects.requireNonNull(noun, "noun");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(policy, "policy");
    if (graphName.isBlank()) {
      throw new IllegalArgumentException("graphName is blank");
    }
  }

  /** Whether a {@code deviceActionResults} entry's {@code actionName} is this action's. */
  public boolean names(String actionName) {
    return graphName.equalsIgnoreCase(actionName);
  }

  /** The worker's form of the action a request or event names. */
  public static DeviceAction of(Action action) {
    return switch (Action.orDefault(action)) {
      case RESET_PASSCODE -> RESET_PASSCODE;
      case ROTATE_BITLOCKER_KEYS -> ROTATE_BITLOCKER_KEYS;
    };
  }

  /** Which devices the action may be sent to, under the operator's PLATFORM_POLICY. */
  public DevicePolicy policy(Set<Platform> allowed) {
    return policy.apply(allowed);
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
