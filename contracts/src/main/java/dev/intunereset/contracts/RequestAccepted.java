package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Emitted once a request passed validation and its device tasks were scheduled; for a request with
 * {@link Targets}, once they were expanded, so that its count is that of the expanded devices.
 *
 * @param requestId the accepted request
 * @param deviceCount unique devices that will each get a {@link DeviceOutcome}: for a request with
 *     targets, the union of its listed and its expanded devices
 * @param duplicatesFolded repeated device ids dropped from the request
 * @param lane scheduling lane chosen for the request
 * @param dryRun whether this is a dry run
 * @param ignorePartialFailures copied from the request; decides the summary status
 * @param acceptedAt when the request was accepted
 * @param deadline after which devices not yet started end {@link OutcomeStatus#TIMED_OUT}
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 * @param trackSettlement whether each accepted reset is followed to its final state ({@link
 *     DeviceSettled}); null in events written before settlement existed, whose requests get no
 *     settlement events at all
 * @param settleTimeout how long a device is followed before it settles {@link
 *     SettleState#UNCONFIRMED}, e.g. {@code 24h}; null when not tracked, or in older events
 * @param action the device action of the request; null in events written before requests named
 *     their action, which were all {@link Action#RESET_PASSCODE} (see {@link Action#orDefault})
 * @param targets the request's targets as the worker read them (normalized), or {@code null} when
 *     it had none
 * @param expectedMaxDevices the request's {@code expectedMaxDevices}, or {@code null} when it had
 *     none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestAccepted(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deviceCount") int deviceCount,
    @JsonProperty("duplicatesFolded") int duplicatesFolded,
    @JsonProperty("lane") Lane lane,
    @JsonProperty("dryRun") boolean dryRun,
    @JsonProperty("ignorePartialFailures") boolean ignorePartialFailures,
    @JsonProperty("acceptedAt") Instant acceptedAt,
    @JsonProperty("deadline") Instant deadline,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("trackSettlement") Boolean trackSettlement,
    @JsonProperty("settleTimeout") String settleTimeout,
    @JsonProperty("action") Action action,
    @JsonProperty("targets") Targets targets,
    @JsonProperty("expectedMaxDevices") Integer expectedMaxDevices)
    implements ResultEvent {

  public RequestAccepted {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    if (deviceCount < 1) {
      throw new IllegalArgumentException("deviceCount must be >= 1, was " + deviceCount);
    }
    if (duplicatesFolded < 0) {
      throw new IllegalArgumentException("duplicatesFolded must be >= 0, was " + duplicatesFolded);
    }
  }

  /** An acceptance that says nothing about settlement, as events written before it existed. */
  public RequestAccepted(
      UUID requestId,
      int deviceCount,
      int duplicatesFolded,
      Lane lane,
      boolean dryRun,
      boolean ignorePartialFailures,
      Instant acceptedAt,
      Instant deadline,
      String requestedBy,
      String reason,
      String source) {
    this(
        requestId,
        deviceCount,
        duplicatesFolded,
        lane,
        dryRun,
        ignorePartialFailures,
        acceptedAt,
        deadline,
        requestedBy,
        reason,
        source,
        null,
        null,
        null,
        null,
        null);
  }

  /** The same acceptance, saying whether and for how long its devices are followed. */
  public RequestAccepted withSettlement(boolean track, Duration timeout) {
    return with(
        track,
        track ? Durations.format(Objects.requireNonNull(timeout, "timeout")) : null,
        action,
        targets,
        expectedMaxDevices);
  }

  /** The same acceptance, naming the request's action. */
  public RequestAccepted withAction(Action a) {
    return with(trackSettlement, settleTimeout, a, targets, expectedMaxDevices);
  }

  /** The same acceptance, echoing the request's targets and {@code expectedMaxDevices}. */
  public RequestAccepted withTargets(Targets t, Integer expected) {
    return with(trackSettlement, settleTimeout, action, t, expected);
  }

  private RequestAccepted with(
      Boolean track, String timeout, Action a, Targets t, Integer expected) {
    return new RequestAccepted(
        requestId,
        deviceCount,
        duplicatesFolded,
        lane,
        dryRun,
        ignorePartialFailures,
        acceptedAt,
        deadline,
        requestedBy,
        reason,
        source,
        track,
        timeout,
        a,
        t,
        expected);
  }

  /** True when each accepted reset of the request is followed to its final state. */
  @JsonIgnore
  public boolean tracksSettlement() {
    return Boolean.TRUE.equals(trackSettlement);
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_ACCEPTED;
  }
}
