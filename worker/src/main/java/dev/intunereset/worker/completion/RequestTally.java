package dev.intunereset.worker.completion;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.CancelApplied.TaskPartition;
import dev.intunereset.contracts.CancelReceived;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.worker.messaging.Acceptance;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the outcomes of one open request. Devices are counted once even if an outcome were
 * delivered twice, so a duplicate can never complete a request early or skew its counts.
 */
final class RequestTally {
  private final Acceptance acceptance;
  private final RequestAccepted accepted;
  private final Set<String> seen = new HashSet<>();
  private int succeeded;
  private int failed;
  private int skipped;
  private int timedOut;
  private CancelReceived cancel;
  private final Set<TaskPartition> stopped = new HashSet<>();
  private boolean cancelAnnounced;

  RequestTally(Acceptance acceptance) {
    this.acceptance = acceptance;
    this.accepted = acceptance.event();
  }

  /** The acceptance, whose trace the summary continues. */
  Acceptance acceptance() {
    return acceptance;
  }

  void add(DeviceOutcome outcome) {
    if (!seen.add(outcome.deviceId())) {
      return;
    }
    switch (outcome.status()) {
      case SUCCEEDED -> succeeded++;
      case FAILED -> failed++;
      case SKIPPED -> skipped++;
      case TIMED_OUT -> timedOut++;
    }
  }

  /** A cancel was taken while devices were still open. */
  void cancel(CancelReceived received) {
    if (cancel == null) {
      cancel = received;
    }
  }

  boolean canceling() {
    return cancel != null;
  }

  /** A dispatcher reported {@code partitions} stopped for this request's cancel. */
  void stopped(Collection<TaskPartition> partitions) {
    stopped.addAll(partitions);
  }

  /**
   * Whether {@link RequestCanceled} is due: every task partition stopped, or every device has its
   * outcome, so no reset of this request can start any more.
   */
  boolean cancelDue(Set<TaskPartition> allTaskPartitions) {
    return cancel != null
        && !cancelAnnounced
        && (isComplete() || stopped.containsAll(allTaskPartitions));
  }

  void cancelAnnounced() {
    cancelAnnounced = true;
  }

  RequestCanceled canceled(Instant now) {
    return new RequestCanceled(
        accepted.requestId(), cancel.canceledBy(), cancel.reason(), false, now);
  }

  boolean isComplete() {
    return seen.size() >= accepted.deviceCount();
  }

  /**
   * The summary: CANCELED when a cancel was taken before every device had its outcome; COMPLETED
   * when nothing failed; COMPLETED_WITH_FAILURES when failures were tolerated ({@code
   * ignorePartialFailures}) and something else went through; FAILED otherwise.
   */
  RequestCompleted summary(Instant now) {
    int failures = failed + timedOut;
    RequestStatus status;
    if (cancel != null) {
      status = RequestStatus.CANCELED;
    } else if (failures == 0) {
      status = RequestStatus.COMPLETED;
    } else if (accepted.ignorePartialFailures() && succeeded + skipped > 0) {
      status = RequestStatus.COMPLETED_WITH_FAILURES;
    } else {
      status = RequestStatus.FAILED;
    }
    return new RequestCompleted(
        accepted.requestId(),
        status,
        accepted.deviceCount(),
        new RequestCompleted.Counts(succeeded, failed, skipped, timedOut),
        accepted.acceptedAt(),
        now,
        accepted.requestedBy(),
        accepted.reason(),
        accepted.source(),
        Action.orDefault(accepted.action()));
  }
}
