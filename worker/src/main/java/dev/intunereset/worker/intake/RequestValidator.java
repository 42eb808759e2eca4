package dev.intunereset.worker.intake;

import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestLimits;
import dev.intunereset.contracts.RequestParser;
import dev.intunereset.contracts.RequestRejected.Problem;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.config.WorkerConfig.RequestPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a request message is usable: the contract's {@link RequestParser} with this
 * worker's limits, then this worker's own policy (allowed sources, configured passcode recipients),
 * reporting every problem rather than the first.
 */
final class RequestValidator {
  static final int MAX_REQUESTED_BY = RequestParser.MAX_REQUESTED_BY;
  static final int MAX_REASON = RequestParser.MAX_REASON;
  static final int MAX_REPORTED_PROBLEMS = RequestParser.MAX_REPORTED_PROBLEMS;

  private static final String SOURCE_NOT_ALLOWED = "SOURCE_NOT_ALLOWED";

  private final RequestPolicy policy;
  private final GuardSettings guards;
  private final Set<String> passcodeRecipients;
  private final RequestLimits limits;

  RequestValidator(RequestPolicy policy, GuardSettings guards, Set<String> passcodeRecipients) {
    this.policy = policy;
    this.guards = guards;
    this.passcodeRecipients = Set.copyOf(passcodeRecipients);
    this.limits = new RequestLimits(policy.maxDevices(), policy.maxBytes(), policy.maxTimeout());
  }

  Verdict validate(byte[] value) {
    RequestParser.Result result = RequestParser.parse(value, limits);
    if (result instanceof RequestParser.Parsed parsed) {
      return decide(parsed);
    }
    RequestParser.Rejected rejected = (RequestParser.Rejected) result;
    if (!rejected.fieldsChecked()) {
      // Not a request object at all: there are no fields for the policy to look at.
      return verdict(rejected);
    }
    boolean sourceMalformed =
        rejected.problems().stream().anyMatch(p -> p.field().equals("source"));
    List<Problem> policyProblems =
        policyProblems(rejected.source(), sourceMalformed, rejected.passcodeRecipient());
    return verdict(rejected.plus(policyProblems, rejected.code()));
  }

  private Verdict decide(RequestParser.Parsed parsed) {
    var request = parsed.request();
    String recipient =
        request.passcodeDelivery() == null ? null : request.passcodeDelivery().recipient();
    List<Problem> problems = policyProblems(request.source(), false, recipient);
    if (request.targets() != null) {
      // Until this worker expands targets, a request with them is refused, never run without them.
      problems.add(new Problem("targets", "not supported by this worker version"));
    }
    if (!problems.isEmpty()) {
      // SOURCE_NOT_ALLOWED only when the allowlist is the only problem.
      boolean onlySource = problems.size() == 1 && problems.get(0).field().equals("source");
      return new Verdict.Rejected(
          request.requestId(),
          request.requestedBy(),
          request.source(),
          onlySource ? SOURCE_NOT_ALLOWED : RequestParser.INVALID_REQUEST,
          problems);
    }
    Lane lane =
        request.deviceIds().size() <= policy.interactiveMaxDevices() ? Lane.INTERACTIVE : Lane.BULK;
    return new Verdict.Accepted(
        request,
        parsed.duplicatesFolded(),
        lane,
        parsed.timeout() == null ? policy.defaultTimeout() : parsed.timeout());
  }

  /**
   * This worker's rules on a well-formed request: its source must be allowed (checked after the
   * syntax, so a malformed source is reported once) and its recipient configured.
   */
  private List<Problem> policyProblems(String source, boolean sourceMalformed, String recipient) {
    List<Problem> problems = new ArrayList<>();
    if (!guards.anySource() && !sourceMalformed) {
      if (source == null) {
        problems.add(
            new Problem("source", "required: this worker accepts requests only from " + allowed()));
      } else if (!guards.allowedSources().contains(source)) {
        problems.add(
            new Problem(
                "source", "'" + source + "' is not an allowed source; allowed: " + allowed()));
      }
    }
    if (recipient != null && !passcodeRecipients.contains(recipient)) {
      problems.add(
          new Problem(
              "passcodeDelivery.recipient",
              "'"
                  + recipient
                  + "' is not a configured recipient; configured: "
                  + (passcodeRecipients.isEmpty()
                      ? "none (passcode delivery is not set up on this worker)"
                      : String.join(", ", new TreeSet<>(passcodeRecipients)))));
    }
    return problems;
  }

  private String allowed() {
    return guards.allowedSources().stream().sorted().toList() + " (REQUEST_ALLOWED_SOURCES)";
  }

  private static Verdict.Rejected verdict(RequestParser.Rejected r) {
    return new Verdict.Rejected(r.requestId(), r.requestedBy(), r.source(), r.code(), r.problems());
  }
}
