package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A v1 device action request (a passcode reset unless it names another {@link Action}) as read from
 * {@link Topics#REQUESTS}, after schema validation.
 *
 * <p>Only structural invariants are enforced here; semantic checks (GUID format, lengths, timeout
 * syntax and bounds) belong to the worker, which reports them as {@link RequestRejected} problems
 * rather than exceptions.
 *
 * @param schemaVersion always {@link #CURRENT_SCHEMA_VERSION} for this record
 * @param requestId caller-chosen idempotency key
 * @param deviceIds Intune managed device ids; duplicates are allowed and folded by the worker;
 *     empty when the request names its devices in {@code targets} only
 * @param requestedBy who asked for the reset, for the audit trail
 * @param reason why, typically a ticket reference
 * @param source calling system, or {@code null}
 * @param ignorePartialFailures reset the valid devices even when others fail validation
 * @param validateDeviceExists look every device up in Graph before resetting any
 * @param timeout overall deadline as Go-style ({@code 2h45m}) or ISO-8601 ({@code PT10M}) text, or
 *     {@code null} for the worker default
 * @param dryRun validate and report without resetting
 * @param force reset even devices Graph shows as reset within the worker's cooldown window, or as
 *     not checked in within its stale-device limit
 * @param passcodeDelivery deliver the new passcode, sealed to a configured recipient, or {@code
 *     null} for none (the passcode then stays in the Intune admin center)
 * @param trackSettlement follow each accepted reset to its final state on the device ({@link
 *     DeviceSettled}); true unless the request opts out
 * @param settleTimeout how long each device is followed, in the grammar of {@code timeout}, or
 *     {@code null} for the worker default ({@code SETTLE_TIMEOUT})
 * @param action the device action to carry out; {@code null} means {@link Action#DEFAULT}
 * @param targets the devices selected by user, group, name, serial number or filter, which the
 *     worker expands and adds to {@code deviceIds}; {@code null} when the request has none
 * @param expectedMaxDevices most devices the request may come to once expanded, or {@code null};
 *     beyond it the whole request is rejected before any device is touched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResetRequest(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deviceIds") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> deviceIds,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("ignorePartialFailures") boolean ignorePartialFailures,
    @JsonProperty("validateDeviceExists") boolean validateDeviceExists,
    @JsonProperty("timeout") String timeout,
    @JsonProperty("dryRun") boolean dryRun,
    @JsonProperty("force") boolean force,
    @JsonProperty("passcodeDelivery") PasscodeDelivery passcodeDelivery,
    @JsonProperty("trackSettlement") boolean trackSettlement,
    @JsonProperty("settleTimeout") String settleTimeout,
    @JsonProperty("action") Action action,
    @JsonProperty("targets") Targets targets,
    @JsonProperty("expectedMaxDevices") Integer expectedMaxDevices) {

  /** The only request schema version this record represents. */
  public static final int CURRENT_SCHEMA_VERSION = 1;

  /** Every JSON field of a v1 request, in the order the contract documents them. */
  public static final List<String> FIELDS =
      List.of(
          "schemaVersion",
          "requestId",
          "deviceIds",
          "requestedBy",
          "reason",
          "source",
          "ignorePartialFailures",
          "validateDeviceExists",
          "timeout",
          "dryRun",
          "force",
          "passcodeDelivery",
          "trackSettlement",
          "settleTimeout",
          "action",
          "targets",
          "expectedMaxDevices");

  /**
   * Characters refused in free text such as {@code requestedBy} and {@code reason}, and scrubbed
   * from anything echoed back: controls, line and paragraph separators, bidi overrides and the
   * byte-order mark, which could forge a log line or disguise text for an auditor.
   */
  public static final String UNSAFE_TEXT_CHARACTERS =
      "[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]";

  /**
   * The largest {@code expectedMaxDevices}: a bound above a million devices is no bound at all
   * (REQUEST_MAX_DEVICES, which limits what a request lists, may be raised as far).
   */
  public static final int MAX_EXPECTED_DEVICES = 1_000_000;

  /** Default of {@code ignorePartialFailures}: a request is all-or-nothing unless asked. */
  public static final boolean DEFAULT_IGNORE_PARTIAL_FAILURES = false;

  /** Default of {@code validateDeviceExists}: look devices up before resetting any. */
  public static final boolean DEFAULT_VALIDATE_DEVICE_EXISTS = true;

  /** Default of {@code dryRun}. */
  public static final boolean DEFAULT_DRY_RUN = false;

  /** Default of {@code force}: the reset cooldown applies unless a request overrides it. */
  public static final boolean DEFAULT_FORCE = false;

  /** Default of {@code trackSettlement}: a reset is followed until the device carries it out. */
  public static final boolean DEFAULT_TRACK_SETTLEMENT = true;

  public ResetRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    // Copy so a caller's later mutation cannot change an accepted request; also rejects nulls.
    deviceIds =
        deviceIds == null && targets != null
            ? List.of()
            : List.copyOf(Objects.requireNonNull(deviceIds, "deviceIds"));
    action = action == null ? Action.DEFAULT : action;
  }

  /**
   * A passcode reset with the default settlement tracking, as requests were before either existed.
   */
  public ResetRequest(
      int schemaVersion,
      UUID requestId,
      List<String> deviceIds,
      String requestedBy,
      String reason,
      String source,
      boolean ignorePartialFailures,
      boolean validateDeviceExists,
      String timeout,
      boolean dryRun,
      boolean force,
      PasscodeDelivery passcodeDelivery) {
    this(
        schemaVersion,
        requestId,
        deviceIds,
        requestedBy,
        reason,
        source,
        ignorePartialFailures,
        validateDeviceExists,
        timeout,
        dryRun,
        force,
        passcodeDelivery,
        DEFAULT_TRACK_SETTLEMENT,
        null,
        Action.DEFAULT,
        null,
        null);
  }

  /**
   * Jackson entry point; boxed parameters let absent JSON fields take their documented defaults
   * instead of Java's zero values.
   */
  @JsonCreator
  static ResetRequest fromJson(
      @JsonProperty("schemaVersion") Integer schemaVersion,
      @JsonProperty("requestId") UUID requestId,
      @JsonProperty("deviceIds") List<String> deviceIds,
      @JsonProperty("requestedBy") String requestedBy,
      @JsonProperty("reason") String reason,
      @JsonProperty("source") String source,
      @JsonProperty("ignorePartialFailures") Boolean ignorePartialFailures,
      @JsonProperty("validateDeviceExists") Boolean validateDeviceExists,
      @JsonProperty("timeout") String timeout,
      @JsonProperty("dryRun") Boolean dryRun,
      @JsonProperty("force") Boolean force,
      @JsonProperty("passcodeDelivery") PasscodeDelivery passcodeDelivery,
      @JsonProperty("trackSettlement") Boolean trackSettlement,
      @JsonProperty("settleTimeout") String settleTimeout,
      @JsonProperty("action") Action action,
      @JsonProperty("targets") Targets targets,
      @JsonProperty("expectedMaxDevices") Integer expectedMaxDevices) {
    // A missing version must not silently become 0, so it is required like the other keys.
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    return new ResetRequest(
        schemaVersion,
        requestId,
        deviceIds,
        requestedBy,
        reason,
        source,
        orDefault(ignorePartialFailures, DEFAULT_IGNORE_PARTIAL_FAILURES),
        orDefault(validateDeviceExists, DEFAULT_VALIDATE_DEVICE_EXISTS),
        timeout,
        orDefault(dryRun, DEFAULT_DRY_RUN),
        orDefault(force, DEFAULT_FORCE),
        passcodeDelivery,
        orDefault(trackSettlement, DEFAULT_TRACK_SETTLEMENT),
        settleTimeout,
        action,
        targets,
        expectedMaxDevices);
  }

  private static boolean orDefault(Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }
}
