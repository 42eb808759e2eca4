package dev.intunereset.sandbox.graph;

import java.util.Objects;

/**
 * Where a device's resetPasscode (or rotateBitLockerKeys) entry goes once {@code
 * passcodeReadyAfter} has passed, so a test can drive every {@code actionState} Graph documents
 * through {@link GraphSimulator#resetOutcome(String, ResetOutcome)}, which wins over the
 * inventory's {@link CheckIn} (itself mapped onto these outcomes).
 *
 * <p>A final state is reached when the device checks in. {@link DeviceActionState#PENDING} models a
 * device that never checks in (offline): the entry stays pending. {@link DeviceActionState#ACTIVE}
 * and {@link DeviceActionState#NONE} are shown from then on, as a device that never reports back
 * would leave them. Only {@code done} on a platform that sets a new passcode shows one.
 *
 * @param state the state the entry shows from {@code passcodeReadyAfter} on
 * @param errorCode the entry's {@code errorCode}; Graph documents values 0 to 2147483647
 */
public record ResetOutcome(DeviceActionState state, int errorCode) {

  public ResetOutcome {
    Objects.requireNonNull(state, "state");
    if (errorCode < 0) {
      throw new IllegalArgumentException("errorCode must be within 0..2147483647: " + errorCode);
    }
  }

  /** Applied: a new passcode, or the passcode removed on iOS/iPadOS. */
  public static ResetOutcome done() {
    return new ResetOutcome(DeviceActionState.DONE, 0);
  }

  /** Failed on the device with this {@code errorCode}. */
  public static ResetOutcome failed(int errorCode) {
    return new ResetOutcome(DeviceActionState.FAILED, errorCode);
  }

  /** Canceled before the device applied it. */
  public static ResetOutcome canceled() {
    return new ResetOutcome(DeviceActionState.CANCELED, 0);
  }

  /** The device does not support the reset: what the simulator shows on unsupported platforms. */
  public static ResetOutcome notSupported() {
    return new ResetOutcome(DeviceActionState.NOT_SUPPORTED, 0);
  }

  /** The device never checks in: the entry stays {@code pending}. */
  public static ResetOutcome offline() {
    return new ResetOutcome(DeviceActionState.PENDING, 0);
  }

  /** The device took the command and never reports back: the entry stays {@code active}. */
  public static ResetOutcome stuckActive() {
    return new ResetOutcome(DeviceActionState.ACTIVE, 0);
  }

  /** Whether the device checked in to get here, which moves its {@code lastSyncDateTime}. */
  boolean checkedIn() {
    return state != DeviceActionState.PENDING;
  }
}
