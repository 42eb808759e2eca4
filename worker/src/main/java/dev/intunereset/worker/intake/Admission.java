package dev.intunereset.worker.intake;

import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.messaging.Partitions;
import java.util.List;
import java.util.UUID;

/** What the intake does with one request message, decided without Kafka. */
sealed interface Admission {

  /** Read on another partition than its id's home: moved there first, decided there. */
  record Reroute(int home) implements Admission {}

  /** Unusable, or a copy of an id already used: answered and dead-lettered. */
  record Reject(Verdict.Rejected rejected) implements Admission {}

  /** Large and from an untrusted source: kept until a second person decides. */
  record Hold(Verdict.Accepted request, int home) implements Admission {}

  /** Runs now. */
  record Accept(Verdict.Accepted request, int home) implements Admission {}

  /** The duplicate check, as far as the intake's state can tell. */
  interface UsedIds {
    boolean contains(int partition, UUID requestId);

    /** What became of a used id, for the answer to its copy. */
    String describe(int partition, UUID requestId);
  }

  /**
   * Decides on a validated message read from {@code partition} of {@code partitions}: every copy of
   * an id must meet the same duplicate check, so a message is decided only on its id's home.
   */
  static Admission of(
      Verdict verdict, int partition, int partitions, UsedIds used, GuardSettings guards) {
    if (!(verdict instanceof Verdict.Accepted a)) {
      return new Reject((Verdict.Rejected) verdict);
    }
    int home = Partitions.home(a.requestId().toString(), partitions);
    if (partition != home) {
      return new Reroute(home);
    }
    if (used.contains(home, a.requestId())) {
      return new Reject(duplicate(a, used.describe(home, a.requestId())));
    }
    if (guards.needsApproval(a.action(), a.deviceIds().size(), a.source(), a.dryRun())) {
      return new Hold(a, home);
    }
    return new Accept(a, home);
  }

  private static Verdict.Rejected duplicate(Verdict.Accepted a, String earlier) {
    return new Verdict.Rejected(
        a.requestId(),
        a.requestedBy(),
        a.source(),
        "DUPLICATE_REQUEST",
        List.of(
            new RequestRejected.Problem(
                "requestId",
                "duplicate: "
                    + earlier
                    + "; this copy is not run and the original's events stand")));
  }
}
