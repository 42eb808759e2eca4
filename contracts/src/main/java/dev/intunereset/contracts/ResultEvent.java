package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/**
 * An event on {@link Topics#RESULTS}; the JSON {@code type} property names the subtype so that
 * consumers without access to Kafka headers can still route it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DeviceOutcome.class, name = "DeviceOutcome"),
  @JsonSubTypes.Type(value = RequestAccepted.class, name = "RequestAccepted"),
  @JsonSubTypes.Type(value = RequestRejected.class, name = "RequestRejected"),
  @JsonSubTypes.Type(value = RequestCompleted.class, name = "RequestCompleted"),
  @JsonSubTypes.Type(value = RequestHeld.class, name = "RequestHeld"),
  @JsonSubTypes.Type(value = RequestApproved.class, name = "RequestApproved"),
  @JsonSubTypes.Type(value = RequestDenied.class, name = "RequestDenied"),
  @JsonSubTypes.Type(value = RequestExpired.class, name = "RequestExpired"),
  @JsonSubTypes.Type(value = BrakeEngaged.class, name = "BrakeEngaged"),
  @JsonSubTypes.Type(value = BrakeReleased.class, name = "BrakeReleased"),
  @JsonSubTypes.Type(value = CancelReceived.class, name = "CancelReceived"),
  @JsonSubTypes.Type(value = CancelApplied.class, name = "CancelApplied"),
  @JsonSubTypes.Type(value = CancelRefused.class, name = "CancelRefused"),
  @JsonSubTypes.Type(value = RequestCanceled.class, name = "RequestCanceled"),
  @JsonSubTypes.Type(value = DeviceSettled.class, name = "DeviceSettled"),
  @JsonSubTypes.Type(value = RequestSettled.class, name = "RequestSettled"),
  @JsonSubTypes.Type(value = RequestExpanded.class, name = "RequestExpanded")
})
public sealed interface ResultEvent
    permits DeviceOutcome,
        RequestAccepted,
        RequestRejected,
        RequestCompleted,
        RequestHeld,
        RequestApproved,
        RequestDenied,
        RequestExpired,
        BrakeEngaged,
        BrakeReleased,
        CancelReceived,
        CancelApplied,
        CancelRefused,
        RequestCanceled,
        DeviceSettled,
        RequestSettled,
        RequestExpanded {

  /**
   * The request this event belongs to; also the Kafka key. Fleet brake events ({@link
   * BrakeEngaged}, {@link BrakeReleased}) belong to no request: for them it is the brake id, which
   * their JSON carries as {@code brakeId}.
   */
  UUID requestId();

  /**
   * The CloudEvents {@code type} to put in the {@code ce_type} header; one of {@link EventTypes}.
   */
  @JsonIgnore
  String cloudEventType();
}
