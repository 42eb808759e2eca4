package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.CancelApplied;
import dev.intunereset.contracts.CancelReceived;
import dev.intunereset.contracts.CancelRefusal;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancelling one request through the approvals topic, against a real broker, the real worker and
 * the simulator over HTTP: a held request ends at once; a running one stops sending resets before
 * its cancel is announced, and every device still gets exactly one outcome; anything else is
 * answered. A stack of its own, with a write budget slow enough to cancel a request mid-way.
 */
class CancelIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(5_100);
  private static final String LEAD = "soc-lead@contoso.com";
  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults()
                .withWorkerEnv(
                    Map.of(
                        "MASS_RESET_APPROVAL_THRESHOLD", "5",
                        // 50 resets/s: 5,000 devices take about 100 s, long enough to cancel.
                        "GRAPH_WRITE_BUDGET", "100",
                        "GRAPH_BUDGET_WINDOW", "2s")));
    stack.simulator().behavior(SimulatorBehavior.builder().latency(Duration.ofMillis(20)).build());
    stack.startWorker();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static List<RecordedCall> posts(Set<String> devices) {
    return stack.simulator().calls().stream()
        .filter(c -> RecordedCall.RESET_PASSCODE.equals(c.operation()))
        .filter(c -> c.deviceId() != null && devices.contains(c.deviceId().toLowerCase()))
        .toList();
  }

  private static long calls(Set<String> devices) {
    return stack.simulator().calls().stream()
        .filter(c -> c.deviceId() != null && devices.contains(c.deviceId().toLowerCase()))
        .count();
  }

  private static Set<String> lower(List<String> devices) {
    return devices.stream().map(String::toLowerCase).collect(Collectors.toSet());
  }

  @Test
  void aRunningRequestCanceledMidWaySendsNoResetOnceTheCancelIsAnnounced() {
    UUID id = UUID.randomUUID();
    List<String> devices = ANDROID.subList(0, 5_000);
    Set<String> ids = lower(devices);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(id, devices, ""));
      events.await(RequestAccepted.class, a -> a.requestId().equals(id), TIMEOUT);
      events.awaitAtLeast(DeviceOutcome.class, o -> o.requestId().equals(id), 100, TIMEOUT);

      events.control(id.toString(), GuardEvents.cancel(id, LEAD));
      RequestCanceled canceled =
          events.await(RequestCanceled.class, c -> c.requestId().equals(id), TIMEOUT);
      int postsWhenAnnounced = posts(ids).size();
      RequestCompleted completed =
          events.await(RequestCompleted.class, c -> c.requestId().equals(id), TIMEOUT);

      assertThat(canceled.wasHeld()).isFalse();
      assertThat(canceled.canceledBy()).isEqualTo(LEAD);
      Instant lastPost =
          posts(ids).stream().map(RecordedCall::at).max(Instant::compareTo).orElseThrow();
      assertThat(lastPost)
          .as("no reset sent after the cancel was announced")
          .isBefore(canceled.canceledAt());
      assertThat(posts(ids)).as("no reset after the announcement").hasSize(postsWhenAnnounced);

      List<DeviceOutcome> outcomes =
          events.of(id).stream()
              .filter(DeviceOutcome.class::isInstance)
              .map(DeviceOutcome.class::cast)
              .toList();
      assertThat(outcomes).as("one outcome per device").hasSize(5_000);
      assertThat(outcomes.stream().map(o -> o.deviceId().toLowerCase()).collect(Collectors.toSet()))
          .isEqualTo(ids);
      long succeeded = outcomes.stream().filter(o -> o.status() == OutcomeStatus.SUCCEEDED).count();
      long canceledDevices =
          outcomes.stream().filter(o -> o.reasonCode() == ReasonCode.REQUEST_CANCELED).count();
      assertThat(succeeded).as("reset before the cancel").isGreaterThanOrEqualTo(100);
      assertThat(canceledDevices).as("skipped because of the cancel").isPositive();
      assertThat(posts(ids))
          .as("each reset device was sent exactly one reset, and no other device any")
          .hasSize((int) succeeded);
      assertThat(new HashSet<>(posts(ids).stream().map(c -> c.deviceId().toLowerCase()).toList()))
          .hasSize((int) succeeded);

      assertThat(completed.status()).isEqualTo(RequestStatus.CANCELED);
      assertThat(completed.counts().total()).isEqualTo(5_000);
      assertThat(completed.counts().succeeded()).isEqualTo((int) succeeded);
      List<ResultEvent> all = events.of(id);
      assertThat(indexOf(all, CancelReceived.class))
          .isLessThan(indexOf(all, RequestCanceled.class));
      assertThat(all.stream().filter(CancelApplied.class::isInstance)).isNotEmpty();

      events.control(id.toString(), GuardEvents.cancel(id, "someone-else@contoso.com"));
      CancelRefused again =
          events.await(CancelRefused.class, r -> r.requestId().equals(id), TIMEOUT);
      assertThat(again.refusal()).isEqualTo(CancelRefusal.ALREADY_CANCELED);
    }
  }

  @Test
  void aHeldRequestCanceledEndsAtOnceWithoutTouchingAnyDevice() {
    UUID id = UUID.randomUUID();
    List<String> devices = ANDROID.subList(5_000, 5_008);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(id, devices, "", "it-untrusted"));
      events.await(RequestHeld.class, h -> h.requestId().equals(id), TIMEOUT);

      events.control(id.toString(), GuardEvents.cancel(id, LEAD));
      RequestCanceled canceled =
          events.await(RequestCanceled.class, c -> c.requestId().equals(id), TIMEOUT);
      RequestRejected rejected =
          events.await(RequestRejected.class, r -> r.requestId().equals(id), TIMEOUT);

      assertThat(canceled.wasHeld()).isTrue();
      assertThat(rejected.problems().get(0).problem()).contains("canceled by " + LEAD);

      // Too late to approve it now: there is nothing left to decide.
      String approval = GuardEvents.approval(id, "APPROVE", "approver@contoso.com");
      events.control(id.toString(), approval);
      ConsumerRecord<byte[], byte[]> refused =
          events.awaitDeadLetter(approval, Duration.ofSeconds(60));
      assertThat(GuardEvents.reason(refused)).isEqualTo("NOT_HELD");

      events.control(id.toString(), GuardEvents.cancel(id, LEAD));
      CancelRefused again =
          events.await(CancelRefused.class, r -> r.requestId().equals(id), TIMEOUT);
      assertThat(again.refusal()).isEqualTo(CancelRefusal.ALREADY_FINISHED);
      assertThat(events.of(id)).noneMatch(RequestAccepted.class::isInstance);
      assertThat(calls(lower(devices))).as("nothing touched").isZero();
    }
  }

  @Test
  void cancelsOfUnknownOrFinishedRequestsAreAnsweredNotIgnored() {
    UUID unknown = UUID.randomUUID();
    UUID finished = UUID.randomUUID();
    try (GuardEvents events = new GuardEvents(stack)) {
      events.control(unknown.toString(), GuardEvents.cancel(unknown, LEAD));
      CancelRefused refusedUnknown =
          events.await(CancelRefused.class, r -> r.requestId().equals(unknown), TIMEOUT);
      assertThat(refusedUnknown.refusal()).isEqualTo(CancelRefusal.UNKNOWN_REQUEST);
      assertThat(refusedUnknown.canceledBy()).isEqualTo(LEAD);

      events.request(RequestRun.request(finished, ANDROID.subList(5_010, 5_012), ""));
      RequestCompleted completed =
          events.await(RequestCompleted.class, c -> c.requestId().equals(finished), TIMEOUT);
      events.control(finished.toString(), GuardEvents.cancel(finished, LEAD));
      CancelRefused refusedFinished =
          events.await(CancelRefused.class, r -> r.requestId().equals(finished), TIMEOUT);

      assertThat(refusedFinished.refusal()).isEqualTo(CancelRefusal.ALREADY_FINISHED);
      assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);
      assertThat(events.of(finished)).noneMatch(RequestCanceled.class::isInstance);
    }
  }

  @Test
  void aCancelWithoutWhoCancelsIsDeadLettered() {
    UUID id = UUID.randomUUID();
    String blank = GuardEvents.cancel(id, " ");
    try (GuardEvents events = new GuardEvents(stack)) {
      events.control(id.toString(), blank);
      ConsumerRecord<byte[], byte[]> dead = events.awaitDeadLetter(blank, Duration.ofSeconds(60));
      assertThat(GuardEvents.reason(dead)).isEqualTo("INVALID_CONTROL_MESSAGE");
      assertThat(events.of(id)).isEmpty();
    }
  }

  private static int indexOf(List<ResultEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
