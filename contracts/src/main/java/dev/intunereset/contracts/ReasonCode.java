package dev.intunereset.contracts;

/** Machine-readable reason behind a {@link DeviceOutcome}'s status. */
public enum ReasonCode {
  /**
   * Graph accepted the device action with a 2xx response: the passcode reset, or for a {@link
   * Action#ROTATE_BITLOCKER_KEYS} request the key rotation (the name predates other actions).
   */
  RESET_ISSUED,
  /** Dry run: the device passed validation and would have been reset. */
  DRY_RUN,
  /** Graph answered 404, or the device is not a managed device in this tenant. */
  NOT_FOUND,
  /** The device's platform is excluded by the worker's platform policy. */
  UNSUPPORTED_PLATFORM,
  /**
   * Graph answered 403, usually missing DeviceManagementManagedDevices.PrivilegedOperations.All.
   */
  FORBIDDEN,
  /** Graph answered 401: the worker's credentials were rejected. */
  UNAUTHORIZED,
  /** Graph answered 400 to the reset call. */
  BAD_REQUEST,
  /** Graph kept answering 429 until retries were exhausted. */
  THROTTLED,
  /** Graph kept answering 5xx until retries were exhausted. */
  GRAPH_ERROR,
  /** I/O errors or timeouts talking to Graph persisted until retries were exhausted. */
  TRANSPORT_ERROR,
  /** The request deadline passed before the reset started; status is TIMED_OUT. */
  DEADLINE_EXCEEDED,
  /** Another device failed validation in an all-or-nothing request; status is SKIPPED. */
  REQUEST_ABORTED,
  /** The request was canceled before this device's reset started; status is SKIPPED. */
  REQUEST_CANCELED,
  /** Reconciliation found this same request had already reset the device. */
  ALREADY_RESET,
  /** The device was reset recently and is still inside the cooldown window. */
  RECENTLY_RESET,
  /**
   * The device has not checked in with Intune for longer than the worker's stale-device limit, so a
   * reset would only wait in a queue; status is SKIPPED, and {@code force} resets anyway.
   */
  STALE_DEVICE
}
