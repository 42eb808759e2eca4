package dev.intunereset.worker.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The fleet brake's state as kept on the internal brake topic (one compacted record, see {@link
 * BrakeTopic}). Written only by the brake keeper, read by every replica's dispatcher.
 *
 * @param engaged whether bulk resets are held
 * @param brakeId the current or last engagement, or {@code null} if the brake never engaged
 * @param engagedAt when that engagement began, or {@code null}
 * @param countFrom resets before this instant never count again: the last release
 * @param releasedBy who released the last engagement, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrakeState(
    @JsonProperty("engaged") boolean engaged,
    @JsonProperty("brakeId") UUID brakeId,
    @JsonProperty("engagedAt") Instant engagedAt,
    @JsonProperty("countFrom") Instant countFrom,
    @JsonProperty("releasedBy") String releasedBy) {

  /** Never engaged: everything counts. */
  public static final BrakeState INITIAL = new BrakeState(false, null, null, Instant.EPOCH, null);

  public BrakeState {
    Objects.requireNonNull(countFrom, "countFrom");
    if (engaged && (brakeId == null || engagedAt == null)) {
      throw new IllegalArgumentException("an engaged brake has an id and a start");
    }
  }

  BrakeState engage(UUID id, Instant at) {
    return new BrakeState(true, id, at, countFrom, null);
  }

  BrakeState release(String by, Instant at) {
    return new BrakeState(false, brakeId, engagedAt, at, by);
  }
}
