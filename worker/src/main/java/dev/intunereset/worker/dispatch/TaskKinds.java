package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.ExpansionTask;
import dev.intunereset.worker.task.ValidationTask;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The job for a record of a task topic, by the kind its header names ({@link
 * DeviceTask#KIND_HEADER}).
 */
final class TaskKinds {
  private TaskKinds() {}

  /**
   * @param possiblyAttempted whether a device task may have been sent by a previous owner
   * @throws RuntimeException when the record cannot be read as its kind
   */
  static TaskJob job(
      String kind,
      byte[] value,
      JobContext jobs,
      BooleanSupplier possiblyAttempted,
      Consumer<JobResult> done) {
    return switch (kind) {
      case ValidationTask.KIND ->
          new ValidationJob(Json.read(value, ValidationTask.class), jobs, done);
      case ExpansionTask.KIND ->
          new ExpansionJob(Json.read(value, ExpansionTask.class), jobs, done);
      default ->
          new DeviceResetJob(
              Json.read(value, DeviceTask.class), jobs, possiblyAttempted.getAsBoolean(), done);
    };
  }
}
