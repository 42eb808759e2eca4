package dev.intunereset.cli;

import static dev.intunereset.cli.Events.ID;
import static dev.intunereset.cli.Events.T0;
import static dev.intunereset.cli.Events.accepted;
import static dev.intunereset.cli.Events.completed;
import static dev.intunereset.cli.Events.device;
import static dev.intunereset.cli.Events.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.contracts.RequestStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code watch} tells people about a request's action: named unless it is a passcode reset.
 */
class WatchActionTest {
  private final FakeTransport transport = new FakeTransport();
  private final CliRunner cli = new CliRunner(transport);

  private List<String> watch() {
    assertThat(cli.run("watch", ID.toString())).as(cli.err()).isEqualTo(ExitCodes.OK);
    return cli.out().lines().toList();
  }

  private static Transport.Received acceptedRotation(int devices) {
    return received(
        ((RequestAccepted) accepted(ID, devices).event()).withAction(Action.ROTATE_BITLOCKER_KEYS));
  }

  private static Transport.Received rotated(int device, PasscodeOutcome passcode) {
    DeviceOutcome o =
        DeviceOutcome.of(
                new RequestRef(ID, "helpdesk-agent@contoso.com", "INC0012345", "servicenow", T0)
                    .withAction(Action.ROTATE_BITLOCKER_KEYS),
                device(device),
                OutcomeStatus.SUCCEEDED,
                ReasonCode.RESET_ISSUED,
                "Graph accepted the BitLocker key rotation",
                T0.plusSeconds(1))
            .withAttempts(1, null)
            .withOperatingSystem("Windows");
    return received(passcode == null ? o : o.withPasscode(passcode));
  }

  @Test
  void theAcceptedLineNamesAKeyRotationAndItsOutcomesHaveNoPasscodePart() {
    transport.then(
        acceptedRotation(2),
        rotated(19, null),
        // A rotation sets no passcode; a line must not suggest one even if an event said so.
        rotated(39, new PasscodeOutcome(PasscodeStatus.NOT_REQUESTED, null, null, "x")),
        completed(ID, RequestStatus.COMPLETED, 2, 0, 0, 0));

    assertThat(watch())
        .containsExactly(
            "accepted: 2 devices, rotateBitLockerKeys, lane INTERACTIVE, deadline"
                + " 2026-11-23T09:36:53.589Z, all or nothing",
            "[1/2] "
                + device(19)
                + "  SUCCEEDED  RESET_ISSUED          Graph accepted the BitLocker key rotation",
            "[2/2] "
                + device(39)
                + "  SUCCEEDED  RESET_ISSUED          Graph accepted the BitLocker key rotation",
            "completed: COMPLETED - succeeded 2, failed 0, skipped 0, timed out 0");
  }

  @Test
  void aPasscodeResetNamedExplicitlyReadsAsOneThatNamesNoAction() {
    RequestAccepted plain = (RequestAccepted) accepted(ID, 3).event();

    assertThat(HumanOutput.accepted(plain.withAction(Action.RESET_PASSCODE)))
        .isEqualTo(HumanOutput.accepted(plain))
        .isEqualTo(
            "accepted: 3 devices, lane INTERACTIVE, deadline 2026-11-23T09:36:53.589Z, all or"
                + " nothing");
  }

  @Test
  void aHeldRotationNamesItsAction() {
    RequestHeld held =
        new RequestHeld(
            ID,
            150,
            100,
            T0,
            T0.plusSeconds(3600),
            "soc-analyst@contoso.com",
            "SIR-1",
            "it",
            Action.ROTATE_BITLOCKER_KEYS);

    assertThat(HumanOutput.held(held))
        .startsWith("held for approval: 150 devices (rotateBitLockerKeys) is over the threshold");
  }
}
