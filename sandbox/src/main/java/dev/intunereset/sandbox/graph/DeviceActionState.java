package dev.intunereset.sandbox.graph;

/**
 * Graph's {@code actionState} of a device action (beta enum {@code microsoft.graph.actionState}),
 * so tests name the state a simulated reset ends in without spelling Graph's strings.
 */
public enum DeviceActionState {
  /** "Not a valid action state". */
  NONE("none"),
  /** Accepted by Intune, not yet picked up by the device. */
  PENDING("pending"),
  CANCELED("canceled"),
  /** The device has the command and is working on it. */
  ACTIVE("active"),
  /** Completed without errors. */
  DONE("done"),
  FAILED("failed"),
  NOT_SUPPORTED("notSupported");

  private final String graphName;

  DeviceActionState(String graphName) {
    this.graphName = graphName;
  }

  /** The value as Graph writes it in {@code actionState}. */
  public String graphName() {
    return graphName;
  }

  /** Whether the action has ended: done, failed, canceled or notSupported. */
  public boolean isFinal() {
    return this == DONE || this == FAILED || this == CANCELED || this == NOT_SUPPORTED;
  }
}
