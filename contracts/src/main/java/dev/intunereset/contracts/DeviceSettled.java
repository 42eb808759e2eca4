package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What became of one device's accepted reset on the device: written once per device whose {@link
 * DeviceOutcome} was {@link OutcomeStatus#SUCCEEDED}, when Graph shows the action in a final state
 * or when the settle deadline passes. A {@code SUCCEEDED} outcome only says that Intune queued the
 * command; this event says whether the device carried it out.
 *
 * @param requestId the request the device belongs to
 * @param deviceId Intune managed device id
 * @param state the final state, or {@link SettleState#UNCONFIRMED}
 * @param actionState Graph's {@code actionState} as last seen (e.g. {@code done}, {@code pending});
 *     null when Graph never showed the action
 * @param errorCode Graph's {@code errorCode} of the action, or null
 * @param startDateTime Graph's {@code startDateTime} of the action, or null
 * @param lastUpdatedDateTime Graph's {@code lastUpdatedDateTime} of the action, or null
 * @param tookSeconds how long the device took: {@code lastUpdatedDateTime − startDateTime} of a
 *     final state; null when unconfirmed or Graph did not give both
 * @param issuedAt when the device's outcome was decided, which started the tracking
 * @param settledAt when the worker saw the final state, or gave up
 * @param checks device reads the worker spent following this device
 * @param message human-readable explanation
 * @param action the device action of the request; null in events written before requests named
 *     their action, which were all {@link Action#RESET_PASSCODE} (see {@link Action#orDefault})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceSettled(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deviceId") String deviceId,
    @JsonProperty("state") SettleState state,
    @JsonProperty("actionState") String actionState,
    @JsonProperty("errorCode") Integer errorCode,
    @JsonProperty("startDateTime") Instant startDateTime,
    @JsonProperty("lastUpdatedDateTime") Instant lastUpdatedDateTime,
    @JsonProperty("tookSeconds") Long tookSeconds,
    @JsonProperty("issuedAt") Instant issuedAt,
    @JsonProperty("settledAt") Instant settledAt,
    @JsonProperty("checks") int checks,
    @JsonProperty("message") String message,
    @JsonProperty("action") Action action)
    implements ResultEvent {

  public DeviceSettled {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(settledAt, "settledAt");
    Objects.requireNonNull(message, "message");
    if (checks < 0) {
      throw new IllegalArgumentException("checks must be >= 0, was " + checks);
    }
    if (tookSeconds != null && tookSeconds < 0) {
      throw new IllegalArgumentException("tookSeconds must be >= 0, was " + tookSeconds);
    }
  }

  /** The event as written before requests named their action. */
  public DeviceSettled(
      UUID requestId,
      String deviceId,
      SettleState state,
      String actionState,
      Integer errorCode,
      Instant startDateTime,
      Instant lastUpdatedDateTime,
      Long tookSeconds,
      Instant issuedAt,
      Instant settledAt,
      int checks,
      String message) {
    this(
        requestId,
        deviceId,
        state,
        actionState,
        errorCode,
        startDateTime,
        lastUpdatedDateTime,
        tookSeconds,
        issuedAt,
        settledAt,
        checks,
        message,
        null);
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.DEVICE_SETTLED;
  }
}
