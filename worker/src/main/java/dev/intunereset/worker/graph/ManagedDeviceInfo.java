package dev.intunereset.worker.graph;

import java.time.Instant;
import java.util.List;

/** The parts of a Graph {@code managedDevice} the worker decides on. */
public record ManagedDeviceInfo(
    String id, String operatingSystem, String managementAgent, List<ActionResult> actionResults) {

  public ManagedDeviceInfo {
    actionResults = List.copyOf(actionResults);
  }

  /**
   * One entry of {@code deviceActionResults}. The passcode is deliberately absent: the worker does
   * not read it until secure delivery exists, so it cannot leak.
   */
  public record ActionResult(String actionName, String actionState, Instant startDateTime) {}
}
