package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator's release of the fleet brake, published to {@link Topics#APPROVALS} keyed by {@link
 * #KAFKA_KEY}. It must name the engagement it releases, so that a stale release can never lift a
 * later brake.
 *
 * @param schemaVersion always {@link ControlMessage#CURRENT_SCHEMA_VERSION}
 * @param brakeId the {@link BrakeEngaged#brakeId()} to release
 * @param releasedBy who releases it, for the audit trail
 * @param reason why, for the audit trail
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrakeRelease(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("brakeId") UUID brakeId,
    @JsonProperty("releasedBy") String releasedBy,
    @JsonProperty("reason") String reason)
    implements ControlMessage {

  /** The key every brake release is published with. */
  public static final String KAFKA_KEY = "fleet-brake";

  public BrakeRelease {
    Objects.requireNonNull(brakeId, "brakeId");
    Objects.requireNonNull(releasedBy, "releasedBy");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  @JsonIgnore
  public String kafkaKey() {
    return KAFKA_KEY;
  }
}
