package dev.intunereset.contracts;

/** CloudEvents {@code type} values of the v1 result events; the suffix is the payload version. */
public final class EventTypes {

  /** Type of {@link DeviceOutcome}. */
  public static final String DEVICE_OUTCOME = "dev.intunereset.passcodereset.device-outcome.v1";

  /** Type of {@link RequestAccepted}. */
  public static final String REQUEST_ACCEPTED = "dev.intunereset.passcodereset.request-accepted.v1";

  /** Type of {@link RequestRejected}. */
  public static final String REQUEST_REJECTED = "dev.intunereset.passcodereset.request-rejected.v1";

  /** Type of {@link RequestCompleted}. */
  public static final String REQUEST_COMPLETED =
      "dev.intunereset.passcodereset.request-completed.v1";

  /** Type of {@link RequestHeld}. */
  public static final String REQUEST_HELD = "dev.intunereset.passcodereset.request-held.v1";

  /** Type of {@link RequestApproved}. */
  public static final String REQUEST_APPROVED = "dev.intunereset.passcodereset.request-approved.v1";

  /** Type of {@link RequestDenied}. */
  public static final String REQUEST_DENIED = "dev.intunereset.passcodereset.request-denied.v1";

  /** Type of {@link RequestExpired}. */
  public static final String REQUEST_EXPIRED = "dev.intunereset.passcodereset.request-expired.v1";

  /** Type of {@link BrakeEngaged}. */
  public static final String BRAKE_ENGAGED = "dev.intunereset.passcodereset.brake-engaged.v1";

  /** Type of {@link BrakeReleased}. */
  public static final String BRAKE_RELEASED = "dev.intunereset.passcodereset.brake-released.v1";

  /** Type of {@link CancelReceived}. */
  public static final String CANCEL_RECEIVED = "dev.intunereset.passcodereset.cancel-received.v1";

  /** Type of {@link CancelApplied}. */
  public static final String CANCEL_APPLIED = "dev.intunereset.passcodereset.cancel-applied.v1";

  /** Type of {@link CancelRefused}. */
  public static final String CANCEL_REFUSED = "dev.intunereset.passcodereset.cancel-refused.v1";

  /** Type of {@link RequestCanceled}. */
  public static final String REQUEST_CANCELED = "dev.intunereset.passcodereset.request-canceled.v1";

  /** Type of {@link DeviceSettled}. */
  public static final String DEVICE_SETTLED = "dev.intunereset.passcodereset.device-settled.v1";

  /** Type of {@link RequestSettled}. */
  public static final String REQUEST_SETTLED = "dev.intunereset.passcodereset.request-settled.v1";

  /** Type of {@link RequestExpanded}. */
  public static final String REQUEST_EXPANDED = "dev.intunereset.passcodereset.request-expanded.v1";

  private EventTypes() {}
}
