package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on {@link Topics#APPROVALS}: a decision on a held request, the release of the fleet
 * brake, or the cancel of a request. The JSON {@code type} property names the subtype. Publish
 * these only through an identity that may approve: the topic's write ACL is the second person's
 * gate.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Approval.class, name = "Approval"),
  @JsonSubTypes.Type(value = BrakeRelease.class, name = "BrakeRelease"),
  @JsonSubTypes.Type(value = Cancel.class, name = "Cancel")
})
public sealed interface ControlMessage permits Approval, BrakeRelease, Cancel {

  /** The only control message schema version. */
  int CURRENT_SCHEMA_VERSION = 1;

  int schemaVersion();

  /** The Kafka key to publish with, which routes the message to the worker that acts on it. */
  String kafkaKey();
}
