package dev.intunereset.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.config.WorkerConfig.ActionLimits;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.config.WorkerConfig.RequestPolicy;
import dev.intunereset.worker.messaging.Partitions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private static final int PARTITIONS = 6;
  private static final UUID ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final int HOME = Partitions.home(ID.toString(), PARTITIONS);
  private static final RequestPolicy POLICY =
      new RequestPolicy(
          10_000, 1 << 20, Duration.ofHours(1), Duration.ofHours(24), 2, Set.of(Platform.AOSP));

  /** Approval above 3 devices, except from the trusted source "servicenow". */
  private static final GuardSettings APPROVAL_OVER_3 =
      new GuardSettings(
          "approvals",
          "brake",
          Set.of(),
          true,
          Set.of("servicenow"),
          3,
          Duration.ofHours(1),
          Duration.ZERO,
          Duration.ZERO,
          0,
          Duration.ofMinutes(10),
          new ActionLimits(0, Duration.ZERO, 0));

  private final Set<UUID> usedIds = new HashSet<>();
  private final Admission.UsedIds used =
      new Admission.UsedIds() {
        @Override
        public boolean contains(int partition, UUID requestId) {
          return partition == HOME && usedIds.contains(requestId);
        }

        @Override
        public String describe(int partition, UUID requestId) {
          return "request " + requestId + " was already accepted";
        }
      };

  private static Verdict request(int devices, String source, boolean dryRun) {
    String ids =
        IntStream.rangeClosed(1, devices)
            .mapToObj(i -> String.format("\"00000000-0000-4000-8000-%012d\"", i))
            .collect(Collectors.joining(",", "[", "]"));
    String json =
        "{\"schemaVersion\":1,\"requestId\":\""
            + ID
            + "\",\"deviceIds\":"
            + ids
            + ",\"requestedBy\":\"agent@contoso.com\",\"reason\":\"INC1\",\"source\":\""
            + source
            + "\",\"dryRun\":"
            + dryRun
            + "}";
    return new RequestValidator(POLICY, APPROVAL_OVER_3, Set.of())
        .validate(json.getBytes(StandardCharsets.UTF_8));
  }

  private Admission admit(Verdict verdict, int partition) {
    return Admission.of(verdict, partition, PARTITIONS, used, APPROVAL_OVER_3);
  }

  @Test
  void acceptsAFreshRequestOnItsHomePartition() {
    assertThat(admit(request(2, "soar", false), HOME))
        .isInstanceOfSatisfying(Admission.Accept.class, a -> assertThat(a.home()).isEqualTo(HOME));
  }

  @Test
  void movesARequestReadElsewhereToItsIdsHomePartition() {
    int elsewhere = (HOME + 1) % PARTITIONS;

    assertThat(admit(request(2, "soar", false), elsewhere)).isEqualTo(new Admission.Reroute(HOME));
  }

  @Test
  void rejectsACopyOfAUsedIdSayingWhatBecameOfTheFirst() {
    usedIds.add(ID);

    Admission admission = admit(request(2, "soar", false), HOME);

    assertThat(admission).isInstanceOf(Admission.Reject.class);
    Verdict.Rejected rejected = ((Admission.Reject) admission).rejected();
    assertThat(rejected.dlqReason()).isEqualTo("DUPLICATE_REQUEST");
    assertThat(rejected.requestId()).isEqualTo(ID);
    assertThat(rejected.problems())
        .containsExactly(
            new RequestRejected.Problem(
                "requestId",
                "duplicate: request "
                    + ID
                    + " was already accepted; this copy is not run and the original's events"
                    + " stand"));
  }

  @Test
  void holdsALargeRequestFromAnUntrustedSource() {
    assertThat(admit(request(4, "soar", false), HOME)).isInstanceOf(Admission.Hold.class);
  }

  @Test
  void runsALargeRequestFromATrustedSourceWithoutApproval() {
    assertThat(admit(request(4, "servicenow", false), HOME)).isInstanceOf(Admission.Accept.class);
  }

  @Test
  void runsALargeDryRunWithoutApproval() {
    assertThat(admit(request(4, "soar", true), HOME)).isInstanceOf(Admission.Accept.class);
  }

  @Test
  void passesAnUnusableMessageOnAsARejection() {
    Verdict.Rejected unusable =
        new Verdict.Rejected(
            null, null, null, "MALFORMED_JSON", List.of(new RequestRejected.Problem("$", "x")));

    assertThat(admit(unusable, 0)).isEqualTo(new Admission.Reject(unusable));
  }
}
