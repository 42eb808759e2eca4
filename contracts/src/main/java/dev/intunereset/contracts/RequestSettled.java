package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Written once per completed request, after its {@link RequestCompleted}, when every device whose
 * reset was accepted has its {@link DeviceSettled}. A request that opted out ({@code
 * trackSettlement: false}), or whose every device failed or was skipped, gets it right after its
 * summary, with {@code tracked} false or {@code devices} 0.
 *
 * @param requestId the settled request
 * @param tracked false when the request opted out of tracking, or the worker's tracking is off
 * @param devices devices followed: the request's {@code counts.succeeded} when tracked
 * @param counts devices per {@link SettleState}; they add up to {@code devices}
 * @param acceptedAt when the request was accepted
 * @param settledAt when the last device settled
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 * @param action the device action of the request; null in events written before requests named
 *     their action, which were all {@link Action#RESET_PASSCODE} (see {@link Action#orDefault})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestSettled(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("tracked") boolean tracked,
    @JsonProperty("devices") int devices,
    @JsonProperty("counts") Counts counts,
    @JsonProperty("acceptedAt") Instant acceptedAt,
    @JsonProperty("settledAt") Instant settledAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("action") Action action)
    implements ResultEvent {

  public RequestSettled {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    Objects.requireNonNull(settledAt, "settledAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    if (counts.total() != devices) {
      throw new IllegalArgumentException(
          "counts total " + counts.total() + " does not equal devices " + devices);
    }
    if (!tracked && devices != 0) {
      throw new IllegalArgumentException("an untracked request settles no device");
    }
  }

  /** The event as written before requests named their action. */
  public RequestSettled(
      UUID requestId,
      boolean tracked,
      int devices,
      Counts counts,
      Instant acceptedAt,
      Instant settledAt,
      String requestedBy,
      String reason,
      String source) {
    this(
        requestId,
        tracked,
        devices,
        counts,
        acceptedAt,
        settledAt,
        requestedBy,
        reason,
        source,
        null);
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_SETTLED;
  }

  /**
   * Devices per {@link SettleState}.
   *
   * @param done devices that applied the reset
   * @param failed devices that could not apply it
   * @param notSupported devices that do not support it
   * @param canceled devices whose action was canceled in Intune
   * @param unconfirmed devices with no final state by the deadline
   */
  public record Counts(
      @JsonProperty("done") int done,
      @JsonProperty("failed") int failed,
      @JsonProperty("notSupported") int notSupported,
      @JsonProperty("canceled") int canceled,
      @JsonProperty("unconfirmed") int unconfirmed) {

    /** No device settled. */
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

    public Counts {
      if (done < 0 || failed < 0 || notSupported < 0 || canceled < 0 || unconfirmed < 0) {
        throw new IllegalArgumentException("counts must be >= 0");
      }
    }

    /** These counts with one more device in {@code state}. */
    public Counts plus(SettleState state) {
      return switch (state) {
        case DONE -> new Counts(done + 1, failed, notSupported, canceled, unconfirmed);
        case FAILED -> new Counts(done, failed + 1, notSupported, canceled, unconfirmed);
        case NOT_SUPPORTED -> new Counts(done, failed, notSupported + 1, canceled, unconfirmed);
        case CANCELED -> new Counts(done, failed, notSupported, canceled + 1, unconfirmed);
        case UNCONFIRMED -> new Counts(done, failed, notSupported, canceled, unconfirmed + 1);
      };
    }

    /** Sum of all counts. */
    @JsonIgnore
    public int total() {
      return done + failed + notSupported + canceled + unconfirmed;
    }
  }
}
