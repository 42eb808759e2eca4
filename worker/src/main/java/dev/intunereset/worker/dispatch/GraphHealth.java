package dev.intunereset.worker.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether Graph authentication currently works, as seen by the last calls. Readiness reports the
 * reason, so an operator sees "token request for tenant X, client Y failed: AADSTS7000215
 * invalid_client" rather than a flood of failed devices.
 */
public final class GraphHealth {
  private record Problem(String message, Instant since) {}

  private final Clock clock;
  private final AtomicReference<Problem> authProblem = new AtomicReference<>();

  public GraphHealth(Clock clock) {
    this.clock = clock;
  }

  void authFailed(String message) {
    authProblem.updateAndGet(p -> p == null ? new Problem(message, clock.instant()) : p);
  }

  void authWorked() {
    authProblem.set(null);
  }

  /** The current authentication problem, if any. */
  public Optional<String> authProblem() {
    Problem p = authProblem.get();
    return p == null ? Optional.empty() : Optional.of(p.message() + " (since " + p.since() + ")");
  }
}
