package dev.intunereset.worker.graph;

import dev.intunereset.worker.config.Secret;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a Graph {@code managedDevice} the worker decides on. Enum-valued Graph properties
 * are kept as Graph's own strings (e.g. {@code androidEnterprise}).
 *
 * @param lastSyncDateTime the device's last check-in with Intune; null when Graph did not say
 * @param supervised Graph's {@code isSupervised}; null when Graph did not say
 */
public record ManagedDeviceInfo(
    String id,
    String operatingSystem,
    String osVersion,
    String deviceType,
    String deviceEnrollmentType,
    Instant lastSyncDateTime,
    Boolean supervised,
    List<ActionResult> actionResults) {

  public ManagedDeviceInfo {
    actionResults = List.copyOf(actionResults);
  }

  /** A device whose last check-in and supervision are unknown. */
  public ManagedDeviceInfo(
      String id,
      String operatingSystem,
      String osVersion,
      String deviceType,
      String deviceEnrollmentType,
      List<ActionResult> actionResults) {
    this(
        id,
        operatingSystem,
        osVersion,
        deviceType,
        deviceEnrollmentType,
        null,
        null,
        actionResults);
  }

  /** The latest {@code actionName} entry started at or after {@code since}, if Graph shows one. */
  public Optional<ActionResult> latestAction(String actionName, Instant since) {
    return actionResults.stream()
        .filter(a -> actionName.equalsIgnoreCase(a.actionName()))
        .filter(a -> a.startDateTime() != null && !a.startDateTime().isBefore(since))
        .max(Comparator.comparing(ActionResult::startDateTime));
  }

  /**
   * One entry of {@code deviceActionResults}. A resetPasscode result may carry the new passcode,
   * wrapped so that printing the record (or the device) never shows it.
   *
   * @param passcode the new passcode once the action is done, on platforms that set one
   * @param errorCode Graph's error code of a failed resetPasscode action, or null
   * @param lastUpdatedDateTime when the action last changed state, or null
   */
  public record ActionResult(
      String actionName,
      String actionState,
      Instant startDateTime,
      Optional<Secret> passcode,
      Integer errorCode,
      Instant lastUpdatedDateTime) {
    public ActionResult {
      passcode = passcode == null ? Optional.empty() : passcode;
    }

    /** An entry whose last update time is unknown. */
    public ActionResult(
        String actionName,
        String actionState,
        Instant startDateTime,
        Optional<Secret> passcode,
        Integer errorCode) {
      this(actionName, actionState, startDateTime, passcode, errorCode, null);
    }

    /** An entry with no passcode and no error code. */
    public ActionResult(String actionName, String actionState, Instant startDateTime) {
      this(actionName, actionState, startDateTime, Optional.empty(), null);
    }
  }
}
