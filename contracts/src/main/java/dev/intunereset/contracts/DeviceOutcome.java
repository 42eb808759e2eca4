package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The final outcome for one device of a request; exactly one is emitted per unique device.
 *
 * @param requestId request the device belongs to
 * @param deviceId Intune managed device id
 * @param status final status
 * @param reasonCode why the device ended in {@code status}
 * @param message human-readable explanation
 * @param httpStatus HTTP status of the last Graph response, or {@code null} if none was received
 * @param graphErrorCode raw Graph {@code error.code} of the last failed response, or {@code null}
 * @param graphRequestId Graph {@code request-id} response header of the last call, or {@code null}
 * @param clientRequestId {@code client-request-id} the worker sent on the last call, or {@code
 *     null}
 * @param attempts Graph reset calls made; 0 when the device was never attempted
 * @param operatingSystem device operating system as reported by Graph, or {@code null} if unknown
 * @param acceptedAt when the request was accepted
 * @param startedAt when work on this device started, or {@code null} if it never started
 * @param completedAt when the outcome was decided
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 * @param passcode where the new passcode can be had, for a device whose reset was issued; {@code
 *     null} otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceOutcome(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deviceId") String deviceId,
    @JsonProperty("status") OutcomeStatus status,
    @JsonProperty("reasonCode") ReasonCode reasonCode,
    @JsonProperty("message") String message,
    @JsonProperty("httpStatus") Integer httpStatus,
    @JsonProperty("graphErrorCode") String graphErrorCode,
    @JsonProperty("graphRequestId") String graphRequestId,
    @JsonProperty("clientRequestId") String clientRequestId,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("operatingSystem") String operatingSystem,
    @JsonProperty("acceptedAt") Instant acceptedAt,
    @JsonProperty("startedAt") Instant startedAt,
    @JsonProperty("completedAt") Instant completedAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("passcode") PasscodeOutcome passcode)
    implements ResultEvent {

  public DeviceOutcome {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
    if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
      throw new IllegalArgumentException("httpStatus must be 100..599, was " + httpStatus);
    }
  }

  /** An outcome without passcode information. */
  public DeviceOutcome(
      UUID requestId,
      String deviceId,
      OutcomeStatus status,
      ReasonCode reasonCode,
      String message,
      Integer httpStatus,
      String graphErrorCode,
      String graphRequestId,
      String clientRequestId,
      int attempts,
      String operatingSystem,
      Instant acceptedAt,
      Instant startedAt,
      Instant completedAt,
      String requestedBy,
      String reason,
      String source) {
    this(
        requestId,
        deviceId,
        status,
        reasonCode,
        message,
        httpStatus,
        graphErrorCode,
        graphRequestId,
        clientRequestId,
        attempts,
        operatingSystem,
        acceptedAt,
        startedAt,
        completedAt,
        requestedBy,
        reason,
        source,
        null);
  }

  /** The same outcome with what became of the passcode. */
  public DeviceOutcome withPasscode(PasscodeOutcome p) {
    return new DeviceOutcome(
        requestId,
        deviceId,
        status,
        reasonCode,
        message,
        httpStatus,
        graphErrorCode,
        graphRequestId,
        clientRequestId,
        attempts,
        operatingSystem,
        acceptedAt,
        startedAt,
        completedAt,
        requestedBy,
        reason,
        source,
        p);
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.DEVICE_OUTCOME;
  }
}
