package dev.intunereset.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.intunereset.contracts.CancelApplied;
import dev.intunereset.contracts.CancelReceived;
import dev.intunereset.contracts.CancelRefusal;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.GraphCallFacts;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestApproved;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestDenied;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.SettleState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Result events for feeding the watch, as the worker writes them. */
final class Events {
  static final UUID ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  static final Instant T0 = Instant.parse("2026-11-23T09:26:53.589Z");

  private Events() {}

  static String device(int n) {
    return String.format("00000000-0000-4000-8000-%012x", n);
  }

  static Transport.Received received(ResultEvent event) {
    try {
      return new Transport.Received(
          event, Json.MAPPER.writerFor(ResultEvent.class).writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Transport.Received accepted(UUID id, int devices) {
    return received(
        new RequestAccepted(
            id,
            devices,
            0,
            devices <= 10 ? Lane.INTERACTIVE : Lane.BULK,
            false,
            false,
            T0,
            T0.plusSeconds(600),
            "helpdesk-agent@contoso.com",
            "INC0012345",
            "servicenow"));
  }

  /** An acceptance of a request that opted out of settlement tracking. */
  static Transport.Received acceptedUntracked(UUID id, int devices) {
    return received(
        ((RequestAccepted) accepted(id, devices).event()).withSettlement(false, Duration.ZERO));
  }

  /** An acceptance whose devices are followed for {@code settleTimeout}, as a tracking worker. */
  static Transport.Received acceptedTracked(UUID id, int devices, Duration settleTimeout) {
    return received(
        ((RequestAccepted) accepted(id, devices).event()).withSettlement(true, settleTimeout));
  }

  static Transport.Received outcome(UUID id, String device, OutcomeStatus status, ReasonCode code) {
    return received(
        DeviceOutcome.of(
                new RequestRef(id, "helpdesk-agent@contoso.com", "INC0012345", "servicenow", T0),
                device,
                status,
                code,
                status + " because " + code,
                T0.plusSeconds(1))
            .withGraph(
                new GraphCallFacts(
                    status == OutcomeStatus.SUCCEEDED ? 204 : null, null, null, null))
            .withAttempts(status == OutcomeStatus.SUCCEEDED ? 1 : 0, null)
            .withOperatingSystem("Android"));
  }

  /** A reset device whose passcode was sealed for a recipient. */
  static Transport.Received sealed(UUID id, int device, String recipient) {
    DeviceOutcome o =
        (DeviceOutcome)
            outcome(id, device(device), OutcomeStatus.SUCCEEDED, ReasonCode.RESET_ISSUED).event();
    return received(
        o.withPasscode(
            new PasscodeOutcome(
                PasscodeStatus.SEALED, recipient, "eyJh.a2V5.aXY.Y2lwaGVy.dGFn", "sealed")));
  }

  static Transport.Received succeeded(UUID id, int device) {
    return outcome(id, device(device), OutcomeStatus.SUCCEEDED, ReasonCode.RESET_ISSUED);
  }

  static Transport.Received completed(
      UUID id, RequestStatus status, int succeeded, int failed, int skipped, int timedOut) {
    int total = succeeded + failed + skipped + timedOut;
    return received(
        new RequestCompleted(
            id,
            status,
            total,
            new RequestCompleted.Counts(succeeded, failed, skipped, timedOut),
            T0,
            T0.plusSeconds(2),
            "helpdesk-agent@contoso.com",
            "INC0012345",
            "servicenow"));
  }

  static Transport.Received rejected(UUID id, String field, String problem) {
    return received(
        new RequestRejected(
            id,
            List.of(new RequestRejected.Problem(field, problem)),
            T0,
            "helpdesk-agent@contoso.com",
            "servicenow"));
  }

  static Transport.Received held(UUID id, int devices) {
    return received(
        new RequestHeld(
            id,
            devices,
            100,
            T0,
            T0.plusSeconds(3600),
            "helpdesk-agent@contoso.com",
            "INC0012345",
            "servicenow"));
  }

  static Transport.Received approved(UUID id, String by) {
    return received(
        new RequestApproved(
            id, by, null, T0.plusSeconds(60), "helpdesk-agent@contoso.com", "INC0012345", null));
  }

  static Transport.Received denied(UUID id, String by) {
    return received(
        new RequestDenied(
            id, by, "not needed", T0.plusSeconds(60), "helpdesk-agent@contoso.com", "INC", null));
  }

  static Transport.Received cancelReceived(UUID id, String by, String reason) {
    return received(new CancelReceived(id, by, reason, T0.plusSeconds(30)));
  }

  static Transport.Received cancelApplied(UUID id, int partition) {
    return received(
        new CancelApplied(
            id,
            List.of(new CancelApplied.TaskPartition("passcode-reset.device-tasks", partition)),
            T0.plusSeconds(31)));
  }

  static Transport.Received canceled(UUID id, String by, String reason, boolean wasHeld) {
    return received(new RequestCanceled(id, by, reason, wasHeld, T0.plusSeconds(32)));
  }

  static Transport.Received cancelRefused(UUID id, String by, CancelRefusal refusal) {
    return received(
        new CancelRefused(id, by, refusal, "refused because " + refusal, T0.plusSeconds(30)));
  }

  /** A device's settlement; Graph's times are given only for a final state. */
  static Transport.Received deviceSettled(
      UUID id, int device, SettleState state, String actionState, Integer errorCode) {
    boolean known = state != SettleState.UNCONFIRMED;
    return received(
        new DeviceSettled(
            id,
            device(device),
            state,
            actionState,
            errorCode,
            known ? T0.plusSeconds(1) : null,
            known ? T0.plusSeconds(43) : null,
            known ? 42L : null,
            T0.plusSeconds(1),
            T0.plusSeconds(60),
            3,
            "Graph shows the action " + actionState));
  }

  static Transport.Received requestSettled(UUID id, boolean tracked, RequestSettled.Counts n) {
    return received(
        new RequestSettled(
            id,
            tracked,
            n.total(),
            n,
            T0,
            T0.plusSeconds(61),
            "helpdesk-agent@contoso.com",
            "INC0012345",
            "servicenow"));
  }
}
