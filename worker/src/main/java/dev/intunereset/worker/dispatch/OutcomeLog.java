package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One log line per committed outcome: INFO for failures, DEBUG otherwise (mass resets are big). */
final class OutcomeLog {
  private static final Logger log = LoggerFactory.getLogger(DispatchStage.class);

  private OutcomeLog() {}

  static void committed(DeviceOutcome o) {
    boolean failed = o.status() == OutcomeStatus.FAILED || o.status() == OutcomeStatus.TIMED_OUT;
    if (!failed && !log.isDebugEnabled()) {
      return;
    }
    try (var r = MDC.putCloseable("requestId", o.requestId().toString());
        var d = MDC.putCloseable("deviceId", o.deviceId());
        var s = MDC.putCloseable("source", o.request().source())) {
      if (failed) {
        log.info("device {}: {} {}: {}", o.deviceId(), o.status(), o.reasonCode(), o.message());
      } else {
        log.debug("device {}: {} {}", o.deviceId(), o.status(), o.reasonCode());
      }
    }
  }
}
