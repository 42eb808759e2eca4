package dev.intunereset.worker.action;

import dev.intunereset.contracts.Action;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphGateway;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A device action the worker takes through Graph, as data, so that reconciliation, cooldown, jobs
 * and metrics name no action themselves (issue 16).
 *
 * @param graphName the action's name in Graph: its {@code deviceActionResults} entries' {@code
 *     actionName}, and the operation name of its POST in metrics, spans and messages
 * @param noun what the action does, for the messages of outcomes ("passcode reset")
 * @param permission the Graph application permission its POST needs, named when Graph answers 403
 * @param call the action's POST through the gateway
 * @param policy the devices the action may be sent to, given the platforms PLATFORM_POLICY allows
 *     (which only the passcode reset consults: it is the operator's opt-in to its side effects)
 * @param setsPasscode whether the action leaves a new passcode to read back and deliver
 */
public record DeviceAction(
    String graphName,
    String noun,
    String permission,
    Call call,
    Function<Set<Platform>, DevicePolicy> policy,
    boolean setsPasscode) {

  /** {@code POST managedDevices/{id}/resetPasscode}: a new passcode, read back on request. */
  public static final DeviceAction RESET_PASSCODE =
      new DeviceAction(
          "resetPasscode",
          "passcode reset",
          "DeviceManagementManagedDevices.PrivilegedOperations.All",
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
          "DeviceManagementManagedDevices.ReadWrite.All",
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
    Objects.requireNonNull(permission, "permission");
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

  /** The action whose Graph name is {@code graphName}, if it is one. */
  public static Optional<DeviceAction> named(String graphName) {
    return Arrays.stream(Action.values())
        .map(DeviceAction::of)
        .filter(a -> a.graphName().equals(graphName))
        .findFirst();
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
