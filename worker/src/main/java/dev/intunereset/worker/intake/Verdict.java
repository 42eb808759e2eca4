package dev.intunereset.worker.intake;

import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestRejected.Problem;
import dev.intunereset.worker.split.SplitRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What the validator decided about one request message. */
sealed interface Verdict {

  /**
   * A usable request; device ids are lower-cased and duplicates folded, in first-seen order. {@code
   * passcodeRecipient} is null when no delivery was asked for.
   */
  record Accepted(
      UUID requestId,
      List<String> deviceIds,
      int duplicatesFolded,
      Lane lane,
      Duration timeout,
      String requestedBy,
      String reason,
      String source,
      boolean ignorePartialFailures,
      boolean validateDeviceExists,
      boolean dryRun,
      boolean force,
      String passcodeRecipient)
      implements Verdict, SplitRequest {}

  /**
   * An unusable message. {@code requestId}, {@code requestedBy} and {@code source} are set when
   * they could be read, so that the producer can be told why; {@code dlqReason} is a short code.
   */
  record Rejected(
      UUID requestId, String requestedBy, String source, String dlqReason, List<Problem> problems)
      implements Verdict {
    public Rejected {
      problems = List.copyOf(problems);
    }

    String summary() {
      StringBuilder sb = new StringBuilder();
      for (Problem p : problems) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(p.field()).append(": ").append(p.problem());
        if (sb.length() > 900) {
          sb.append("; ...");
          break;
        }
      }
      return sb.toString();
    }
  }
}
