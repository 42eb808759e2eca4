package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.BrakeEngaged;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.BrakeReleased;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet-wide brake: more resets in the window than FLEET_BRAKE_MAX_RESETS hold bulk work (no
 * task fails or is lost, a one-device ticket still goes through, a restarted worker stays braked)
 * until an operator's BrakeRelease naming the engagement lets it finish.
 */
class FleetBrakeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int LIMIT = 20;
  private static final int BULK = 36;
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(100);
  private SandboxStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private int posts(List<String> devices) {
    return devices.stream().mapToInt(d -> stack.simulator().postCount(d)).sum();
  }

  private static String release(UUID brakeId, String by) {
    return "{\"type\":\"BrakeRelease\",\"schemaVersion\":1,\"brakeId\":\""
        + brakeId
        + "\",\"releasedBy\":\""
        + by
        + "\",\"reason\":\"SIR-1: approved fleet-wide reset\"}";
  }

  @Test
  void theBrakeHoldsBulkWorkUntilReleasedWhileTicketsGoOn() {
    Map<String, String> env = new HashMap<>();
    env.put("FLEET_BRAKE_MAX_RESETS", Integer.toString(LIMIT));
    // About 10 resets a second, so that the brake's reaction time costs only a few extra resets.
    env.put("GRAPH_WRITE_BUDGET", "20");
    env.put("GRAPH_BUDGET_WINDOW", "2s");
    stack = SandboxStack.start(SandboxStack.Options.defaults().withWorkerEnv(env));
    Worker worker = stack.startWorker();
    List<String> bulk = ANDROID.subList(0, BULK);
    String ticketDevice = ANDROID.get(50);
    UUID bulkId = UUID.randomUUID();
    UUID ticketId = UUID.randomUUID();

    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(bulkId, bulk, "\"validateDeviceExists\":false"));

      BrakeEngaged engaged = events.await(BrakeEngaged.class, e -> true, TIMEOUT);
      assertThat(engaged.resetsInWindow()).isGreaterThan(LIMIT);
      assertThat(engaged.maxResets()).isEqualTo(LIMIT);
      assertThat(engaged.windowSeconds()).isEqualTo(600);
      events.pollFor(Duration.ofSeconds(2));
      int atEngagement = posts(bulk);
      assertThat(atEngagement).as("bulk work stopped early").isLessThan(BULK);

      // Tickets are not braked.
      events.request(RequestRun.request(ticketId, List.of(ticketDevice), ""));
      RequestCompleted ticket =
          events.await(RequestCompleted.class, c -> c.requestId().equals(ticketId), TIMEOUT);
      assertThat(ticket.counts().succeeded()).isEqualTo(1);

      // A restarted worker reads the brake back and stays braked.
      worker.close();
      stack.startWorker("brake-it-restarted", Map.of());
      events.pollFor(Duration.ofSeconds(5));
      assertThat(posts(bulk)).as("held through the restart").isEqualTo(atEngagement);

      // A release that names another engagement is refused.
      String stale = release(UUID.randomUUID(), "oncall-sre@contoso.com");
      events.control(BrakeRelease.KAFKA_KEY, stale);
      assertThat(GuardEvents.reason(events.awaitDeadLetter(stale, TIMEOUT)))
          .isEqualTo("BRAKE_NOT_ENGAGED");
      assertThat(posts(bulk)).isEqualTo(atEngagement);
      assertThat(events.of(bulkId))
          .filteredOn(e -> e instanceof DeviceOutcome)
          .as("nothing failed while held")
          .allMatch(e -> ((DeviceOutcome) e).status() == OutcomeStatus.SUCCEEDED);

      events.control(BrakeRelease.KAFKA_KEY, release(engaged.brakeId(), "oncall-sre@contoso.com"));

      BrakeReleased released = events.await(BrakeReleased.class, r -> true, TIMEOUT);
      assertThat(released.brakeId()).isEqualTo(engaged.brakeId());
      assertThat(released.releasedBy()).isEqualTo("oncall-sre@contoso.com");
      RequestCompleted done =
          events.await(RequestCompleted.class, c -> c.requestId().equals(bulkId), TIMEOUT);
      assertThat(done.counts().succeeded()).isEqualTo(BULK);
      // Outcomes are committed in offset order, so a device reset just before the brake, behind a
      // held task of its partition, is published only after the release; the restart in between
      // made a new owner find those resets in Graph: ALREADY_RESET, still one POST per device.
      assertThat(events.of(bulkId))
          .filteredOn(e -> e instanceof DeviceOutcome)
          .hasSize(BULK)
          .allMatch(e -> ((DeviceOutcome) e).status() == OutcomeStatus.SUCCEEDED)
          .allMatch(
              e ->
                  ((DeviceOutcome) e).reasonCode() == ReasonCode.RESET_ISSUED
                      || ((DeviceOutcome) e).reasonCode() == ReasonCode.ALREADY_RESET);
      assertThat(bulk).allMatch(d -> stack.simulator().postCount(d) == 1);
      assertThat(events.all(BrakeEngaged.class)).as("engaged once").hasSize(1);
    }
  }
}
