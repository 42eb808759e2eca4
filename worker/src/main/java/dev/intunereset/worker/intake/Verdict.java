package dev.intunereset.worker.intake;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestRejected.Problem;
import dev.intunereset.contracts.ResetRequest;
import dev.intunereset.worker.split.SplitRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What the validator decided about one request message. */
sealed interface Verdict {

  /**
   * A usable request: the contract's parsed request plus what this worker derived from it.
   *
   * @param request the request as the contract parser normalized it: device ids lower-cased with
   *     duplicates folded in first-seen order, audit text trimmed
   * @param duplicatesFolded how many device ids repeated an earlier one
   * @param lane interactive or bulk, by this worker's threshold
   * @param timeout the request's timeout, or this worker's default when it gave none
   */
  record Accepted(ResetRequest request, int duplicatesFolded, Lane lane, Duration timeout)
      implements Verdict, SplitRequest {
    public Accepted {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public UUID requestId() {
      return request.requestId();
    }

    @Override
    public List<String> deviceIds() {
      return request.deviceIds();
    }

    @Override
    public String requestedBy() {
      return request.requestedBy();
    }

    @Override
    public String reason() {
      return request.reason();
    }

    @Override
    public String source() {
      return request.source();
    }

    @Override
    public boolean ignorePartialFailures() {
      return request.ignorePartialFailures();
    }

    @Override
    public boolean validateDeviceExists() {
      return request.validateDeviceExists();
    }

    @Override
    public boolean dryRun() {
      return request.dryRun();
    }

    @Override
    public boolean force() {
      return request.force();
    }

    /** The recipient the new passcode is sealed to, or {@code null} when none was asked for. */
    @Override
    public String passcodeRecipient() {
      return request.passcodeDelivery() == null ? null : request.passcodeDelivery().recipient();
    }

    @Override
    public boolean trackSettlement() {
      return request.trackSettlement();
    }

    @Override
    public Action action() {
      return request.action();
    }

    /** The request's settle timeout (the parser checked it), or null for the worker's. */
    @Override
    public Duration settleTimeout() {
      return Durations.parse(request.settleTimeout()).orElse(null);
    }
  }

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
