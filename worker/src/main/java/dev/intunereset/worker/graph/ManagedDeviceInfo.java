package dev.intunereset.worker.graph;

import java.time.Instant;
import java.util.List;

/**
 * The parts of a Graph {@code managedDevice} the worker decides on. Enum-valued Graph properties
 * are kept as Graph's own strings (e.g. {@code androidEnterprise}).
 */
public record ManagedDeviceInfo(
    String id,
    String operatingSystem,
    String osVersion,
    String deviceType,
    String deviceEnrollmentType,
    List<ActionResult> actionResults) {

  public ManagedDeviceInfo {
    actionResults = List.copyOf(actionResults);
  }

  /**
   * One entry of {@code deviceActionResults}. The passcode is deliberately absent: the worker does
   * not read it until secure delivery exists, so it cannot leak.
   */
  public record ActionResult(String actionName, String actionState, Instant startDateTime) {}
}
