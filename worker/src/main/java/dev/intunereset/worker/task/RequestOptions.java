package dev.intunereset.worker.task;

/**
 * How the requester asked for the request to be carried out, held once per task instead of as loose
 * booleans passed by position. {@link #NONE} has every option off; the withers turn one on.
 *
 * @param ignorePartialFailures devices are reset even when others of the request fail
 * @param validateDeviceExists every device is looked up (and its platform checked) before a reset
 * @param dryRun nothing is reset; outcomes say what would have happened
 * @param force the request bypasses the reset cooldown and the stale-device check
 * @param passcodeRecipient who the new passcode is sealed to, or null when not delivered
 */
public record RequestOptions(
    boolean ignorePartialFailures,
    boolean validateDeviceExists,
    boolean dryRun,
    boolean force,
    String passcodeRecipient) {

  /** Every option off and no delivery. */
  public static final RequestOptions NONE = new RequestOptions(false, false, false, false, null);

  public RequestOptions withIgnorePartialFailures(boolean on) {
    return new RequestOptions(on, validateDeviceExists, dryRun, force, passcodeRecipient);
  }

  public RequestOptions withValidateDeviceExists(boolean on) {
    return new RequestOptions(ignorePartialFailures, on, dryRun, force, passcodeRecipient);
  }

  public RequestOptions withDryRun(boolean on) {
    return new RequestOptions(
        ignorePartialFailures, validateDeviceExists, on, force, passcodeRecipient);
  }

  public RequestOptions withForce(boolean on) {
    return new RequestOptions(
        ignorePartialFailures, validateDeviceExists, dryRun, on, passcodeRecipient);
  }

  /** The same options with the new passcode sealed to {@code recipient} (null: not delivered). */
  public RequestOptions deliveredTo(String recipient) {
    return new RequestOptions(
        ignorePartialFailures, validateDeviceExists, dryRun, force, recipient);
  }
}
