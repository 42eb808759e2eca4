package dev.intunereset.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.RequestParser;
import dev.intunereset.contracts.ResetRequest;
import dev.intunereset.sandbox.chaos.ChaosRequest.Dispatch;
import dev.intunereset.sandbox.graph.DeviceInventory;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {
  private static List<ChaosRequest> of(ChaosPlan plan, Action action) {
    return plan.requests().stream().filter(r -> r.action() == action).toList();
  }

  private static Set<Dispatch> dispatches(List<ChaosRequest> requests) {
    Set<Dispatch> paths = EnumSet.noneOf(Dispatch.class);
    requests.forEach(r -> paths.add(r.dispatch()));
    return paths;
  }

  @Test
  void theShortRunRotatesAQuarterOfItsDevicesThroughEveryDispatchPathBesidesThePasscodeResets() {
    ChaosPlan plan = ChaosPlan.of(7, 500);

    assertThat(plan.rotations()).isEqualTo(125);
    List<ChaosRequest> rotations = of(plan, Action.ROTATE_BITLOCKER_KEYS);
    List<ChaosRequest> resets = of(plan, Action.RESET_PASSCODE);
    assertThat(rotations).hasSize(3);
    assertThat(rotations.stream().mapToInt(r -> r.devices().size()).sum()).isEqualTo(125);
    assertThat(resets.stream().mapToInt(r -> r.devices().size()).sum()).isEqualTo(375);
    assertThat(resets).allMatch(r -> r.devices().size() <= 100);
    assertThat(dispatches(rotations)).containsExactlyInAnyOrder(Dispatch.values());
    assertThat(dispatches(resets)).containsExactlyInAnyOrder(Dispatch.values());
  }

  @Test
  void rotationsGoToWindowsDevicesAndResetsToResettableAndroidOnesEachDeviceInOneRequest() {
    ChaosPlan plan = ChaosPlan.of(7, 5000);
    Set<String> windows = new HashSet<>(DeviceInventory.firstWindowsIds(plan.rotations()));
    Set<String> android = new HashSet<>(DeviceInventory.firstResettableAndroidIds(5000));
    Set<String> seen = new HashSet<>();

    for (ChaosRequest r : plan.requests()) {
      assertThat(r.devices().size()).isBetween(1, ChaosPlan.DEVICES_PER_REQUEST);
      Predicate<String> platform =
          r.action() == Action.ROTATE_BITLOCKER_KEYS ? windows::contains : android::contains;
      assertThat(r.devices()).allMatch(platform);
      assertThat(r.devices()).allMatch(seen::add);
    }
    assertThat(seen).hasSize(5000);
    assertThat(of(plan, Action.ROTATE_BITLOCKER_KEYS)).hasSize(13);
  }

  @Test
  void theInventoryHoldsEveryWindowsDeviceOfALargeRun() {
    ChaosPlan plan = ChaosPlan.of(1, 12_000);
    List<String> windows = DeviceInventory.firstWindowsIds(plan.rotations());
    String last = windows.get(windows.size() - 1);

    DeviceInventory inventory = DeviceInventory.deterministic(plan.inventorySize());

    assertThat(inventory.contains(last)).as("the last Windows device " + last).isTrue();
    assertThat(ChaosPlan.of(1, 500).inventorySize()).isEqualTo(DeviceInventory.DEFAULT_SIZE);
  }

  @Test
  void rotationRequestsAreSpreadAmongThePasscodeOnesSoKillsFallOnBoth() {
    List<Action> order =
        ChaosPlan.of(3, 500).requests().stream().map(ChaosRequest::action).toList();

    assertThat(order)
        .containsExactly(
            Action.RESET_PASSCODE,
            Action.ROTATE_BITLOCKER_KEYS,
            Action.RESET_PASSCODE,
            Action.ROTATE_BITLOCKER_KEYS,
            Action.RESET_PASSCODE,
            Action.ROTATE_BITLOCKER_KEYS,
            Action.RESET_PASSCODE);
  }

  @Test
  void everyRequestParsesAsTheContractReadsItWithItsActionDevicesAndDispatchPath() {
    for (ChaosRequest r : ChaosPlan.of(5, 500).requests()) {
      RequestParser.Result result = RequestParser.parse(r.json().getBytes(StandardCharsets.UTF_8));

      assertThat(result).as(r.json()).isInstanceOf(RequestParser.Parsed.class);
      ResetRequest parsed = ((RequestParser.Parsed) result).request();
      assertThat(parsed.requestId()).isEqualTo(r.id());
      assertThat(Action.orDefault(parsed.action())).isEqualTo(r.action());
      assertThat(parsed.deviceIds()).isEqualTo(r.devices());
      assertThat(parsed.validateDeviceExists()).isEqualTo(r.dispatch() != Dispatch.NO_LOOKUP);
      assertThat(parsed.ignorePartialFailures()).isEqualTo(r.dispatch() != Dispatch.ALL_OR_NOTHING);
      assertThat(parsed.source()).isEqualTo("chaos");
    }
  }

  @Test
  void onlyARotationRequestNamesItsActionAndTheSameSeedGivesTheSameIds() {
    ChaosPlan plan = ChaosPlan.of(9, 300);

    for (ChaosRequest r : plan.requests()) {
      assertThat(r.json().contains("\"action\":\"rotateBitLockerKeys\""))
          .isEqualTo(r.action() == Action.ROTATE_BITLOCKER_KEYS);
      assertThat(r.json()).doesNotContain("resetPasscode");
    }
    assertThat(ChaosPlan.of(9, 300).requests()).isEqualTo(plan.requests());
  }

  @Test
  void aRunTooSmallToShareOutHasNoRotation() {
    ChaosPlan plan = ChaosPlan.of(1, 3);

    assertThat(plan.rotations()).isZero();
    assertThat(plan.requests())
        .singleElement()
        .extracting(ChaosRequest::action)
        .isEqualTo(Action.RESET_PASSCODE);
  }
}
