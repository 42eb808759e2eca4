package dev.intunereset.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.worker.delivery.PasscodeOutcomes.Reading;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PasscodeOutcomesTest {
  private static final String RECIPIENT = "servicenow";

  @Test
  void aDoneActionWithAPasscodeIsSealed() {
    assertThat(PasscodeOutcomes.read(RECIPIENT, "done", null, true)).isEqualTo(new Reading.Seal());
  }

  @Test
  void aFailedActionEndsWithItsErrorCodeAndNoPasscode() {
    Reading reading = PasscodeOutcomes.read(RECIPIENT, "Failed", 12, false);

    assertThat(reading).isInstanceOf(Reading.Final.class);
    PasscodeOutcome outcome = ((Reading.Final) reading).outcome();
    assertThat(outcome.status()).isEqualTo(PasscodeStatus.ACTION_FAILED);
    assertThat(outcome.message()).contains("errorCode 12");
    assertThat(outcome.jwe()).isNull();
  }

  @Test
  void aCanceledOrUnsupportedActionIsFinalTooNotReadAgainUntilTheTimeout() {
    for (String state : new String[] {"canceled", "notSupported"}) {
      Reading reading = PasscodeOutcomes.read(RECIPIENT, state, null, false);

      assertThat(reading).as(state).isInstanceOf(Reading.Final.class);
      PasscodeOutcome outcome = ((Reading.Final) reading).outcome();
      assertThat(outcome.status()).isEqualTo(PasscodeStatus.ACTION_FAILED);
      assertThat(outcome.message()).contains(state);
    }
  }

  @Test
  void aDoneActionWithoutAPasscodeMeansThePlatformRemovedIt() {
    Reading reading = PasscodeOutcomes.read(RECIPIENT, "done", null, false);

    assertThat(((Reading.Final) reading).outcome().status()).isEqualTo(PasscodeStatus.NONE_ISSUED);
  }

  @Test
  void aPendingOrMissingActionIsReadAgain() {
    assertThat(PasscodeOutcomes.read(RECIPIENT, "pending", null, false))
        .isEqualTo(new Reading.Pending());
    assertThat(PasscodeOutcomes.read(RECIPIENT, "", null, false)).isEqualTo(new Reading.Pending());
  }

  @Test
  void withoutDeliveryThePasscodeIsInTheAdminCenterUnlessThePlatformRemovesIt() {
    assertThat(PasscodeOutcomes.withoutDelivery(false).status())
        .isEqualTo(PasscodeStatus.NOT_REQUESTED);
    assertThat(PasscodeOutcomes.withoutDelivery(true).status())
        .isEqualTo(PasscodeStatus.NONE_ISSUED);
  }

  @Test
  void aResetFoundDuringValidationIsNotReadBackForItsRecipient() {
    PasscodeOutcome outcome = PasscodeOutcomes.notReadBack(RECIPIENT, false);

    assertThat(outcome.status()).isEqualTo(PasscodeStatus.NOT_RETRIEVED);
    assertThat(outcome.recipient()).isEqualTo(RECIPIENT);
    assertThat(PasscodeOutcomes.notReadBack(null, false).status())
        .isEqualTo(PasscodeStatus.NOT_REQUESTED);
  }

  @Test
  void aTimeoutNamesHowLongItWaited() {
    assertThat(PasscodeOutcomes.timedOut(RECIPIENT, Duration.ofMinutes(5)).message())
        .startsWith("Graph did not show the new passcode within PT5M");
  }
}
