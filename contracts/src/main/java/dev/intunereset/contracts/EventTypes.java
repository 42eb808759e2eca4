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

  private EventTypes() {}
}
