package dev.intunereset.worker.approval;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.ApprovalDecision;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.RequestApproved;
import dev.intunereset.contracts.RequestDenied;
import dev.intunereset.contracts.RequestExpired;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRejected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The two-person rule for large requests, free of Kafka: what holding a request announces, what an
 * approval or denial does to a held request, and when a hold expires. The intake stage applies
 * these rulings to its state and writes what they announce.
 */
public final class ApprovalRules {
  private ApprovalRules() {}

  /** What a decision on a held request comes to. */
  public sealed interface Ruling {
    /** Not acted on; the message is dead-lettered and the request (if any) stays as it was. */
    record Refused(String dlqReason, String message) implements Ruling {}

    /** Denied (or withdrawn by the requester): the request ends without running. */
    record Denied(RequestDenied event, String why) implements Ruling {}

    /** Approved by someone other than the requester: the request runs. */
    record Approved(RequestApproved event, String why) implements Ruling {}
  }

  /** An expired hold: its event and the reason the request is rejected with. */
  public record Expiry(RequestExpired event, String why) {}

  /** The event announcing a hold of a request for {@code action}. */
  public static RequestHeld held(HeldRequest held, int threshold, Action action) {
    return new RequestHeld(
        held.requestId(),
        held.deviceCount(),
        threshold,
        held.heldAt(),
        held.expiresAt(),
        held.requestedBy(),
        held.reason(),
        held.source(),
        action);
  }

  /**
   * Rules on {@code approval}. {@code held} is null when its request is not waiting for approval;
   * {@code whatBecameOfIt} then says why (never received, already accepted, or ended).
   */
  public static Ruling decide(
      Approval approval, HeldRequest held, String whatBecameOfIt, Instant now) {
    if (held == null) {
      return new Ruling.Refused(
          "NOT_HELD", "requestId: " + whatBecameOfIt + "; there is nothing to decide");
    }
    boolean byRequester =
        approval
            .approver()
            .toLowerCase(Locale.ROOT)
            .equals(held.requestedBy().toLowerCase(Locale.ROOT));
    String by = approval.approver();
    String note = approval.comment();
    UUID id = held.requestId();
    String requester = held.requestedBy();
    String reason = held.reason();
    String source = held.source();
    if (approval.decision() == ApprovalDecision.DENY) {
      String why = (byRequester ? "withdrawn by " : "denied by ") + by;
      return new Ruling.Denied(
          new RequestDenied(id, by, note, now, requester, reason, source),
          note == null ? why : why + ": " + note);
    }
    if (byRequester) {
      return new Ruling.Refused(
          "SELF_APPROVAL",
          "approver: "
              + requester
              + " asked for request "
              + id
              + " and may not approve it (two-person rule); it stays held until someone else"
              + " decides");
    }
    return new Ruling.Approved(
        new RequestApproved(id, by, note, now, requester, reason, source), "approved by " + by);
  }

  /** Whether the hold is over at {@code now}: an approval counts only before {@code expiresAt}. */
  public static boolean expired(HeldRequest held, Instant now) {
    return !held.expiresAt().isAfter(now);
  }

  public static Expiry expire(HeldRequest held, Instant now) {
    return new Expiry(
        new RequestExpired(
            held.requestId(), held.heldAt(), now, held.requestedBy(), held.reason(), held.source()),
        "not approved within "
            + Durations.format(Duration.between(held.heldAt(), held.expiresAt()))
            + " (held at "
            + held.heldAt()
            + ")");
  }

  /** How a held request that does not run is answered: rejected, naming why. */
  public static RequestRejected ended(HeldRequest held, String why, Instant now) {
    return new RequestRejected(
        held.requestId(),
        List.of(new RequestRejected.Problem("approval", why)),
        now,
        held.requestedBy(),
        held.source());
  }
}
