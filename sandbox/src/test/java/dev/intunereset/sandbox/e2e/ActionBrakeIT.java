package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.BrakeEngaged;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.BrakeReleased;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each action has its own fleet brake (issue 16): a mass rotation of BitLocker keys above
 * FLEET_BRAKE_MAX_ROTATIONS holds bulk rotations only: a bulk passcode reset queued behind them
 * sends all its resets and the passcode brake stays released. The release lets the rotations
 * finish, one POST a device.
 */
class ActionBrakeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int LIMIT = 10;
  private static final String ROTATE = "\"action\":\"rotateBitLockerKeys\"";
  private static final String NO_LOOKUP = "\"validateDeviceExists\":false";
  // Every fifth Windows device of the deterministic fleet is too old to rotate: leave those out.
  private static final List<String> ROTATABLE =
      IntStream.range(0, 50)
          .filter(i -> i % 5 != 4)
          .mapToObj(DeviceInventory.firstWindowsIds(50)::get)
          .toList();
  // More than INTERACTIVE_MAX_DEVICES (10), so the passcode request runs in the bulk lane too.
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(16);
  private SandboxStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private int rotations() {
    return ROTATABLE.stream().mapToInt(d -> stack.simulator().rotationCount(d)).sum();
  }

  @Test
  void aRotationBrakeHoldsBulkRotationsWhileABulkPasscodeResetRunsToItsEnd() {
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults()
                .withWorkerEnv(
                    Map.of(
                        "FLEET_BRAKE_MAX_ROTATIONS",
                        Integer.toString(LIMIT),
                        // Above the run's passcode resets, below them and the rotations together.
                        "FLEET_BRAKE_MAX_RESETS",
                        Integer.toString(2 * LIMIT),
                        // Five writes a second: the brake's reaction time costs a few extra calls.
                        "GRAPH_WRITE_BUDGET",
                        "10",
                        "GRAPH_BUDGET_WINDOW",
                        "2s")));
    stack.startWorker();
    UUID rotationId = UUID.randomUUID();
    UUID passcodeId = UUID.randomUUID();

    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(rotationId, ROTATABLE, ROTATE + "," + NO_LOOKUP));
      BrakeEngaged engaged = events.await(BrakeEngaged.class, e -> true, TIMEOUT);
      assertThat(engaged.action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
      assertThat(engaged.maxResets()).isEqualTo(LIMIT);
      assertThat(engaged.resetsInWindow()).isGreaterThan(LIMIT);

      // Queued behind the held rotations, the passcode resets pass them: the gate holds none of
      // their calls.
      events.request(RequestRun.request(passcodeId, ANDROID, NO_LOOKUP));
      awaitUntil(
          events,
          () -> ANDROID.stream().allMatch(d -> stack.simulator().postCount(d) == 1),
          () ->
              "passcode resets sent: "
                  + ANDROID.stream().filter(d -> stack.simulator().postCount(d) > 0).count()
                  + " of "
                  + ANDROID.size());
      int held = ROTATABLE.size() - rotations();
      assertThat(held).as("rotations still held once every passcode reset was sent").isPositive();
      assertThat(events.of(rotationId)).noneMatch(e -> e instanceof RequestCompleted);
      assertThat(events.all(BrakeEngaged.class))
          .as("only the rotation brake engaged")
          .extracting(BrakeEngaged::action)
          .containsExactly(Action.ROTATE_BITLOCKER_KEYS);

      // Each release counts afresh, so the rest of the rotations may engage the brake again:
      // released too, as an operator of an approved incident would.
      Set<UUID> releases = new HashSet<>();
      awaitUntil(
          events,
          () -> {
            for (BrakeEngaged e : events.all(BrakeEngaged.class)) {
              if (releases.add(e.brakeId())) {
                events.control(BrakeRelease.KAFKA_KEY, release(e.brakeId()));
              }
            }
            return events.of(rotationId).stream().anyMatch(e -> e instanceof RequestCompleted);
          },
          () -> "rotations done: " + rotations() + " of " + ROTATABLE.size());
      BrakeReleased released = events.await(BrakeReleased.class, r -> true, TIMEOUT);
      assertThat(released.brakeId()).isEqualTo(engaged.brakeId());
      assertThat(released.action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
      RequestCompleted rotated =
          events.await(RequestCompleted.class, c -> c.requestId().equals(rotationId), TIMEOUT);
      assertThat(rotated.counts().succeeded()).isEqualTo(ROTATABLE.size());
      assertThat(events.of(rotationId))
          .filteredOn(e -> e instanceof DeviceOutcome)
          .hasSize(ROTATABLE.size())
          .allMatch(e -> ((DeviceOutcome) e).status() == OutcomeStatus.SUCCEEDED);
      // Outcomes commit in offset order per partition, so a passcode outcome behind a held
      // rotation is published with it; every passcode device still had exactly one POST.
      RequestCompleted passcodes =
          events.await(RequestCompleted.class, c -> c.requestId().equals(passcodeId), TIMEOUT);
      assertThat(passcodes.counts().succeeded()).isEqualTo(ANDROID.size());
      assertThat(ANDROID).allMatch(d -> stack.simulator().postCount(d) == 1);
      assertThat(events.all(BrakeEngaged.class))
          .as("rotations are not counted for the passcode brake")
          .allMatch(e -> e.action() == Action.ROTATE_BITLOCKER_KEYS);
      assertThat(ROTATABLE).allMatch(d -> stack.simulator().rotationCount(d) == 1);
      assertThat(ROTATABLE).allMatch(d -> stack.simulator().postCount(d) == 0);
    }
  }

  private static String release(UUID brakeId) {
    return "{\"type\":\"BrakeRelease\",\"schemaVersion\":1,\"brakeId\":\""
        + brakeId
        + "\",\"releasedBy\":\"oncall-sre@contoso.com\",\"reason\":\"SIR-7: approved\"}";
  }

  /** Polls the results while waiting for {@code done}; fails with {@code state} after TIMEOUT. */
  private static void awaitUntil(GuardEvents events, BooleanSupplier done, Supplier<String> state) {
    long until = System.nanoTime() + TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s; %s", TIMEOUT, state.get()).isLessThan(until);
      events.pollFor(Duration.ofMillis(200));
    }
  }
}
