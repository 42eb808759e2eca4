package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.ExpansionDone;
import java.util.List;

/**
 * What a finished job publishes with its task's offset: outcomes, follow-up device tasks, and for
 * an expansion its answer to the intake.
 *
 * @param expansion the answer of an expansion, or null
 */
record JobResult(List<DeviceOutcome> outcomes, List<DeviceTask> followUps, Expanded expansion) {
  /** An expansion's answer and the requests partition it goes to. */
  record Expanded(int home, ExpansionDone done) {}

  JobResult {
    outcomes = List.copyOf(outcomes);
    followUps = List.copyOf(followUps);
  }

  JobResult(List<DeviceOutcome> outcomes, List<DeviceTask> followUps) {
    this(outcomes, followUps, null);
  }

  static JobResult of(DeviceOutcome outcome) {
    return new JobResult(List.of(outcome), List.of());
  }

  static JobResult expanded(int home, ExpansionDone done) {
    return new JobResult(List.of(), List.of(), new Expanded(home, done));
  }
}
