package dev.intunereset.worker.ops;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.worker.action.DeviceAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The worker's own meters; names follow Prometheus conventions and are listed in docs. */
public final class WorkerMetrics {
  private final MeterRegistry registry;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String decision : new String[] {"HELD", "APPROVED", "DENIED", "EXPIRED", "CANCELED"}) {
      approvals(decision);
    }
    for (String answer :
        new String[] {"RECEIVED", "UNKNOWN_REQUEST", "ALREADY_FINISHED", "ALREADY_CANCELED"}) {
      cancels(answer);
    }
    // Registered at zero so that alerts on rate(...) see a series before the first 429 or retry.
    List<String> operations = new ArrayList<>(List.of("getManagedDevice"));
    for (Action action : Action.values()) {
      operations.add(DeviceAction.of(action).graphName());
    }
    for (String operation : operations) {
      for (boolean retryAfter : new boolean[] {true, false}) {
        throttled(operation, retryAfter);
      }
      for (String cause :
          new String[] {"THROTTLED", "GRAPH_ERROR", "TRANSPORT_ERROR", "UNAUTHORIZED"}) {
        retries(operation, cause);
      }
    }
  }

  private Counter approvals(String decision) {
    return Counter.builder("passcode_reset_approval_decisions")
        .description(
            "Requests held for approval, and held requests approved, denied, expired or canceled")
        .tag("decision", decision)
        .register(registry);
  }

  /** HELD, APPROVED, DENIED, EXPIRED or CANCELED. */
  public void approvalDecision(String decision) {
    approvals(decision).increment();
  }

  private Counter cancels(String answer) {
    return Counter.builder("passcode_reset_cancels")
        .description("Cancels of running requests taken, and cancels refused, by answer")
        .tag("answer", answer)
        .register(registry);
  }

  /** RECEIVED, or the CancelRefusal of a refused cancel. */
  public void cancel(String answer) {
    cancels(answer).increment();
  }

  private Counter throttled(String operation, boolean retryAfterGiven) {
    return Counter.builder("passcode_reset_graph_throttled")
        .description("Graph answers 429 Too Many Requests")
        .tag("operation", operation)
        .tag("retry_after", Boolean.toString(retryAfterGiven))
        .register(registry);
  }

  private Counter retries(String operation, String cause) {
    return Counter.builder("passcode_reset_graph_retries")
        .description("Graph calls scheduled for another attempt")
        .tag("operation", operation)
        .tag("cause", cause)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void requestAccepted(Lane lane) {
    Counter.builder("passcode_reset_requests_accepted")
        .description("Requests accepted and split into device tasks")
        .tag("lane", lane.name())
        .register(registry)
        .increment();
  }

  public void requestRejected(String reason) {
    Counter.builder("passcode_reset_requests_rejected")
        .description("Request messages rejected and dead-lettered")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void requestCompleted(RequestStatus status, Duration sinceAccepted) {
    Counter.builder("passcode_reset_requests_completed")
        .description("Requests that reached RequestCompleted")
        .tag("status", status.name())
        .register(registry)
        .increment();
    Timer.builder("passcode_reset_request_duration")
        .description("Time from RequestAccepted to RequestCompleted")
        .publishPercentileHistogram()
        .register(registry)
        .record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
  }

  public void deviceOutcome(OutcomeStatus status, ReasonCode reason) {
    Counter.builder("passcode_reset_device_outcomes")
        .description("Terminal per-device outcomes published")
        .tag("status", status.name())
        .tag("reason", reason.name())
        .register(registry)
        .increment();
  }

  public void graphCall(String operation, int status, Duration latency) {
    Timer.builder("passcode_reset_graph_call_duration")
        .description("Latency of Graph calls by operation and HTTP status (0 = no response)")
        .tag("operation", operation)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(latency);
  }

  public void graphRetry(String operation, String cause) {
    retries(operation, cause).increment();
  }

  /** A 429 from Graph; also counted as a retry when one follows. */
  public void graphThrottled(String operation, boolean retryAfterGiven) {
    throttled(operation, retryAfterGiven).increment();
  }

  /** Time a call waited in the budget gate for a slot and permits. */
  public void permitWait(String operation, String lane, Duration waited) {
    Timer.builder("passcode_reset_graph_permit_wait")
        .description("Time from asking the budget gate for a Graph call to being granted one")
        .tag("operation", operation)
        .tag("lane", lane)
        .publishPercentileHistogram()
        .register(registry)
        .record(waited);
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    io.micrometer.core.instrument.Gauge.builder(name, value)
        .description(description)
        .register(registry);
  }

  /** A gauge with one label, e.g. one series per action. */
  public void gauge(
      String name, String description, String label, String labelValue, Supplier<Number> value) {
    io.micrometer.core.instrument.Gauge.builder(name, value)
        .description(description)
        .tag(label, labelValue)
        .register(registry);
  }
}
