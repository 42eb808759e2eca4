package dev.intunereset.worker.settlement;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.SettleState;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.graph.ManagedDeviceInfo.ActionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One device being followed: from its {@code SUCCEEDED} outcome until Graph shows the reset in a
 * final state, or the settle deadline passes. Confined to the settlement stage's thread.
 */
final class Follow {
  private final UUID requestId;
  private final String deviceId;
  private final Action action;
  private final Instant issuedAt;
  private final Instant since;
  private final Instant deadline;
  private final Duration timeout;
  private int checks;
  private ActionResult lastSeen;
  private String lastProblem;
  private Instant nextCheckAt;
  private boolean reading;
  private boolean settled;

  /**
   * @param since the earliest start of the action to follow: the request's acceptance, less the
   *     allowed clock skew, so that the reset of a crashed owner is followed too
   */
  Follow(
      UUID requestId,
      String deviceId,
      Action action,
      Instant issuedAt,
      Instant since,
      Duration timeout,
      CheckSchedule schedule,
      Instant now) {
    this.requestId = requestId;
    this.deviceId = deviceId;
    this.action = Action.orDefault(action);
    this.issuedAt = issuedAt;
    this.since = since;
    this.timeout = timeout;
    this.deadline = issuedAt.plus(timeout);
    this.nextCheckAt = earliest(schedule.next(issuedAt, now), deadline);
  }

  UUID requestId() {
    return requestId;
  }

  String deviceId() {
    return deviceId;
  }

  Instant issuedAt() {
    return issuedAt;
  }

  /** True when a read should start now: due, none under way, and not decided yet. */
  boolean due(Instant now) {
    return !reading && !settled && !nextCheckAt.isAfter(now);
  }

  void reading() {
    reading = true;
  }

  boolean settled() {
    return settled;
  }

  /**
   * Applies a read that started at {@code startedAt}: the event once the device has settled (and
   * from then on this follow is decided), or null with the next read scheduled.
   *
   * @param last the read's last Graph call, or null when none was made before its deadline
   * @param device the device, when it was read
   */
  DeviceSettled read(
      GraphCallResult last,
      ManagedDeviceInfo device,
      Instant startedAt,
      Instant now,
      CheckSchedule schedule) {
    reading = false;
    if (last != null) {
      checks++;
    }
    if (device != null) {
      lastProblem = null;
      ActionResult found = device.latestAction(action.graphName(), since).orElse(null);
      lastSeen = found == null ? lastSeen : found;
      SettleState state = found == null ? null : SettleState.ofActionState(found.actionState());
      if (state != null) {
        return settle(state, finalMessage(state, found), now);
      }
    } else if (last != null && last.httpStatus() == 404) {
      return settle(
          SettleState.UNCONFIRMED,
          "the device is no longer in Intune (404), so its "
              + action.graphName()
              + " cannot be confirmed",
          now);
    } else {
      lastProblem =
          last == null
              ? "the last read was not made in time"
              : "the last read failed: " + failure(last);
    }
    if (!startedAt.isBefore(deadline)) {
      return settle(SettleState.UNCONFIRMED, unconfirmedMessage(), now);
    }
    nextCheckAt = earliest(schedule.next(issuedAt, now), deadline);
    return null;
  }

  private String unconfirmedMessage() {
    String seen =
        lastSeen == null
            ? "Graph never showed the " + action.graphName() + " action"
            : "the action was last seen " + lastSeen.actionState();
    String message =
        "no final state within the settle timeout of " + Durations.format(timeout) + ": " + seen;
    return lastProblem == null ? message : message + "; " + lastProblem;
  }

  private static String failure(GraphCallResult last) {
    return last.httpStatus() > 0
        ? "HTTP " + last.httpStatus() + ", " + last.message()
        : last.message();
  }

  private String finalMessage(SettleState state, ActionResult found) {
    String name = action.graphName();
    return switch (state) {
      case DONE -> "the device carried out " + name;
      case FAILED ->
          "the device could not apply "
              + name
              + (found.errorCode() == null ? "" : " (errorCode " + found.errorCode() + ")");
      case NOT_SUPPORTED -> "the device does not support " + name;
      case CANCELED -> name + " was canceled in Intune before the device carried it out";
      case UNCONFIRMED -> "unconfirmed";
    };
  }

  private DeviceSettled settle(SettleState state, String message, Instant now) {
    settled = true;
    Long took = null;
    if (state != SettleState.UNCONFIRMED
        && lastSeen.startDateTime() != null
        && lastSeen.lastUpdatedDateTime() != null
        && !lastSeen.lastUpdatedDateTime().isBefore(lastSeen.startDateTime())) {
      took = Duration.between(lastSeen.startDateTime(), lastSeen.lastUpdatedDateTime()).toSeconds();
    }
    return new DeviceSettled(
        requestId,
        deviceId,
        state,
        lastSeen == null ? null : lastSeen.actionState(),
        lastSeen == null ? null : lastSeen.errorCode(),
        lastSeen == null ? null : lastSeen.startDateTime(),
        lastSeen == null ? null : lastSeen.lastUpdatedDateTime(),
        took,
        issuedAt,
        now,
        checks,
        message,
        action);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
