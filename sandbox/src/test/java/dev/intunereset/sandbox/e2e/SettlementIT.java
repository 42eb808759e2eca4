package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.SettleState;
import dev.intunereset.sandbox.graph.CheckIn;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settlement (issue 14) through the real broker, worker and SDK against the simulator over HTTP:
 * each device's {@code checkIn} in the inventory decides how its reset ends on the device, and the
 * worker follows it there. Reads start 200 ms after a reset and back off to one a second.
 */
class SettlementIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(12);
  private static final String DONE = ANDROID.get(0);
  private static final String FAILED = ANDROID.get(1);
  private static final String NOT_SUPPORTED = ANDROID.get(2);
  private static final String CANCELED = ANDROID.get(3);
  private static final String OFFLINE = ANDROID.get(4);
  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    DeviceInventory inventory =
        DeviceInventory.deterministic(40)
            .withCheckIn(
                Map.of(
                    FAILED,
                    CheckIn.FAILED,
                    NOT_SUPPORTED,
                    CheckIn.NOT_SUPPORTED,
                    CANCELED,
                    CheckIn.CANCELED,
                    OFFLINE,
                    CheckIn.OFFLINE,
                    ANDROID.get(7),
                    CheckIn.OFFLINE));
    stack =
        SandboxStack.start(
            new SandboxStack.Options(
                0,
                0,
                0,
                inventory,
                Map.of("SETTLE_FIRST_CHECK", "200ms", "SETTLE_MAX_CHECK_INTERVAL", "1s")));
    stack.startWorker();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static RequestRun settled(UUID id, List<String> devices, String extra) {
    return new RequestRun(stack.bootstrapServers())
        .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, devices, extra))
        .awaitSettled(Set.of(id), TIMEOUT);
  }

  private static Map<String, DeviceSettled> byDevice(RequestRun run, UUID id) {
    return run.settlements(id).stream()
        .collect(Collectors.toMap(DeviceSettled::deviceId, Function.identity()));
  }

  private static long lookups(String deviceId) {
    return stack.simulator().calls().stream()
        .filter(c -> c.operation().equals(RecordedCall.GET_MANAGED_DEVICE))
        .filter(c -> deviceId.equalsIgnoreCase(c.deviceId()))
        .count();
  }

  @Test
  void everyDeviceSettlesOnceInTheFinalStateItsResetReachedOnTheDevice() {
    UUID id = UUID.randomUUID();
    List<String> devices = List.of(DONE, FAILED, NOT_SUPPORTED, CANCELED, OFFLINE);

    RequestRun run = settled(id, devices, "\"settleTimeout\":\"8s\"");

    assertThat(run.settlements(id)).as("one DeviceSettled per device").hasSize(5);
    Map<String, DeviceSettled> settled = byDevice(run, id);
    assertThat(settled.get(DONE).state()).isEqualTo(SettleState.DONE);
    assertThat(settled.get(DONE).actionState()).isEqualTo("done");
    assertThat(settled.get(DONE).tookSeconds()).isNotNull();
    assertThat(settled.get(FAILED).state()).isEqualTo(SettleState.FAILED);
    assertThat(settled.get(FAILED).errorCode()).isNotNull().isNotZero();
    assertThat(settled.get(NOT_SUPPORTED).state()).isEqualTo(SettleState.NOT_SUPPORTED);
    assertThat(settled.get(CANCELED).state()).isEqualTo(SettleState.CANCELED);
    DeviceSettled offline = settled.get(OFFLINE);
    assertThat(offline.state()).isEqualTo(SettleState.UNCONFIRMED);
    assertThat(offline.actionState()).isEqualTo("pending");
    assertThat(offline.message()).contains("8s").contains("last seen pending");
    assertThat(offline.settledAt()).isAfterOrEqualTo(offline.issuedAt().plusSeconds(8));
    for (DeviceSettled d : settled.values()) {
      assertThat(d.startDateTime()).as(d.deviceId()).isNotNull();
      assertThat(d.checks()).as(d.deviceId()).isPositive();
      assertThat(stack.simulator().postCount(d.deviceId())).as(d.deviceId()).isEqualTo(1);
    }
    RequestSettled summary = run.requestSettlements(id).get(0);
    assertThat(run.requestSettlements(id)).hasSize(1);
    assertThat(summary.tracked()).isTrue();
    assertThat(summary.counts()).isEqualTo(new RequestSettled.Counts(1, 1, 1, 1, 1));
    assertThat(summary.devices()).isEqualTo(5);
    assertSettledAfterCompleted(run.events(id));
  }

  /** RequestCompleted still means "every device dispatched"; RequestSettled is the last word. */
  private static void assertSettledAfterCompleted(List<ResultEvent> events) {
    int completed = indexOf(events, RequestCompleted.class);
    int settled = indexOf(events, RequestSettled.class);
    assertThat(completed).as("RequestCompleted in %s", events).isNotNegative();
    assertThat(settled).as("RequestSettled after RequestCompleted").isGreaterThan(completed);
    assertThat(settled)
        .as("RequestSettled is the request's last event")
        .isEqualTo(events.size() - 1);
  }

  private static int indexOf(List<ResultEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aRequestThatOptsOutIsNotFollowedAndSettlesUntrackedAfterItsSummary() {
    String device = ANDROID.get(5);
    UUID id = UUID.randomUUID();
    long lookupsBefore = lookups(device);

    RequestRun run = settled(id, List.of(device), "\"trackSettlement\":false");

    assertThat(run.settlements(id)).isEmpty();
    RequestSettled summary = run.requestSettlements(id).get(0);
    assertThat(summary.tracked()).isFalse();
    assertThat(summary.devices()).isZero();
    assertThat(lookups(device) - lookupsBefore).as("reads of an untracked device").isLessThan(2);
    assertThat(stack.simulator().postCount(device)).isEqualTo(1);
    assertSettledAfterCompleted(run.events(id));
  }

  @Test
  void aRequestWhoseDevicesAllFailedSettlesWithNoDeviceFollowed() {
    UUID id = UUID.randomUUID();
    String unknown = "00000000-0000-4000-8000-0000000000aa";

    RequestRun run = settled(id, List.of(unknown), "");

    assertThat(run.settlements(id)).isEmpty();
    RequestSettled summary = run.requestSettlements(id).get(0);
    assertThat(summary.tracked()).isTrue();
    assertThat(summary.devices()).isZero();
  }

  @Test
  void aWorkerHandingOverMidTrackingLosesNoDeviceAndSettlesNoneTwice() {
    UUID id = UUID.randomUUID();
    List<String> devices = List.of(ANDROID.get(6), ANDROID.get(7), ANDROID.get(8));
    RequestRun run =
        new RequestRun(stack.bootstrapServers())
            .publishAndAwait(
                Set.of(id), TIMEOUT, RequestRun.request(id, devices, "\"settleTimeout\":\"10s\""));
    assertThat(run.outcomes(id)).hasSize(3);

    // The offline device is still followed: a second replica joins and the first one leaves, so
    // the results partitions move while it is tracked.
    Worker first = stack.workers().get(0);
    stack.startWorker();
    first.close();

    run.awaitSettled(Set.of(id), TIMEOUT);
    assertThat(run.settlements(id)).as("one DeviceSettled per device").hasSize(3);
    Map<String, DeviceSettled> settled = byDevice(run, id);
    assertThat(settled.get(ANDROID.get(7)).state()).isEqualTo(SettleState.UNCONFIRMED);
    assertThat(settled.get(ANDROID.get(6)).state()).isEqualTo(SettleState.DONE);
    assertThat(settled.get(ANDROID.get(8)).state()).isEqualTo(SettleState.DONE);
    for (String device : devices) {
      assertThat(stack.simulator().postCount(device)).as(device).isEqualTo(1);
    }
    assertThat(run.requestSettlements(id)).hasSize(1);
    assertThat(run.requestSettlements(id).get(0).counts())
        .isEqualTo(new RequestSettled.Counts(2, 0, 0, 0, 1));
  }
}
