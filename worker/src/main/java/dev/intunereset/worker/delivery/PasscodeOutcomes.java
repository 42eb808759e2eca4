package dev.intunereset.worker.delivery;

import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.SealedPasscode;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the new passcode of a reset device ends up, decided without Graph or Kafka: not asked for,
 * not read back, failed on the device, none issued, sealed for its recipient, or not retrieved in
 * time. The dispatcher's retrieval job reads Graph and asks this what the read means.
 */
public final class PasscodeOutcomes {
  private static final Set<String> NEVER_DONE = Set.of("failed", "canceled", "notsupported");

  private PasscodeOutcomes() {}

  /** What one read of the reset's action result means. */
  public sealed interface Reading {
    /** The passcode's fate is known: no more reads. */
    record Final(PasscodeOutcome outcome) implements Reading {}

    /** The passcode is there: seal it at once. */
    record Seal() implements Reading {}

    /** Not applied yet (the device has to check in): read again later. */
    record Pending() implements Reading {}
  }

  /**
   * Where the passcode of a reset device is when nobody asked for it to be delivered; {@code
   * removesPasscode} for platforms that remove the passcode instead (iOS/iPadOS).
   */
  public static PasscodeOutcome withoutDelivery(boolean removesPasscode) {
    return removesPasscode
        ? new PasscodeOutcome(
            PasscodeStatus.NONE_ISSUED,
            null,
            null,
            "iOS/iPadOS removes the passcode instead of setting a new one")
        : new PasscodeOutcome(
            PasscodeStatus.NOT_REQUESTED, null, null, PasscodeOutcome.ADMIN_CENTER_HINT);
  }

  /**
   * For a reset found while validating a whole request: it is not read back (the validation holds
   * every device of the request), so the outcome points to the admin center.
   */
  public static PasscodeOutcome notReadBack(String recipient, boolean removesPasscode) {
    return recipient == null
        ? withoutDelivery(removesPasscode)
        : notRetrieved(
            recipient,
            "the reset was found while validating the request and is not read back; "
                + PasscodeOutcome.ADMIN_CENTER_HINT);
  }

  /**
   * What the reset's action result says, read since the reset: {@code actionState} as Graph gives
   * it (empty when no such action is shown yet).
   */
  public static Reading read(
      String recipient, String actionState, Integer errorCode, boolean passcodeShown) {
    if (actionState != null && NEVER_DONE.contains(actionState.toLowerCase(Locale.ROOT))) {
      // Final states besides done: waiting on would only run into the retrieval timeout.
      return new Reading.Final(
          new PasscodeOutcome(
              PasscodeStatus.ACTION_FAILED,
              recipient,
              null,
              "Graph reports the passcode reset as "
                  + actionState
                  + " on the device (errorCode "
                  + errorCode
                  + "); there is no new passcode"));
    }
    if ("done".equalsIgnoreCase(actionState) && !passcodeShown) {
      return new Reading.Final(
          new PasscodeOutcome(
              PasscodeStatus.NONE_ISSUED,
              recipient,
              null,
              "the reset is done but Graph shows no new passcode: the platform removes the"
                  + " passcode instead (iOS/iPadOS)"));
    }
    return "done".equalsIgnoreCase(actionState) ? new Reading.Seal() : new Reading.Pending();
  }

  /** The passcode could not be read from Graph; {@code why} ends the message. */
  public static PasscodeOutcome unreadable(String recipient, String why) {
    return notRetrieved(
        recipient,
        "could not read the device from Graph: " + why + "; " + PasscodeOutcome.ADMIN_CENTER_HINT);
  }

  /** Graph did not show the passcode before the retrieval timeout. */
  public static PasscodeOutcome timedOut(String recipient, Duration retrievalTimeout) {
    return notRetrieved(
        recipient,
        "Graph did not show the new passcode within "
            + retrievalTimeout
            + " (the device has to check in); "
            + PasscodeOutcome.ADMIN_CENTER_HINT);
  }

  /** The retrieval's deadline passed before a read could start. */
  public static PasscodeOutcome deadlinePassed(String recipient) {
    return notRetrieved(
        recipient,
        "the retrieval timeout passed before Graph showed the new passcode; "
            + PasscodeOutcome.ADMIN_CENTER_HINT);
  }

  /** Seals the passcode for its recipient; the plain passcode is not kept past this call. */
  public static PasscodeOutcome seal(
      PasscodeRecipients recipients,
      String recipient,
      SealedPasscode passcode,
      Function<SealedPasscode, byte[]> json) {
    String jwe = recipients.seal(recipient, passcode, json);
    return new PasscodeOutcome(
        PasscodeStatus.SEALED, recipient, jwe, "the new passcode is sealed for " + recipient);
  }

  private static PasscodeOutcome notRetrieved(String recipient, String message) {
    return new PasscodeOutcome(PasscodeStatus.NOT_RETRIEVED, recipient, null, message);
  }
}
