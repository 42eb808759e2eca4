package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestApproved;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestDenied;
import dev.intunereset.contracts.RequestExpired;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mass-reset approval, the two-person rule: a request above the threshold from an untrusted source
 * is held, untouched, until someone other than the requester approves it on the approvals topic; a
 * denial or the approval timeout rejects it. A stack of its own, for a small threshold and a short
 * approval timeout.
 */
class ApprovalIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(400);
  private static final String UNTRUSTED = "it-untrusted";
  private static final String LEAD = "soc-lead@contoso.com";
  private static SandboxStack stack;
  private static Worker worker;

  @BeforeAll
  static void startStack() {
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults()
                .withWorkerEnv(
                    Map.of("MASS_RESET_APPROVAL_THRESHOLD", "5", "APPROVAL_TIMEOUT", "30s")));
    worker = stack.startWorker();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static List<String> devices(int from) {
    return ANDROID.subList(from, from + 8);
  }

  private static int posts(List<String> devices) {
    return devices.stream().mapToInt(d -> stack.simulator().postCount(d)).sum();
  }

  private static long calls(List<String> devices) {
    return stack.simulator().calls().stream()
        .filter(c -> devices.stream().anyMatch(d -> d.equalsIgnoreCase(c.deviceId())))
        .count();
  }

  @Test
  void aHeldRequestKeepsItsTraceThroughTheHoldAndTheApprovalToItsLastEvent() {
    UUID id = UUID.randomUUID();
    String trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    List<String> devices = devices(120);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.requestTraced(RequestRun.request(id, devices, "", UNTRUSTED), id.toString(), trace);
      events.await(RequestHeld.class, h -> h.requestId().equals(id), TIMEOUT);

      events.control(id.toString(), GuardEvents.approval(id, "APPROVE", LEAD));
      events.await(RequestCompleted.class, c -> c.requestId().equals(id), TIMEOUT);

      assertThat(events.of(id))
          .hasAtLeastOneElementOfType(RequestApproved.class)
          .hasAtLeastOneElementOfType(DeviceOutcome.class);
      assertThat(events.tracesOf(id)).isNotEmpty().allMatch(trace::equals);
    }
  }

  @Test
  void aLargeRequestFromAnUntrustedSourceWaitsForASecondPersonThenRuns() {
    UUID id = UUID.randomUUID();
    List<String> devices = devices(0);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(id, devices, "", UNTRUSTED));

      RequestHeld held = events.await(RequestHeld.class, h -> h.requestId().equals(id), TIMEOUT);
      assertThat(held.deviceCount()).isEqualTo(8);
      assertThat(held.approvalThreshold()).isEqualTo(5);
      assertThat(held.expiresAt()).isEqualTo(held.heldAt().plusSeconds(30));
      assertThat(held.requestedBy()).isEqualTo("it@contoso.com");

      // The requester cannot approve their own request, whatever the case of the name.
      String selfApproval = GuardEvents.approval(id, "APPROVE", "IT@Contoso.com");
      events.control(id.toString(), selfApproval);
      ConsumerRecord<byte[], byte[]> refused =
          events.awaitDeadLetter(selfApproval, Duration.ofSeconds(30));
      assertThat(GuardEvents.reason(refused)).isEqualTo("SELF_APPROVAL");

      // A second copy of the held id is a duplicate, not a second hold.
      events.request(RequestRun.request(id, devices, "", UNTRUSTED));
      RequestRejected duplicate =
          events.await(RequestRejected.class, r -> r.requestId().equals(id), TIMEOUT);
      assertThat(duplicate.problems().get(0).problem())
          .contains("duplicate")
          .contains("waiting for approval");

      assertThat(events.of(id)).noneMatch(e -> e instanceof RequestAccepted);
      assertThat(calls(devices)).as("nothing touched while held").isZero();

      events.control(id.toString(), GuardEvents.approval(id, "APPROVE", LEAD));
      RequestCompleted completed =
          events.await(RequestCompleted.class, c -> c.requestId().equals(id), TIMEOUT);

      assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);
      List<ResultEvent> all = events.of(id);
      assertThat(all.get(0)).isInstanceOf(RequestHeld.class);
      assertThat(all)
          .filteredOn(e -> e instanceof RequestApproved)
          .singleElement()
          .satisfies(e -> assertThat(((RequestApproved) e).approvedBy()).isEqualTo(LEAD));
      int approved = indexOf(all, RequestApproved.class);
      assertThat(all.get(approved + 1)).isInstanceOf(RequestAccepted.class);
      assertThat(all)
          .filteredOn(e -> e instanceof DeviceOutcome)
          .hasSize(8)
          .allMatch(e -> ((DeviceOutcome) e).status() == OutcomeStatus.SUCCEEDED);
      assertThat(devices).allMatch(d -> stack.simulator().postCount(d) == 1);
    }
  }

  @Test
  void aDeniedRequestIsRejectedWithoutTouchingAnyDevice() {
    UUID id = UUID.randomUUID();
    List<String> devices = devices(20);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(id, devices, "", UNTRUSTED));
      events.await(RequestHeld.class, h -> h.requestId().equals(id), TIMEOUT);

      events.control(id.toString(), GuardEvents.approval(id, "DENY", LEAD));

      RequestRejected rejected =
          events.await(RequestRejected.class, r -> r.requestId().equals(id), TIMEOUT);
      assertThat(rejected.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.field()).isEqualTo("approval");
                assertThat(p.problem()).contains("denied by " + LEAD);
              });
      assertThat(events.all(RequestDenied.class))
          .filteredOn(d -> d.requestId().equals(id))
          .singleElement()
          .satisfies(d -> assertThat(d.deniedBy()).isEqualTo(LEAD));
      // A late approval finds nothing held.
      String late = GuardEvents.approval(id, "APPROVE", LEAD);
      events.control(id.toString(), late);
      assertThat(GuardEvents.reason(events.awaitDeadLetter(late, Duration.ofSeconds(30))))
          .isEqualTo("NOT_HELD");
      assertThat(events.of(id)).noneMatch(e -> e instanceof RequestAccepted);
      assertThat(calls(devices)).isZero();
    }
  }

  @Test
  void anUnapprovedRequestExpiresAndIsRejected() {
    UUID id = UUID.randomUUID();
    List<String> devices = devices(40);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(id, devices, "", UNTRUSTED));
      RequestHeld held = events.await(RequestHeld.class, h -> h.requestId().equals(id), TIMEOUT);

      RequestExpired expired =
          events.await(RequestExpired.class, e -> e.requestId().equals(id), TIMEOUT);
      RequestRejected rejected =
          events.await(RequestRejected.class, r -> r.requestId().equals(id), TIMEOUT);

      assertThat(expired.expiredAt()).isAfterOrEqualTo(held.expiresAt());
      assertThat(rejected.problems().get(0).field()).isEqualTo("approval");
      assertThat(rejected.problems().get(0).problem()).contains("not approved within 30s");
      assertThat(calls(devices)).isZero();
    }
  }

  @Test
  void aHeldRequestSurvivesAWorkerRestart() {
    UUID id = UUID.randomUUID();
    List<String> devices = devices(60);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(id, devices, "", UNTRUSTED));
      events.await(RequestHeld.class, h -> h.requestId().equals(id), TIMEOUT);

      synchronized (ApprovalIT.class) {
        worker.close();
        worker = stack.startWorker("approval-it-restarted-" + UUID.randomUUID(), Map.of());
      }
      events.control(id.toString(), GuardEvents.approval(id, "APPROVE", LEAD));

      RequestCompleted completed =
          events.await(RequestCompleted.class, c -> c.requestId().equals(id), TIMEOUT);
      assertThat(completed.counts().succeeded()).isEqualTo(8);
      assertThat(posts(devices)).isEqualTo(8);
    }
  }

  @Test
  void trustedSourcesAndDryRunsAreNotHeld() {
    UUID trusted = UUID.randomUUID();
    UUID dryRun = UUID.randomUUID();
    try (GuardEvents events = new GuardEvents(stack)) {
      events.request(RequestRun.request(trusted, devices(80), "", "it"));
      events.request(RequestRun.request(dryRun, devices(100), "\"dryRun\":true", UNTRUSTED));

      events.await(RequestCompleted.class, c -> c.requestId().equals(trusted), TIMEOUT);
      events.await(RequestCompleted.class, c -> c.requestId().equals(dryRun), TIMEOUT);

      assertThat(events.all(RequestHeld.class))
          .noneMatch(h -> h.requestId().equals(trusted) || h.requestId().equals(dryRun));
    }
  }

  @Test
  void malformedAndStrayApprovalsGoToTheDeadLetterQueue() {
    UUID nobody = UUID.randomUUID();
    String malformed = "{\"type\":\"Approval\",\"requestId\":";
    String stray = GuardEvents.approval(nobody, "APPROVE", LEAD);
    try (GuardEvents events = new GuardEvents(stack)) {
      events.control(nobody.toString(), malformed);
      events.control(otherPartitionThan(nobody), stray);

      assertThat(GuardEvents.reason(events.awaitDeadLetter(malformed, TIMEOUT)))
          .isEqualTo("MALFORMED_JSON");
      ConsumerRecord<byte[], byte[]> strayLetter = events.awaitDeadLetter(stray, TIMEOUT);
      assertThat(GuardEvents.reason(strayLetter)).isEqualTo("NOT_HELD");
      assertThat(EndToEndIT.header(strayLetter, "rerouted-from"))
          .as("moved to its request's partition first")
          .startsWith("passcode-reset.approvals-");
    }
  }

  /** A key that Kafka's default partitioner puts on another partition than the request id. */
  private static String otherPartitionThan(UUID id) {
    int home = partition(id.toString());
    for (int i = 0; ; i++) {
      if (partition("stray-" + i) != home) {
        return "stray-" + i;
      }
    }
  }

  private static int partition(String key) {
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % 3;
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
