package dev.intunereset.worker.settlement;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.worker.messaging.Acceptance;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One request whose devices are followed, as read from its results partition: the devices still
 * followed, those whose {@link DeviceSettled} was read back, and, once its summary was read, how
 * many will settle in all.
 */
final class TrackedRequest {
  private final Acceptance acceptance;
  private final RequestAccepted accepted;
  private final Duration timeout;
  private final Map<String, Follow> follows = new LinkedHashMap<>();
  private final Set<String> settled = new HashSet<>();
  private RequestSettled.Counts counts = RequestSettled.Counts.NONE;
  private Integer expected;
  private boolean closing;

  TrackedRequest(Acceptance acceptance, Duration timeout) {
    this.acceptance = acceptance;
    this.accepted = acceptance.event();
    this.timeout = timeout;
  }

  /** The acceptance, whose trace the settlement events continue. */
  Acceptance acceptance() {
    return acceptance;
  }

  Duration timeout() {
    return timeout;
  }

  Map<String, Follow> follows() {
    return follows;
  }

  /** A device's reset was accepted: follow it, unless its settlement was already read back. */
  void follow(Follow follow) {
    if (accepted.tracksSettlement() && !settled.contains(follow.deviceId())) {
      follows.putIfAbsent(follow.deviceId(), follow);
    }
  }

  /** A {@link DeviceSettled} was read back: the device is done, and counted once. */
  void settled(DeviceSettled event) {
    follows.remove(event.deviceId());
    if (settled.add(event.deviceId())) {
      counts = counts.plus(event.state());
    }
  }

  /** The summary was read: {@code succeeded} devices will settle (none when not tracked). */
  void completed(int succeeded) {
    expected = accepted.tracksSettlement() ? succeeded : 0;
  }

  /** True once the request's summary was read: its devices may settle from then on. */
  boolean completed() {
    return expected != null;
  }

  /** The summary that is due, once, when every expected device has settled; else null. */
  RequestSettled due(Instant now) {
    if (closing || expected == null || !follows.isEmpty() || settled.size() < expected) {
      return null;
    }
    closing = true;
    return new RequestSettled(
        accepted.requestId(),
        accepted.tracksSettlement(),
        counts.total(),
        counts,
        accepted.acceptedAt(),
        now,
        accepted.requestedBy(),
        accepted.reason(),
        accepted.source(),
        Action.orDefault(accepted.action()));
  }
}
