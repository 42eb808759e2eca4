package dev.intunereset.sandbox.graph;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a device behaves when Intune sends it an action (a reset or a BitLocker key rotation): an
 * inventory entry's {@code "checkIn"} field, so an inventory file alone makes every {@code
 * actionState} occur without test code.
 *
 * <p>It maps onto {@link ResetOutcome}; a {@link GraphSimulator#resetOutcome(String, ResetOutcome)}
 * set for the device wins over it. {@link #OFFLINE} is a device that has been offline since before
 * the simulator started: besides leaving its reset {@code pending}, it does not check in
 * periodically either, so its {@code lastSyncDateTime} never moves. What is said of a reset below
 * holds for a key rotation too.
 */
public enum CheckIn {
  /**
   * The default: the device checks in and applies the reset as its platform allows, so {@code
   * done}, or {@code notSupported} where Intune does not support the reset.
   */
  DONE("done"),
  /** The device never checks in: its reset stays {@code pending}. */
  OFFLINE("offline"),
  /** The device checks in and fails the reset, {@code errorCode} {@value #FAILED_ERROR_CODE}. */
  FAILED("failed"),
  /** The device checks in and answers {@code notSupported}, whatever its platform. */
  NOT_SUPPORTED("notSupported"),
  /** The reset is canceled before the device applies it. */
  CANCELED("canceled");

  /** The inventory field. */
  public static final String FIELD = "checkIn";

  /**
   * The {@code errorCode} of a reset that {@link #FAILED}. Graph documents no codes for
   * resetPasscode, only their range; a test that needs another one sets {@link
   * ResetOutcome#failed(int)}.
   */
  public static final int FAILED_ERROR_CODE = 1;

  private final String jsonName;

  CheckIn(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The value as an inventory writes it. */
  public String jsonName() {
    return jsonName;
  }

  /**
   * The value an inventory entry gives, {@link #DONE} when it gives none (or null).
   *
   * @throws IllegalArgumentException naming the device and the allowed values when {@code value} is
   *     none of them
   */
  static CheckIn parse(Object value, String deviceId) {
    if (value == null) {
      return DONE;
    }
    for (CheckIn checkIn : values()) {
      if (checkIn.jsonName.equals(value)) {
        return checkIn;
      }
    }
    String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    throw new IllegalArgumentException(
        "device "
            + deviceId
            + ": \""
            + FIELD
            + "\" must be one of "
            + allowed()
            + ", not "
            + shown);
  }

  /** The allowed values, as an inventory writes them. */
  static String allowed() {
    return Arrays.stream(values())
        .map(c -> "\"" + c.jsonName + "\"")
        .collect(Collectors.joining(", "));
  }

  /** How the device's reset ends, given what its platform supports. */
  ResetOutcome outcome(ResetCapability capability) {
    return outcome(capability.supported());
  }

  /** How a device action (a reset, a key rotation) ends, given whether the platform supports it. */
  ResetOutcome outcome(boolean platformSupports) {
    switch (this) {
      case OFFLINE:
        return ResetOutcome.offline();
      case FAILED:
        return ResetOutcome.failed(FAILED_ERROR_CODE);
      case NOT_SUPPORTED:
        return ResetOutcome.notSupported();
      case CANCELED:
        return ResetOutcome.canceled();
      default:
        // Graph documents notSupported ("Action is not supported") among the action states; it is
        // what an unsupported platform shows, with no error code of its own.
        return platformSupports ? ResetOutcome.done() : ResetOutcome.notSupported();
    }
  }
}
