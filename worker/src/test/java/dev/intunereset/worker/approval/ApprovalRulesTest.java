package dev.intunereset.worker.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.ApprovalDecision;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.approval.ApprovalRules.Ruling;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {
  private static final Instant HELD_AT = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant NOW = HELD_AT.plusSeconds(60);
  private static final UUID ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

  private final HeldRequest held =
      HeldRequest.of(
          ID,
          5000,
          "Alice@contoso.com",
          "INC1: lost laptops",
          "soar",
          "{}".getBytes(StandardCharsets.UTF_8),
          HELD_AT,
          HELD_AT.plus(Duration.ofHours(4)),
          null);

  private static Approval approval(ApprovalDecision decision, String approver, String comment) {
    return new Approval(1, ID, decision, approver, comment);
  }

  @Test
  void anApprovalBySomeoneElseRunsTheRequest() {
    Ruling ruling =
        ApprovalRules.decide(
            approval(ApprovalDecision.APPROVE, "bob@contoso.com", "checked"), held, "", NOW);

    assertThat(ruling).isInstanceOf(Ruling.Approved.class);
    Ruling.Approved approved = (Ruling.Approved) ruling;
    assertThat(approved.event().requestId()).isEqualTo(ID);
    assertThat(approved.event().approvedBy()).isEqualTo("bob@contoso.com");
    assertThat(approved.event().requestedBy()).isEqualTo("Alice@contoso.com");
    assertThat(approved.why()).isEqualTo("approved by bob@contoso.com");
  }

  @Test
  void theRequesterCannotApproveTheirOwnRequestWhateverTheCase() {
    Ruling ruling =
        ApprovalRules.decide(
            approval(ApprovalDecision.APPROVE, "alice@CONTOSO.com", null), held, "", NOW);

    assertThat(ruling)
        .isEqualTo(
            new Ruling.Refused(
                "SELF_APPROVAL",
                "approver: Alice@contoso.com asked for request "
                    + ID
                    + " and may not approve it (two-person rule); it stays held until someone else"
                    + " decides"));
  }

  @Test
  void aDenialEndsTheRequestNamingWhoAndWhy() {
    Ruling ruling =
        ApprovalRules.decide(
            approval(ApprovalDecision.DENY, "bob@contoso.com", "wrong group"), held, "", NOW);

    assertThat(ruling).isInstanceOf(Ruling.Denied.class);
    assertThat(((Ruling.Denied) ruling).why()).isEqualTo("denied by bob@contoso.com: wrong group");
    assertThat(((Ruling.Denied) ruling).event().deniedAt()).isEqualTo(NOW);
  }

  @Test
  void theRequesterMayWithdrawTheirOwnRequest() {
    Ruling ruling =
        ApprovalRules.decide(
            approval(ApprovalDecision.DENY, "alice@contoso.com", null), held, "", NOW);

    assertThat(((Ruling.Denied) ruling).why()).isEqualTo("withdrawn by alice@contoso.com");
  }

  @Test
  void aDecisionOnARequestThatIsNotHeldIsRefusedSayingWhatBecameOfIt() {
    Ruling ruling =
        ApprovalRules.decide(
            approval(ApprovalDecision.APPROVE, "bob@contoso.com", null),
            null,
            "request " + ID + " was already accepted",
            NOW);

    assertThat(ruling)
        .isEqualTo(
            new Ruling.Refused(
                "NOT_HELD",
                "requestId: request " + ID + " was already accepted; there is nothing to decide"));
  }

  @Test
  void aHoldExpiresAtItsDeadlineNotBefore() {
    assertThat(ApprovalRules.expired(held, HELD_AT.plus(Duration.ofHours(4)).minusMillis(1)))
        .isFalse();
    assertThat(ApprovalRules.expired(held, HELD_AT.plus(Duration.ofHours(4)))).isTrue();
  }

  @Test
  void anExpiryNamesHowLongTheRequestWaited() {
    ApprovalRules.Expiry expiry = ApprovalRules.expire(held, HELD_AT.plus(Duration.ofHours(4)));

    assertThat(expiry.why()).isEqualTo("not approved within 4h (held at " + HELD_AT + ")");
    assertThat(expiry.event().heldAt()).isEqualTo(HELD_AT);
  }

  @Test
  void anEndedHoldIsRejectedOnTheApprovalField() {
    RequestRejected rejected = ApprovalRules.ended(held, "denied by bob", NOW);

    assertThat(rejected.problems())
        .containsExactly(new RequestRejected.Problem("approval", "denied by bob"));
    assertThat(rejected.requestedBy()).isEqualTo("Alice@contoso.com");
  }

  @Test
  void theHoldAnnouncementCarriesTheThresholdItExceeded() {
    RequestHeld event = ApprovalRules.held(held, 1000, Action.ROTATE_BITLOCKER_KEYS);

    assertThat(event.deviceCount()).isEqualTo(5000);
    assertThat(event.approvalThreshold()).isEqualTo(1000);
    assertThat(event.expiresAt()).isEqualTo(HELD_AT.plus(Duration.ofHours(4)));
    assertThat(event.action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
  }
}
