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
  @JsonSubTypes.Type(value = RequestCompleted.class, name = "RequestCompleted")
})
public sealed interface ResultEvent
    permits DeviceOutcome, RequestAccepted, RequestRejected, RequestCompleted {

  /** The request this event belongs to; also the Kafka key. */
  UUID requestId();

  /**
   * The CloudEvents {@code type} to put in the {@code ce_type} header; one of {@link EventTypes}.
   */
  @JsonIgnore
  String cloudEventType();
}
