package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.worker.task.DeviceTask;
import java.util.List;

/** What a finished job publishes with its task's offset: outcomes and follow-up device tasks. */
record JobResult(List<DeviceOutcome> outcomes, List<DeviceTask> followUps) {
  JobResult {
    outcomes = List.copyOf(outcomes);
    followUps = List.copyOf(followUps);
  }

  static JobResult of(DeviceOutcome outcome) {
    return new JobResult(List.of(outcome), List.of());
  }
}
